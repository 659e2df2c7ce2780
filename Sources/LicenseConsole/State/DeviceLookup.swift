import ThingSpaceAPI

/// What the details dialog reads on demand for one device, beyond the device list.
public struct DeviceLookup: Sendable, Equatable {
    /// The API's own record of the device (v3: status, protocol, software); nil on v1, which
    /// has no such call (its device list holds all it knows).
    public var details: DeviceDetails?
    /// When the licence was assigned, from the licence summary; nil when not found or not read.
    public var assignmentTime: String?
    /// The licence summary was searched for the device (only for a licensed device).
    public var assignmentSearched: Bool
    /// Attempts on the device in earlier runs (the run journal), oldest first; empty until a
    /// journal is wired in.
    public var earlierAttempts: [DeviceAttempt]

    public init(details: DeviceDetails? = nil, assignmentTime: String? = nil, assignmentSearched: Bool = false,
                earlierAttempts: [DeviceAttempt] = []) {
        self.details = details
        self.assignmentTime = assignmentTime
        self.assignmentSearched = assignmentSearched
        self.earlierAttempts = earlierAttempts
    }
}

/// The details dialog (Enter in the list): the device under the cursor when it opened.
public struct DeviceDetailsDialog: Sendable, Equatable {
    public enum Lookup: Sendable, Equatable {
        case reading
        case read(DeviceLookup)
        case failed(String)
    }

    public var deviceId: String
    public var lookup: Lookup = .reading

    public init(deviceId: String) {
        self.deviceId = deviceId
    }
}
