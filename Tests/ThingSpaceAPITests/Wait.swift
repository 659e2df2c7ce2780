import Foundation
import Testing

/// A wait that ran out of time; the test stops here instead of hanging.
struct WaitTimedOut: Error, CustomStringConvertible {
    var what: String
    var seconds: Double
    var description: String { "timed out after \(seconds) s waiting for \(what)" }
}

/// Polls `condition` (every 5 ms, without blocking a thread) until it holds. After `seconds` (a
/// bound for a hang, not a measure of speed: these machines are shared and loaded) it
/// records an issue naming `what` and throws, so a regression fails instead of hanging.
func waitUntil(_ what: String, within seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation,
               _ condition: () async -> Bool) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while !(await condition()) {
        guard ContinuousClock.now < deadline else {
            let error = WaitTimedOut(what: what, seconds: seconds)
            Issue.record(Comment(rawValue: error.description), sourceLocation: sourceLocation)
            throw error
        }
        try await Task.sleep(nanoseconds: 5_000_000)
    }
}

/// Set once by a watchdog, read by the test.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// Runs `body`; if it is still going after `seconds`, `onTimeout` is called (it should make
/// `body` end, e.g. by cancelling the run it waits on), an issue naming `what` is recorded and
/// `WaitTimedOut` is thrown.
func withDeadline<T>(_ what: String, within seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation,
                     onTimeout: @escaping @Sendable () -> Void, _ body: () async throws -> T) async throws -> T {
    let fired = Flag()
    let watchdog = Task {
        try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
        guard !Task.isCancelled else { return }
        fired.set()
        onTimeout()
    }
    defer { watchdog.cancel() }
    let result = try await body()
    if fired.isSet {
        let error = WaitTimedOut(what: what, seconds: seconds)
        Issue.record(Comment(rawValue: error.description), sourceLocation: sourceLocation)
        throw error
    }
    return result
}
