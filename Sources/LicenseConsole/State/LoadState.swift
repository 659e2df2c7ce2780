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

    public var isLoading: Bool { generation > 0 && !done && error == nil }
}
