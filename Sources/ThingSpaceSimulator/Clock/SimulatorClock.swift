import Foundation

/// The simulator's notion of "now": a monotonic instant that decides token and session expiry,
/// and a wall clock (milliseconds since 1970) for the timestamps it writes (assignment times).
/// `SystemSimulatorClock` is the real one; `ManualSimulatorClock` moves only when told to, so
/// tests decide expiry without sleeping.
public protocol SimulatorClock: Sendable {
    /// Monotonic time, for expiry.
    var now: ContinuousClock.Instant { get }
    /// Wall-clock time in milliseconds since 1970, for timestamps.
    var wallClockMilliseconds: Int64 { get }
}

/// The real clocks: `ContinuousClock` and the system's wall clock.
public struct SystemSimulatorClock: SimulatorClock {
    public init() {}

    public var now: ContinuousClock.Instant { ContinuousClock.now }

    public var wallClockMilliseconds: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
