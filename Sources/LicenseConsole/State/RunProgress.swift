import Foundation
import ThingSpaceAPI

/// An assign or remove run: asked for, running, or finished (the last one stays for the
/// panel, `R` and `w`).
public struct RunProgress: Sendable {
    /// Tag the effect runner echoes with every event of this run.
    public let tag: Int
    public let operation: LicenseOperation
    /// Devices asked for.
    public let requested: Int
    /// The devices sent for, in order (shares storage with the `.startRun` effect).
    public let deviceIds: [String]
    public internal(set) var plan: RunPlan?
    /// Results per outcome, indexed like `DeviceOutcome.allCases`.
    public internal(set) var outcomeCounts: [Int] = Array(repeating: 0, count: DeviceOutcome.allCases.count)
    /// Devices with a result (skipped ones included).
    public internal(set) var done = 0
    public internal(set) var batchesSent = 0
    public internal(set) var concurrency: Int?
    public internal(set) var startedAt: Date
    public internal(set) var finishedAt: Date?
    /// `S` was pressed (or quit during the run): nothing more is sent.
    public internal(set) var stopRequested = false
    /// `S` was pressed again: the requests in flight are cancelled.
    public internal(set) var cancelRequested = false
    public internal(set) var summary: RunSummary?
    /// A resume or undo of a recorded run (the history view), nil for a run of its own.
    public internal(set) var followUp: RunFollowUp?
    /// Used licences when the run was confirmed.
    let baseUsed: Int?

    init(tag: Int, operation: LicenseOperation, deviceIds: [String], startedAt: Date, baseUsed: Int?) {
        self.tag = tag
        self.operation = operation
        self.deviceIds = deviceIds
        self.requested = deviceIds.count
        self.startedAt = startedAt
        self.baseUsed = baseUsed
    }

    public var isActive: Bool { summary == nil }

    /// Devices the run accounts for: planned plus skipped, or what was asked for before the plan.
    public var total: Int {
        if let plan { return plan.deviceIds.count + plan.skipped.count }
        return requested
    }

    public func count(_ outcome: DeviceOutcome) -> Int {
        outcomeCounts[DeviceOutcome.allCases.firstIndex(of: outcome)!]
    }

    public var batchCount: Int? { plan?.batchCount }

    /// Seconds since the run was confirmed, up to `now` or the end.
    public func elapsed(now: Date) -> Double {
        if let summary, summary.elapsedMs > 0 { return Double(summary.elapsedMs) / 1000 }
        return max(0, (finishedAt ?? now).timeIntervalSince(startedAt))
    }

    /// Devices the run sent (answered or not): every result but `skipped`.
    public var sent: Int { done - count(.skipped) }

    /// Devices whose batch answered: every result but `skipped` and `unknown`.
    public var answered: Int { sent - count(.unknown) }

    /// Devices never sent because the run stopped first (known once it finished).
    public var unsent: Int { summary?.unsent.count ?? 0 }

    /// The run ended before sending everything: `S`, a dead host or an error.
    public var endedEarly: Bool {
        guard let summary else { return false }
        return summary.stopped || summary.hostFailure != nil || summary.fatalError != nil || !summary.unsent.isEmpty
    }

    /// Answered devices per second, once at least one batch has answered and a second has
    /// passed; nil before (never a misleading 0).
    public func rate(now: Date) -> Double? {
        let e = elapsed(now: now)
        guard e >= 1, answered > 0 else { return nil }
        return Double(answered) / e
    }

    /// Seconds left at the current rate, nil when unknown.
    public func eta(now: Date) -> Double? {
        guard isActive else { return 0 }
        guard let r = rate(now: now), r > 0 else { return nil }
        return Double(max(0, total - done)) / r
    }

    /// Failed and unanswered (`unknown`) device ids of the finished run, in order.
    public var failedIds: [String] {
        summary?.results.filter { $0.outcome == .failed || $0.outcome == .unknown }.map(\.deviceId) ?? []
    }

    /// Every device of the finished run not in the wanted state, except invalid entries and
    /// duplicates (failed, unknown, never sent), in order.
    public var notDoneIds: [String] {
        summary?.results.filter { r in
            r.outcome == .failed || r.outcome == .unknown || (r.outcome == .skipped && r.status == DeviceResult.notSentStatus)
        }.map(\.deviceId) ?? []
    }

    /// What `R` sends: devices of the finished run that failed for a reason a retry can change,
    /// went unanswered (`unknown`), or were never sent because the run stopped; in order.
    public var retryIds: [String] {
        summary?.results.filter { r in
            (r.outcome == .failed && !DeviceOutcome.isPermanentFailure(reason: r.reason)) || r.outcome == .unknown
                || (r.outcome == .skipped && r.status == DeviceResult.notSentStatus)
        }.map(\.deviceId) ?? []
    }

    /// Devices of the finished run that failed for a permanent reason (not found, not eligible):
    /// the retry dialog lists them and leaves them out unless asked.
    public var permanentFailures: [DeviceResult] {
        summary?.results.filter { $0.outcome == .failed && DeviceOutcome.isPermanentFailure(reason: $0.reason) } ?? []
    }
}
