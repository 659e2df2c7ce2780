/// The one outcome model every front end, writer and the journal share.
/// Each device ends with exactly one of these.
public enum DeviceOutcome: String, Sendable, CaseIterable, Codable, Comparable {
    /// The status says success for this operation.
    case success
    /// Assign on a device that already had a licence: the wanted state.
    case alreadyLicensed
    /// Remove on a device that had no licence: the wanted state.
    case notLicensed
    /// Anything else; raw status and reason are kept verbatim.
    case failed
    /// Never sent: invalid, a duplicate, or the run stopped first.
    case skipped

    /// The device is in the state the operator wanted.
    public var isDone: Bool { self == .success || self == .alreadyLicensed || self == .notLicensed }

    /// Words for a screen or a table.
    public var label: String {
        switch self {
        case .success: return "success"
        case .alreadyLicensed: return "already licensed"
        case .notLicensed: return "not licensed"
        case .failed: return "failed"
        case .skipped: return "skipped"
        }
    }

    public static func < (a: DeviceOutcome, b: DeviceOutcome) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Classifies one device's line of an assign/remove response (any API version).
    public static func classify(operation: LicenseOperation, status: String, reason: String) -> DeviceOutcome {
        let r = reason.lowercased()
        switch operation {
        case .assign:
            // A reason that says the licence preexists wins whatever the status string.
            if r.contains("preexist") || r.contains("pre-exist") || r.contains("already assigned")
                || r.contains("already licensed") || r.contains("already has a license") {
                return .alreadyLicensed
            }
            if status == "LicenseAssignSuccess" || status == "Success" { return .success }
            return .failed
        case .remove:
            if r.contains("no license attached") || r.contains("no licence attached")
                || r.contains("not licensed") || r.contains("no license assigned") || r.contains("does not have a license") {
                return .notLicensed
            }
            if status == "LicenseRemoveSuccess" || status == "Success" { return .success }
            return .failed
        }
    }
}

/// One device's final result.
public struct DeviceResult: Equatable, Sendable, Codable {
    public var deviceId: String
    /// Raw status from the server, or a word of ours for devices never answered (`NotSent`, `Invalid`, ...).
    public var status: String
    public var reason: String
    public var outcome: DeviceOutcome

    public init(deviceId: String, status: String, reason: String, outcome: DeviceOutcome) {
        self.deviceId = deviceId
        self.status = status
        self.reason = reason
        self.outcome = outcome
    }

    public init(operation: LicenseOperation, line: DeviceStatusLine) {
        self.init(deviceId: line.deviceId, status: line.status, reason: line.reason,
                  outcome: DeviceOutcome.classify(operation: operation, status: line.status, reason: line.reason))
    }
}
