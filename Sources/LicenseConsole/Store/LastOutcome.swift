import ThingSpaceAPI

/// What the picker shows of a device's latest run.
public enum LastOutcome: Equatable, Sendable {
    /// The device has not been in a run since the console started.
    case none
    /// The device is in the active run and its batch has not answered yet.
    case pending(LicenseOperation)
    /// The device's result in its latest run.
    case done(DeviceOutcome, LicenseOperation)

    /// Words for the outcome column and the run panel.
    public var words: String {
        switch self {
        case .none: return ""
        case .pending: return "pending"
        case .done(let outcome, let operation): return LastOutcome.words(outcome, operation)
        }
    }

    /// `success` reads as what happened: `assigned` or `removed`; other outcomes use their label.
    public static func words(_ outcome: DeviceOutcome, _ operation: LicenseOperation) -> String {
        if outcome == .success { return operation == .assign ? "assigned" : "removed" }
        return outcome.label
    }
}
