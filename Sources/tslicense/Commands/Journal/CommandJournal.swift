import Foundation
import RunJournal
import Settings
import ThingSpaceAPI

/// The journal as the commands use it: where it is, and the announcement of interrupted runs.
enum CommandJournal {
    /// `STATE/runs/` (or `STATE/demo-runs/`).
    static func store(_ settings: ResolvedSettings, demo: Bool = false) -> JournalStore {
        JournalStore(stateDirectory: settings.stateDirectory, demo: demo)
    }

    /// One line on stderr when the current account has an interrupted run (status, devices,
    /// assign, remove and history call this as they start). Never fatal.
    static func announceInterrupted(_ settings: ResolvedSettings) {
        let account = settings.client.account
        guard !account.isEmpty else { return }
        let runs = RunCatalog(store: store(settings))
            .interrupted(account: account, baseURL: settings.client.baseURL.absoluteString)
        if let line = RunAnnouncement.text(runs) { FileOutput.stderr(line) }
    }
}

extension CommandJournal {
    /// A run and its state; a missing run or an unreadable journal is a usage error (exit 2),
    /// and lines skipped while reading (a torn last line) are warnings.
    static func load(_ settings: ResolvedSettings, runId: String, demo: Bool = false) throws -> (JournaledRun, RunState) {
        do {
            let (run, state) = try RunCatalog(store: store(settings, demo: demo)).load(runId)
            for problem in run.problems { FileOutput.stderr("warning: run \(runId): \(problem)") }
            return (run, state)
        } catch {
            throw CommandFailure.usage(error)
        }
    }

    /// A recorded run as the shared writers take it: one result per entry.
    static func summary(_ run: JournaledRun, state: RunState) -> RunSummary {
        let results = run.displayResults
        return RunSummary(runId: run.id, operation: run.operation, account: run.account, results: results,
                          unsent: results.filter { $0.status == DeviceResult.notSentStatus }.map(\.deviceId), elapsedMs: 0,
                          counts: nil, stopped: state == .stopped, fatalError: nil)
    }
}
