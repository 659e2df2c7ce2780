import Foundation

/// What happens during an assignment run, in the order it happens.
public enum RunEvent: Sendable {
    /// The run has been planned. `skipped` holds the devices that will never be sent
    /// (invalid or duplicates), already with outcome `.skipped`.
    case started(RunPlan)
    /// A batch left (attempt 1) or was re-sent (attempt > 1).
    case batchSent(batch: Int, deviceIds: [String], attempt: Int)
    /// The results of one batch's devices, together, as the batch returns (`batch` -1: the
    /// entries never sent, invalid or duplicates, announced with the plan; after a stop, the
    /// devices of each batch never sent).
    case batchResults([DeviceResult], batch: Int)
    /// Licence counters from a response.
    case counts(LicenseCounts)
    /// A batch failed and will be tried again after `delay` seconds (0: its answer was lost and
    /// it is re-sent at once).
    case batchRetrying(batch: Int, attempt: Int, delay: Double, error: ThingSpaceError)
    /// A batch was given up; its devices are reported as `.failed` device results as well.
    case batchGivenUp(batch: Int, deviceIds: [String], error: ThingSpaceError)
    /// Connection-level failures in a row: the host is taken for dead and the run stops (the
    /// batches in flight end `unknown`, the rest `skipped` / `NotSent`).
    case hostUnreachable(HostFailure)
    /// The number of batches allowed in flight changed (429 back-off or recovery).
    case concurrencyChanged(Int)
    /// A token or session was renewed.
    case renewed(RenewalKind)
    /// The run is over. Always the last event.
    case finished(RunSummary)
}

public enum RenewalKind: String, Sendable {
    case apiToken
    case session
}

/// The plan of a run, announced first.
public struct RunPlan: Sendable, Equatable {
    public var runId: String
    public var operation: LicenseOperation
    public var account: String
    /// Devices that will be sent, in order.
    public var deviceIds: [String]
    public var batchSize: Int
    public var batchCount: Int
    /// Devices never sent: invalid or duplicates.
    public var skipped: [DeviceResult]
    /// Warnings such as bad Luhn check digits (the device is still sent).
    public var warnings: [String]

    public init(runId: String, operation: LicenseOperation, account: String, deviceIds: [String], batchSize: Int,
                batchCount: Int, skipped: [DeviceResult], warnings: [String]) {
        self.runId = runId
        self.operation = operation
        self.account = account
        self.deviceIds = deviceIds
        self.batchSize = batchSize
        self.batchCount = batchCount
        self.skipped = skipped
        self.warnings = warnings
    }
}

/// The end of a run.
public struct RunSummary: Sendable, Equatable {
    public var runId: String
    public var operation: LicenseOperation
    public var account: String
    /// Every device's result, sent or not (skipped ones included), in input order.
    public var results: [DeviceResult]
    /// Devices never sent because the run stopped (a stop request or a fatal error).
    public var unsent: [String]
    /// First batch sent to last result, in milliseconds.
    public var elapsedMs: Int
    /// Last licence counters seen.
    public var counts: LicenseCounts?
    /// True when the caller asked the run to stop.
    public var stopped: Bool
    /// The error that ended the run early (authentication, a failed login, a dead host), if any.
    public var fatalError: ThingSpaceError?
    /// Set when the run stopped because the host stopped answering.
    public var hostFailure: HostFailure?

    public init(runId: String, operation: LicenseOperation, account: String, results: [DeviceResult], unsent: [String],
                elapsedMs: Int, counts: LicenseCounts?, stopped: Bool, fatalError: ThingSpaceError?,
                hostFailure: HostFailure? = nil) {
        self.runId = runId
        self.operation = operation
        self.account = account
        self.results = results
        self.unsent = unsent
        self.elapsedMs = elapsedMs
        self.counts = counts
        self.stopped = stopped
        self.fatalError = fatalError
        self.hostFailure = hostFailure
    }

    /// The counters are the account's state now: read from the last answer, with no batch left
    /// unanswered and the host still answering. False when they could not be read.
    public var countsCurrent: Bool {
        counts != nil && hostFailure == nil && !results.contains { $0.outcome == .unknown }
    }

    /// The error that ended the run, naming the host and the step when the host stopped answering.
    public var errorDescription: String? {
        if let hostFailure { return "the host stopped answering: \(hostFailure.description)" }
        return fatalError?.description
    }

    /// Counts per outcome (every outcome present, zero when none).
    public var outcomeCounts: [DeviceOutcome: Int] {
        var c = Dictionary(uniqueKeysWithValues: DeviceOutcome.allCases.map { ($0, 0) })
        for r in results { c[r.outcome, default: 0] += 1 }
        return c
    }
}
