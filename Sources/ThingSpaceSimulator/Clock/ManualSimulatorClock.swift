/// A clock that stands still until `advance(by:)` moves it; both its monotonic and its wall-clock
/// time move together. Share one between a simulator and a test to decide expiry exactly.
public final class ManualSimulatorClock: SimulatorClock {
    private struct Reading {
        var elapsed: Duration = .zero
        var wallClockMilliseconds: Int64
    }

    private let origin = ContinuousClock.now
    private let reading: LockedBox<Reading>

    /// `wallClockMilliseconds` is the wall-clock time it starts at (default 2024-03-11T16:03:42Z).
    public init(wallClockMilliseconds: Int64 = 1_710_173_022_000) {
        reading = LockedBox(Reading(wallClockMilliseconds: wallClockMilliseconds))
    }

    public var now: ContinuousClock.Instant { origin + reading.withLock { $0.elapsed } }

    public var wallClockMilliseconds: Int64 { reading.withLock { $0.wallClockMilliseconds } }

    /// How far the clock has been advanced since it was made.
    public var elapsed: Duration { reading.withLock { $0.elapsed } }

    /// Moves both times forward by `duration` (a negative duration is ignored: time never runs back).
    public func advance(by duration: Duration) {
        guard duration > .zero else { return }
        reading.withLock { reading in
            reading.elapsed += duration
            reading.wallClockMilliseconds += Self.milliseconds(duration)
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
