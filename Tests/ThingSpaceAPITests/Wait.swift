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
/// `trail` (what happened so far, as `Trail` keeps it) goes into the issue, so a wait that
/// timed out on a loaded machine says where it stood.
func withDeadline<T>(_ what: String, within seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation,
                     trail: Trail? = nil,
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
        let story = trail.map { "; the last steps, in ms since the start:\n\($0.text)" } ?? ""
        Issue.record(Comment(rawValue: error.description + story), sourceLocation: sourceLocation)
        throw error
    }
    return result
}

/// What a waited-for piece of work did, each step stamped with the milliseconds since the trail
/// began; the last `keep` steps are kept.
final class Trail: @unchecked Sendable {
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private let keep: Int
    private var steps: [String] = []
    private var dropped = 0

    init(keep: Int = 12) { self.keep = keep }

    func add(_ step: String) {
        let elapsed = ContinuousClock.now - start
        let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        lock.withLock {
            steps.append("  \(ms) \(step)")
            if steps.count > keep { steps.removeFirst(); dropped += 1 }
        }
    }

    var text: String {
        lock.withLock { (dropped > 0 ? ["  (\(dropped) earlier steps)"] : []) + steps }.joined(separator: "\n")
    }
}
