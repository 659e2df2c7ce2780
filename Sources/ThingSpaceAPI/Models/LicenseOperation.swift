/// The two licence operations. Wire paths and per-version status strings hang off this.
public enum LicenseOperation: String, Sendable, CaseIterable, Codable {
    case assign
    case remove

    /// The last path segment: `/licenses/{account}/assign` or `/remove`.
    public var pathComponent: String { rawValue }
    public var verb: String { self == .assign ? "assign" : "remove" }
}

/// Which FOTA API generation the client speaks. v1 is the primary format; v3 is added as a
/// further case with its own `WireDialect`.
public enum APIVersion: String, Sendable, CaseIterable, Codable {
    case v1
    case v3
}
