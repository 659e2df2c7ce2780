import ThingSpaceAPI

/// Progress of reading the account's devices.
public struct LoadState: Sendable, Equatable {
    /// Bumped by every refresh; messages of older generations are ignored.
    public internal(set) var generation = 0
    /// Devices received in this generation, as the loader counts them.
    public internal(set) var loaded = 0
    /// The last page arrived.
    public internal(set) var done = false
    /// The load stopped with this error.
    public internal(set) var error: ThingSpaceError?
    /// The read being retried, while it waits ("device list page 12: HTTP 429, retrying in 1 s").
    public internal(set) var retry: RetryNotice?

    public var isLoading: Bool { generation > 0 && !done && error == nil }
}
