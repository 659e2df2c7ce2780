import Drawing
import Foundation
import ThingSpaceAPI

/// Everything that can happen to the console: keys, the terminal, the clock, and the
/// results of effects.
public enum Message: Sendable {
    /// First message: answers `[.loadAll(generation: 1)]`.
    case start
    case key(Key)
    /// A mouse report (wheel, click) at a screen cell.
    case mouse(MouseEvent)
    /// The terminal's size (also send one before the first frame).
    case resize(width: Int, height: Int)
    /// The clock. Send one before each batch of messages is applied, and at least once a
    /// second while `state.wantsTicks` (a run's elapsed time and ETA move).
    case tick(now: Date)

    // Answers to `.loadAll` and `.loadCounts`
    /// Licence counters read from the API at `at`.
    case countsLoaded(LicenseCounts, at: Date)
    /// How the account pays, from its subscription.
    case billingLoaded(Billing)
    /// Reading the counters failed (the console keeps the last ones it had).
    case countsFailed(ThingSpaceError)
    /// One page of the device list of load `generation`. `loadedSoFar` counts devices received
    /// in this generation; `done` is true on the last page.
    case devicePageLoaded(devices: [DeviceInfo], loadedSoFar: Int, done: Bool, generation: Int)
    /// Loading devices of `generation` stopped with an error.
    case loadFailed(ThingSpaceError, generation: Int)
    /// A read of `generation` (counts or a device page) failed and is tried again after a wait.
    case loadRetrying(RetryNotice, generation: Int)

    // Answers to `.startRun`
    /// An event of the run started with `runTag`.
    case runEvent(RunEvent, runTag: Int)
    /// The run could not start at all (nothing was sent).
    case runFailedToStart(ThingSpaceError, runTag: Int)

    // Answers to `.loadIMEIFile`
    /// The IMEIs read from `path`, and each malformed line as `PATH:LINE: reason`
    /// (`IMEIListReader.Result.imeis`, `.problems.map(\.description)`, `.warnings...`).
    case fileLoaded(path: String, imeis: [String], problems: [String], warnings: [String] = [])
    case fileLoadFailed(path: String, message: String)

    // Answers to `.lookUpDevice`
    case deviceLookedUp(deviceId: String, DeviceLookup)
    case deviceLookupFailed(deviceId: String, message: String)

    // Answers to `.saveResults`
    case resultsSaved(path: String)
    case saveFailed(path: String, message: String)

    // Answers to `.history`
    case history(HistoryMessage)
}
