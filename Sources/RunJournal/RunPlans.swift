import Foundation
import ThingSpaceAPI

/// What `resume RUN` sends: the devices of RUN without a final outcome, in input order, to the
/// same account and base URL with the same operation. Devices whose batch left without an answer
/// are among them: their "preexisting" / "no license attached" answer then counts as done (and
/// reads as possibly the run's own doing).
public struct ResumePlan: Sendable, Equatable {
    public var runId: String
    public var operation: LicenseOperation
    public var account: String
    public var baseURL: String
    /// Devices to send, in input order.
    public var devices: [String]
    /// Of those, the ones sent before without an answer on record.
    public var sentUnanswered: [String]

    /// Refuses a run that is running, one of another account or base URL (naming both), and one
    /// with nothing left to send.
    public static func make(_ run: JournaledRun, state: RunState, account: String,
                            baseURL: String) throws(JournalError) -> ResumePlan {
        if state == .running { throw .refused("run \(run.id) is still running; it cannot be resumed until its process ends") }
        try RunTarget.check(run, account: account, baseURL: baseURL, verb: "resume")
        let devices = run.pending
        if devices.isEmpty {
            throw .refused("run \(run.id) has nothing to resume: each of its \(run.devices.count) devices has a final outcome")
        }
        return ResumePlan(runId: run.id, operation: run.operation, account: run.account, baseURL: run.baseURL,
                          devices: devices, sentUnanswered: devices.filter { run.sentUnanswered.contains($0) })
    }

    /// A resumed device's answer after an unanswered attempt says so (`earlierAttemptUnanswered`).
    public func marked(_ result: DeviceResult) -> DeviceResult {
        guard sentUnanswered.contains(result.deviceId) else { return result }
        var r = result
        r.earlierAttemptUnanswered = true
        return r
    }
}

/// What `undo RUN` sends: the reverse operation for the devices RUN changed. A device that
/// answered "already licensed" ("not licensed" for a remove) after an unanswered attempt, or
/// whose answer never came, may or may not have been changed by RUN: it is uncertain, listed, and
/// left alone unless the operator includes it. A device whose state before the run is on record
/// is never uncertain.
public struct UndoPlan: Sendable, Equatable {
    public var runId: String
    /// The reverse of RUN's operation.
    public var operation: LicenseOperation
    public var account: String
    public var baseURL: String
    /// Devices RUN changed for certain, in input order.
    public var certain: [String]
    /// Devices RUN may or may not have changed, in input order.
    public var uncertain: [String]
    public var includeUncertain: Bool

    /// The devices the undo sends.
    public var devices: [String] { includeUncertain ? certain + uncertain : certain }

    public static func make(_ run: JournaledRun, state: RunState, account: String, baseURL: String,
                            includeUncertain: Bool) throws(JournalError) -> UndoPlan {
        if state == .running { throw .refused("run \(run.id) is still running; it cannot be undone until its process ends") }
        try RunTarget.check(run, account: account, baseURL: baseURL, verb: "undo")
        let wanted: DeviceOutcome = run.operation == .assign ? .alreadyLicensed : .notLicensed
        var certain: [String] = []
        var uncertain: [String] = []
        for id in run.devices {
            let result = run.results[id]
            let mayHaveBeenApplied = run.sentUnanswered.contains(id) || run.everUnanswered.contains(id)
            if let before = run.licensedBefore[id] {
                // Known state before: changed when it differs from what the run wanted and the run
                // may have reached the device.
                let changed = before != (run.operation == .assign)
                if changed && (result?.outcome.isDone == true || mayHaveBeenApplied) { certain.append(id) }
                continue
            }
            switch result?.outcome {
            case .success?: certain.append(id)
            case wanted? where mayHaveBeenApplied: uncertain.append(id)
            case .unknown?: uncertain.append(id)
            case nil where run.sentUnanswered.contains(id): uncertain.append(id)
            default: break
            }
        }
        if certain.isEmpty && (uncertain.isEmpty || !includeUncertain) {
            let more = uncertain.isEmpty ? "" : "; \(uncertain.count) uncertain (give --include-uncertain to reverse them)"
            throw .refused("run \(run.id) changed no device for certain: nothing to undo\(more)")
        }
        return UndoPlan(runId: run.id, operation: run.operation == .assign ? .remove : .assign, account: run.account,
                        baseURL: run.baseURL, certain: certain, uncertain: uncertain, includeUncertain: includeUncertain)
    }

    /// A remove refused because the device has used (or scheduled) the licence for a firmware
    /// upgrade: ThingSpace does not take such a licence back.
    public static func isUsedForUpgrade(_ result: DeviceResult) -> Bool {
        result.outcome == .failed && result.reason.lowercased().contains("upgrade")
    }

    /// Lines for the operator about an undo's outcome: the licences ThingSpace keeps because an
    /// upgrade used them, plainly. Empty when there are none.
    public static func upgradeNotes(_ results: [DeviceResult]) -> [String] {
        let kept = results.filter(isUsedForUpgrade)
        guard !kept.isEmpty else { return [] }
        let n = kept.count
        return ["\(n) device\(n == 1 ? "" : "s") keep\(n == 1 ? "s" : "") the licence: ThingSpace does not take back a licence "
                + "that the device has used (or scheduled) for a firmware upgrade:"]
            + kept.map { "  \($0.deviceId): \($0.reason)" }
    }
}

/// The account and base URL a follow-up run must use: the original run's.
enum RunTarget {
    static func check(_ run: JournaledRun, account: String, baseURL: String, verb: String) throws(JournalError) {
        guard run.account == account, RunCatalog.sameBase(run.baseURL, baseURL) else {
            throw .refused("""
                run \(run.id) was made on account \(run.account) at \(run.baseURL); this \(verb) would go to account \
                \(account) at \(baseURL). Choose the run's account and base URL (--profile, --account, --base-url) to \(verb) it.
                """)
        }
    }
}

/// The one line that announces an interrupted run (stderr of the commands, the console's status line).
public enum RunAnnouncement {
    /// `run 20261128T063012Z-1a2b3c (assign, 2,000 devices) was interrupted: 1,200 devices have no
    /// final outcome; resume it with: tslicense resume 20261128T063012Z-1a2b3c`, plus `(2 more
    /// interrupted runs: tslicense history)` when there are more. Nil when `runs` is empty.
    public static func text(_ runs: [RunOverview]) -> String? {
        guard let run = runs.first else { return nil }
        var line = "run \(run.id) (\(run.operation.verb), \(TextFormat.count(run.devices, "device"))) was interrupted: "
            + "\(TextFormat.count(run.unsent, "device")) \(run.unsent == 1 ? "has" : "have") no final outcome; "
            + "resume it with: tslicense resume \(run.id)"
        if runs.count > 1 {
            let more = runs.count - 1
            line += " (\(more) more interrupted run\(more == 1 ? "" : "s"): tslicense history)"
        }
        return line
    }
}
