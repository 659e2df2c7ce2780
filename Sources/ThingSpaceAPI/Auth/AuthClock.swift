/// The authenticator's notion of "now": it decides when a cached API token is due for early
/// renewal. `SystemAuthClock` (the default) reads `ContinuousClock`; tests inject a clock they
/// move by hand, so renewal is tested without waiting.
public protocol AuthClock: Sendable {
    var now: ContinuousClock.Instant { get }
}

/// The real clock: `ContinuousClock.now`.
public struct SystemAuthClock: AuthClock {
    public init() {}

    public var now: ContinuousClock.Instant { ContinuousClock.now }
}
