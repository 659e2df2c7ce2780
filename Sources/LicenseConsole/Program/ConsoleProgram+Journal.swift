import Foundation
import RunJournal
import ThingSpaceAPI

/// A run the console made, as the exit report names it.
public struct MadeRun: Sendable, Equatable {
    public var runId: String
    public var operation: LicenseOperation
    public var devices: Int
    public var succeeded: Int
    public var failed: Int
    /// Devices without a final outcome: never sent, or sent without an answer.
    public var unsent: Int
    public var stopped: Bool

    public init(_ summary: RunSummary) {
        runId = summary.runId
        operation = summary.operation
        let sent = summary.results.filter { $0.status != "Invalid" && $0.status != "Duplicate" }
        devices = sent.count
        succeeded = sent.count(where: { $0.outcome.isDone })
        failed = sent.count(where: { $0.outcome == .failed })
        unsent = devices - succeeded - failed
        stopped = summary.stopped || summary.fatalError != nil || summary.hostFailure != nil
    }

    /// `run 20261128T063012Z-1a2b3c: assign, 120 devices: 118 succeeded, 2 failed, 0 without a final outcome (stopped)`.
    public var line: String {
        "run \(runId.isEmpty ? "(not started)" : runId): \(operation.verb), \(TextFormat.count(devices, "device")): "
            + "\(TextFormat.count(succeeded)) succeeded, \(TextFormat.count(failed)) failed, "
            + "\(TextFormat.count(unsent)) without a final outcome" + (stopped ? " (stopped)" : "")
    }
}

extension ConsoleProgram {
    /// What the executable prints once the terminal is restored: one line per run this console
    /// made and where the journal is. Empty when it made none.
    public var exitReport: [String] {
        guard !runsMade.isEmpty else { return [] }
        var lines = runsMade.map(\.line)
        if let store = services.journal {
            lines.append("journal: \(store.directory) (tslicense history\(store.demo ? " --demo" : "") lists the runs)")
        }
        return lines
    }

    /// The run request for a confirmed run: the licence states the list knows (the journal's
    /// record of before) and, for `R`/`u` of the history view, the run it continues or reverses.
    func runRequest(_ operation: LicenseOperation, deviceIds: [String], tag: Int) -> ConsoleRunRequest {
        var before: [String: Bool] = [:]
        before.reserveCapacity(deviceIds.count)
        for id in deviceIds {
            if let i = state.store.index(of: id) { before[id] = state.store.isLicensed(i) }
        }
        let followUp = state.run?.tag == tag ? state.run?.followUp : nil
        return ConsoleRunRequest(operation: operation, deviceIds: deviceIds, licensedBefore: before, followUp: followUp)
    }

    /// Whether a run is still going (its events have not ended).
    public var hasActiveRuns: Bool { !runTasks.isEmpty }

    /// A SIGHUP or SIGTERM: runs send no new batches (the journal records the signal); the
    /// batches in flight finish. The front end then waits (`waitUntilIdle`), cancels what is
    /// left (`cancelRuns`), and waits for the runs' ends to be recorded.
    public func stopRuns(signal: Int32) {
        for run in runs.values { run.stopForSignal(signal) }
    }

    /// Cancels the requests in flight of every run (their devices end unknown); each run's
    /// end is still recorded.
    public func cancelRuns() {
        for run in runs.values { run.cancel() }
    }
}
