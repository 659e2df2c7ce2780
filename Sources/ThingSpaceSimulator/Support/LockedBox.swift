import Foundation

/// A value behind a lock, for the little synchronous state kept outside the state actor
/// (`ThingSpaceSimulator`'s server task and base URL, `ManualSimulatorClock`'s reading).
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
