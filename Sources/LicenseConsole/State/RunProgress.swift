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

    /// Devices per second so far (0 before the first second).
    public func rate(now: Date) -> Double {
        let e = elapsed(now: now)
        guard e >= 0.5, done > 0 else { return 0 }
        return Double(done) / e
    }

    /// Seconds left at the current rate, nil when unknown.
    public func eta(now: Date) -> Double? {
        guard isActive else { return 0 }
        let r = rate(now: now)
        guard r > 0 else { return nil }
        return Double(max(0, total - done)) / r
    }

    /// Failed and unanswered (`unknown`) device ids of the finished run, in order: what `R` sends.
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
}
