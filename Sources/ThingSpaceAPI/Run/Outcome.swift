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
    /// Sent, but no answer ever came (status `NoAnswer`): the request may or may not have been
    /// applied. Not done: a retry or a resume sends the device again.
    case unknown
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
        case .unknown: return "unknown"
        case .skipped: return "skipped"
        }
    }

    public static func < (a: DeviceOutcome, b: DeviceOutcome) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Classifies one device's line of an assign/remove response (any API version).
    public static func classify(operation: LicenseOperation, status: String, reason: String) -> DeviceOutcome {
        switch operation {
        case .assign:
            // A reason that says the licence preexists wins whatever the status string.
            if says(reason, any: preexisting) { return .alreadyLicensed }
            if status == "LicenseAssignSuccess" || status == "Success" { return .success }
            return .failed
        case .remove:
            if says(reason, any: noLicence) { return .notLicensed }
            if status == "LicenseRemoveSuccess" || status == "Success" { return .success }
            return .failed
        }
    }

    /// Lowercase fragments of reasons that say the wanted state was already there.
    static let preexisting = ["preexist", "pre-exist", "already assigned", "already licensed", "already has a license"]
    static let noLicence = ["no license attached", "no licence attached", "not licensed", "no license assigned",
                            "does not have a license"]

    /// True when `reason`, lowercased, contains one of `fragments` (lowercase ASCII). An ASCII
    /// reason (every answer seen so far) is searched as bytes, once per device of every batch;
    /// any other goes through `lowercased()` and `contains` as before.
    static func says(_ reason: String, any fragments: [String]) -> Bool {
        var lowered: [UInt8] = []
        lowered.reserveCapacity(reason.utf8.count)
        for b in reason.utf8 {
            guard b < 0x80 else {
                let r = reason.lowercased()
                return fragments.contains { r.contains($0) }
            }
            lowered.append(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b)
        }
        return fragments.contains { fragment in
            let needle = Array(fragment.utf8)
            guard needle.count <= lowered.count else { return false }
            for start in 0...(lowered.count - needle.count) where lowered[start] == needle[0] {
                if lowered[start..<start + needle.count].elementsEqual(needle) { return true }
            }
            return false
        }
    }
}

/// One device's final result.
extension DeviceOutcome {
    /// Reasons (lowercased fragments) of failures that no retry can help, in either API version:
    /// the device is not in the account, does not exist, or is not eligible for a licence.
    public static let permanentFailureReasons = [
        "not found", "does not exist", "not exist", "not eligible", "ineligible", "invalid device", "not belong",
    ]

    /// True when a failed device's `reason` says a retry cannot help.
    public static func isPermanentFailure(reason: String) -> Bool {
        let r = reason.lowercased()
        return permanentFailureReasons.contains { r.contains($0) }
    }
}

public struct DeviceResult: Equatable, Sendable, Codable {
    public var deviceId: String
    /// Raw status from the server, or a word of ours for devices never answered (`NotSent`,
    /// `NoAnswer`, `Invalid`, ...).
    public var status: String
    public var reason: String
    public var outcome: DeviceOutcome
    /// Times the device's batch was sent (0 for a device never sent).
    public var attempts: Int
    /// An earlier attempt of the device's batch went unanswered (the connection closed or the
    /// deadline passed after sending): an `alreadyLicensed` or `notLicensed` may be this run's
    /// own doing.
    public var earlierAttemptUnanswered: Bool

    /// The status word of a device whose batch never got an answer.
    public static let noAnswerStatus = "NoAnswer"
    /// The status word of a device never sent.
    public static let notSentStatus = "NotSent"

    public init(deviceId: String, status: String, reason: String, outcome: DeviceOutcome, attempts: Int = 0,
                earlierAttemptUnanswered: Bool = false) {
        self.deviceId = deviceId
        self.status = status
        self.reason = reason
        self.outcome = outcome
        self.attempts = attempts
        self.earlierAttemptUnanswered = earlierAttemptUnanswered
    }

    public init(operation: LicenseOperation, line: DeviceStatusLine, attempts: Int = 1, earlierAttemptUnanswered: Bool = false) {
        self.init(deviceId: line.deviceId, status: line.status, reason: line.reason,
                  outcome: DeviceOutcome.classify(operation: operation, status: line.status, reason: line.reason),
                  attempts: attempts, earlierAttemptUnanswered: earlierAttemptUnanswered)
    }

    /// The wanted state was found after an unanswered attempt: possibly this run's own doing.
    public var possiblyOwnDoing: Bool {
        earlierAttemptUnanswered && (outcome == .alreadyLicensed || outcome == .notLicensed)
    }

    /// A note for tables and screens about an unanswered earlier attempt; nil when there was none.
    public var attemptNote: String? {
        guard earlierAttemptUnanswered else { return nil }
        if possiblyOwnDoing { return "an earlier attempt went unanswered: possibly this run's own doing" }
        return "an earlier attempt went unanswered"
    }

    enum CodingKeys: String, CodingKey { case deviceId, status, reason, outcome, attempts, earlierAttemptUnanswered }

    /// Results written before `attempts` existed read as 0 attempts, none unanswered.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        deviceId = try c.decode(String.self, forKey: .deviceId)
        status = try c.decode(String.self, forKey: .status)
        reason = try c.decode(String.self, forKey: .reason)
        outcome = try c.decode(DeviceOutcome.self, forKey: .outcome)
        attempts = try c.decodeIfPresent(Int.self, forKey: .attempts) ?? 0
        earlierAttemptUnanswered = try c.decodeIfPresent(Bool.self, forKey: .earlierAttemptUnanswered) ?? false
    }
}
