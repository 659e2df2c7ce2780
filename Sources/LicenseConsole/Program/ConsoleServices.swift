import RunJournal
import ThingSpaceAPI

/// What the console needs from the API: counters, the device list, runs and files. The effect
/// runner (`ConsoleProgram`) speaks only this, so the console can run against anything that
/// provides it; `APIConsoleServices` provides it over a `ThingSpaceClient`.
public protocol ConsoleServices: Sendable {
    /// How the account pays (its subscription): `.unknown` when it cannot be read.
    func billing(onRetry: RetryObserver?) async throws(ThingSpaceError) -> Billing
    /// The licence counters; `onRetry` hears of each wait of the read retry policy.
    func licenseCounts(onRetry: RetryObserver?) async throws(ThingSpaceError) -> LicenseCounts
    /// The account's devices from `cursor` (`0`: the start; page `firstPage` is the first read),
    /// one page per element, to the last; the last page says `isLastPage`. A page is read only
    /// when the consumer asks for the next one; a failing page is retried at its own cursor.
    func devicePages(from cursor: String, firstPage: Int, onRetry: RetryObserver?) -> AsyncThrowingStream<DeviceListPage, any Error>
    /// The whole device list read as ranges in parallel, the first from the start and one from
    /// each of `starts` (IMEIs of the account, ascending); pages in IMEI order, each device once.
    /// Falls back to one sequential read when the server refuses a range.
    func devicePages(rangesStartingAt starts: [String], onRetry: RetryObserver?) -> AsyncThrowingStream<DeviceListPage, any Error>
    /// Starts a run of `operation` on `deviceIds` (confirmed by the operator). Throws when the
    /// run cannot start at all (nothing was sent).
    func startRun(_ operation: LicenseOperation, deviceIds: [String]) throws(ThingSpaceError) -> ConsoleRun
    /// Starts a confirmed run, recorded in the journal when the services keep one (the
    /// licence states before, a resume appended to its run). Plain `startRun` by default.
    func startRun(_ request: ConsoleRunRequest) throws(ThingSpaceError) -> ConsoleRun
    /// Where the runs are recorded; nil when they are not.
    var journal: JournalStore? { get }
    /// Reads IMEIs from a file with the shared reader.
    func readIMEIFile(path: String) async throws(ThingSpaceError) -> IMEIFile
    /// Writes a run's results (JSON when the path ends in `.json`, else CSV); returns the paths written.
    func writeResults(_ summary: RunSummary, to path: String) async throws(ThingSpaceError) -> [String]
    /// What the details dialog needs beyond the device list: the licence assignment time of a
    /// `licensed` device, the API's own record where it has one (v3), and attempts in earlier
    /// runs (once a journal is wired in).
    func lookUpDevice(_ deviceId: String, licensed: Bool) async throws(ThingSpaceError) -> DeviceLookup
}

extension ConsoleServices {
    /// Nothing beyond the device list.
    public func lookUpDevice(_ deviceId: String, licensed: Bool) async throws(ThingSpaceError) -> DeviceLookup { DeviceLookup() }
}

extension ConsoleServices {
    /// Services that cannot read ranges read sequentially.
    public func devicePages(rangesStartingAt starts: [String], onRetry: RetryObserver?) -> AsyncThrowingStream<DeviceListPage, any Error> {
        devicePages(from: "0", firstPage: 1, onRetry: onRetry)
    }
}

/// A run as the console holds it: its events (ending with `.finished`) and its controls.
public struct ConsoleRun: Sendable {
    public var events: AsyncStream<RunEvent>
    /// Stop sending new batches; the batches in flight finish and `.finished` follows.
    public var stop: @Sendable () -> Void
    /// Cancel everything, including requests in flight.
    public var cancel: @Sendable () -> Void
    /// Stop as `stop` does, because of a SIGHUP or SIGTERM (the journal records the signal).
    public var stopForSignal: @Sendable (Int32) -> Void

    public init(events: AsyncStream<RunEvent>, stop: @escaping @Sendable () -> Void, cancel: @escaping @Sendable () -> Void,
                stopForSignal: (@Sendable (Int32) -> Void)? = nil) {
        self.events = events
        self.stop = stop
        self.cancel = cancel
        self.stopForSignal = stopForSignal ?? { _ in stop() }
    }

    /// A run of the API's run engine.
    public init(_ run: Run) {
        self.init(events: run.events, stop: { run.stop() }, cancel: { run.cancel() })
    }
}

/// IMEIs read from a file, with each malformed line (`PATH:LINE: reason`) and each warning.
public struct IMEIFile: Equatable, Sendable {
    public var imeis: [String]
    public var problems: [String]
    public var warnings: [String]

    public init(imeis: [String], problems: [String] = [], warnings: [String] = []) {
        self.imeis = imeis
        self.problems = problems
        self.warnings = warnings
    }
}
