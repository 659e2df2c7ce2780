import RunJournal
import ThingSpaceAPI

/// What a run continues or reverses, when it is not a run of its own: `R` and `u` in the
/// history view.
public enum RunFollowUp: Sendable, Equatable {
    /// More of a recorded run: only its devices without a final outcome, appended to its journal.
    case resume(ResumePlan)
    /// The reverse of a recorded run, as a run of its own that names it.
    case undo(runId: String)
}

/// A confirmed run as the effect runner hands it to the services.
public struct ConsoleRunRequest: Sendable, Equatable {
    public var operation: LicenseOperation
    public var deviceIds: [String]
    /// Each device's licence state before the run, where the device list knows it (the journal keeps it).
    public var licensedBefore: [String: Bool]
    public var followUp: RunFollowUp?

    public init(operation: LicenseOperation, deviceIds: [String], licensedBefore: [String: Bool] = [:],
                followUp: RunFollowUp? = nil) {
        self.operation = operation
        self.deviceIds = deviceIds
        self.licensedBefore = licensedBefore
        self.followUp = followUp
    }
}

extension ConsoleServices {
    /// Services without a journal run the request's devices as a plain run.
    public func startRun(_ request: ConsoleRunRequest) throws(ThingSpaceError) -> ConsoleRun {
        try startRun(request.operation, deviceIds: request.deviceIds)
    }

    /// No journal.
    public var journal: JournalStore? { nil }
}
