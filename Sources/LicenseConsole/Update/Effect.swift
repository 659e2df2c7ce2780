import ThingSpaceAPI

/// Work `update` asks the effect runner to do. Each one's answer comes back as messages.
public enum Effect: Equatable, Sendable {
    /// Read the licence counters and every device page. Supersedes any earlier load (cancel it).
    /// Answers: `.countsLoaded` or `.countsFailed`; `.devicePageLoaded(...generation)` per page
    /// (the last with `done: true`) or `.loadFailed(_, generation)`.
    case loadAll(generation: Int)
    /// `r` once every device was read: read the device list again as ranges in parallel, the
    /// first from the start and one from each of `starts` (IMEIs of the account, ascending).
    /// Answers as `.loadAll` does; falls back to one sequential read when the server refuses.
    case loadInRanges(generation: Int, starts: [String])
    /// Continues load `generation` from the page where it stopped (after `.loadFailed`), keeping
    /// the devices it has. Answers as `.loadAll` does, without the counters.
    case resumeLoad(generation: Int)
    /// Read the licence counters only (after a run). Answers: `.countsLoaded` or `.countsFailed`.
    case loadCounts
    /// Start a run of `operation` on `deviceIds` (already confirmed by the operator). Answers:
    /// `.runEvent(event, runTag:)` for each `RunEvent`, ending with `.finished`; or
    /// `.runFailedToStart(_, runTag:)`.
    case startRun(LicenseOperation, deviceIds: [String], runTag: Int)
    /// Stop the run: nothing more is sent (batches waiting in back-off included); the batches in
    /// flight finish and its `.finished` event follows.
    case stopRun(runTag: Int)
    /// Cancel the run's requests in flight too (a second `S`); `.finished` follows.
    case cancelRun(runTag: Int)
    /// Read IMEIs from a file (the shared reader). Answers: `.fileLoaded` or `.fileLoadFailed`.
    case loadIMEIFile(path: String)
    /// Write a run's results (JSON when the path ends in `.json`, else CSV; the shared writers).
    /// Answers: `.resultsSaved` or `.saveFailed`.
    case saveResults(path: String, summary: RunSummary)
    /// Leave the console (restore the terminal, exit 0). Any run still going sends no new batches.
    case quit
    /// Repaint the whole terminal (Ctrl-L): the screen may be garbled.
    case redrawAll
    /// Put `text` on the terminal's clipboard (OSC 52, written by the front end after the
    /// next frame). No answer.
    case copyToClipboard(String)
    /// Read what the device list lacks for the details dialog (the licence assignment time of a
    /// licensed device, v3's own record, earlier runs). Answers: `.deviceLookedUp` or
    /// `.deviceLookupFailed`.
    case lookUpDevice(deviceId: String, licensed: Bool)
    /// The history view's reads of the journal. Answers: `.history(HistoryMessage)`.
    case history(HistoryEffect)
}
