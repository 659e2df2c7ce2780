/// # RunJournal: the durable record of every assign and remove run
///
/// One JSON Lines file per run under `$XDG_STATE_HOME/tslicense/runs/` (`demo-runs/` for the demo),
/// owner-only. Records are described on `JournalRecord`. The public API, for the commands and the
/// console's history view:
///
/// Recording a run (a front end that starts one):
/// - `JournalStore(stateDirectory:demo:)`: where the journals are.
/// - `RunRecorder.begin(store, header: RunHeader, plan: DevicePlan) async throws -> RunRecorder`:
///   takes the run's lock, writes the start record. Pass the recorder as the engine's hook
///   (`RunEngine(client:options:hook:)`) and start the engine with the same `runId`.
/// - `RunRecorder.resume(store, runId:devices:note:problems:)`: the same for a resume, appending
///   to the run's own journal.
/// - `recorder.recordBefore([imei: licensed])`: licence states before the run (the console knows them).
/// - `recorder.observe(event)` for each `RunEvent`; `recorder.finish(summary, signal:)` at the end
///   (`abandon(error:)` when the run never started).
///
/// Reading (pure once loaded):
/// - `RunCatalog(store:)`: `list()` (newest first, `[RunOverview]` plus problems), `load(runId)`
///   (`JournaledRun` and `RunState`), `interrupted(account:baseURL:)`.
/// - `JournaledRun`: the folded run: `devices`, `results`, `pending`, `displayResults` (one result
///   per entry, for the shared writers), `sentUnanswered`, `succeeded`/`failed`/`unsent`, `state(lockHeld:)`.
/// - `RunOverview`: one row of `history` (its JSON is `history --format json`'s element).
/// - `ResumePlan.make(run, state:account:baseURL:)`: devices without a final outcome; refuses a
///   running run or another account/base URL, naming both. `marked(result)` flags answers after
///   an unanswered attempt.
/// - `UndoPlan.make(run, state:account:baseURL:includeUncertain:)`: the reverse operation for
///   devices the run changed; `uncertain` lists those it may or may not have changed;
///   `UndoPlan.upgradeNotes(results)` words the licences ThingSpace keeps after an upgrade.
/// - `RunAnnouncement.text([RunOverview])`: the one line announcing interrupted runs.
/// - `RunLock.liveHolder(store, runId:)`: who runs it now, if anyone.
public enum RunJournal {
    /// Statuses that never came from the server.
    public static let ownStatuses: Set<String> = RunRecorder.ownStatuses
}
