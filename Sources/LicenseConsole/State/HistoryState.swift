import Foundation
import RunJournal
import ThingSpaceAPI

/// `H`: the recent runs of the journal, newest first, and one run inspected with Enter.
public struct HistoryState: Sendable, Equatable {
    /// The runs as the journal lists them, newest first (nil while they are read).
    public internal(set) var runs: [RunOverview]?
    /// How many runs the journal holds (the view lists the newest of them).
    public internal(set) var recorded = 0
    /// Journals that could not be read, and lines skipped while reading.
    public internal(set) var problems: [String] = []
    /// The row under the cursor in the list of runs.
    public internal(set) var cursor = 0
    /// The run inspected with Enter, with its per-device results.
    public internal(set) var inspected: HistoryRun?
    /// Which results of the inspected run are shown (`f`).
    public internal(set) var outcome: OutcomeView = .all
    /// The row under the cursor in the inspected run's results.
    public internal(set) var resultCursor = 0
    /// A run being read for `R`, `u`, `w` or Enter.
    public internal(set) var reading: String?

    public init() {}

    /// The run under the cursor (the inspected one when inspecting).
    public var selectedRunId: String? {
        if let inspected { return inspected.overview.id }
        guard let runs, runs.indices.contains(cursor) else { return nil }
        return runs[cursor].id
    }

    /// The inspected run's results in the current view, in input order.
    public var shownResults: [DeviceResult] {
        guard let inspected else { return [] }
        if outcome == .all { return inspected.results }
        let wanted = Set(outcome.outcomes)
        return inspected.results.filter { wanted.contains($0.outcome) }
    }

    /// Rows of the current list (runs, or the inspected run's results).
    var rowCount: Int { inspected == nil ? (runs?.count ?? 0) : shownResults.count }
}

/// What to do with a run once it is read.
public enum HistoryIntent: Sendable, Equatable {
    case inspect, resume, undo, save
}

/// One run as the history view holds it: its row, each device's result, the summary the shared
/// writers take (`w`), and what a resume and an undo would send (or why they are refused).
public struct HistoryRun: Sendable, Equatable {
    public var overview: RunOverview
    /// One result per entry, in input order (`JournaledRun.displayResults`).
    public var results: [DeviceResult]
    public var summary: RunSummary
    public var resume: Result<ResumePlan, JournalError>
    /// With the uncertain devices listed (left out unless the operator includes them).
    public var undo: Result<UndoPlan, JournalError>

    /// Folds a loaded run for the account and base URL the console works on.
    public init(_ run: JournaledRun, state: RunState, account: String, baseURL: String) {
        overview = RunOverview(run, state: state)
        results = run.displayResults
        summary = RunSummary(runId: run.id, operation: run.operation, account: run.account, results: results,
                             unsent: results.filter { $0.status == DeviceResult.notSentStatus }.map(\.deviceId), elapsedMs: 0,
                             counts: nil, stopped: state == .stopped, fatalError: nil)
        resume = Result(catching: { () throws(JournalError) -> ResumePlan in
            try ResumePlan.make(run, state: state, account: account, baseURL: baseURL)
        })
        undo = Result(catching: { () throws(JournalError) -> UndoPlan in
            do throws(JournalError) {
                return try UndoPlan.make(run, state: state, account: account, baseURL: baseURL, includeUncertain: false)
            } catch {
                // Only uncertain devices: the dialog lists them, and they are sent only when included.
                guard case JournalError.refused = error, var plan = try? UndoPlan.make(run, state: state, account: account, baseURL: baseURL,
                                                                            includeUncertain: true), plan.certain.isEmpty else { throw error }
                plan.includeUncertain = false
                return plan
            }
        })
    }
}

/// The history view's work for the effect runner (`Effect.history`).
public enum HistoryEffect: Sendable, Equatable {
    /// List the journal's runs. Answer: `.listed`.
    case list
    /// Read one run for `intent`, with its resume and undo plans for `account` at `baseURL`.
    /// Answer: `.read` or `.failed`.
    case read(runId: String, intent: HistoryIntent, account: String, baseURL: String)
}

/// Answers to `HistoryEffect` (`Message.history`).
public enum HistoryMessage: Sendable, Equatable {
    /// The newest runs, newest first, out of `total` recorded (0: as many as listed).
    case listed(runs: [RunOverview], problems: [String], total: Int = 0)
    case read(HistoryRun, intent: HistoryIntent)
    case failed(runId: String, message: String)
}
