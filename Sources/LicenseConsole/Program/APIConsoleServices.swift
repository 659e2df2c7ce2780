import Foundation
import RunJournal
import ThingSpaceAPI

/// `ConsoleServices` over the API module: the client for counters and pages, the run engine
/// for runs, the shared IMEI reader and result writer for files.
public struct APIConsoleServices: ConsoleServices {
    public let client: ThingSpaceClient
    public let runOptions: RunOptions
    /// Where runs are recorded (`runs/`, or `demo-runs/` for the demo); nil: not recorded.
    public let journal: JournalStore?
    /// The profile chosen, for the journal's start record.
    public let profileName: String?
    /// Runs these services began or resumed (left out of a device's earlier attempts).
    let session = SessionRuns()

    public init(client: ThingSpaceClient, runOptions: RunOptions = RunOptions(), journal: JournalStore? = nil,
                profileName: String? = nil) {
        self.client = client
        self.runOptions = runOptions
        self.journal = journal
        self.profileName = profileName
    }

    public func billing(onRetry: RetryObserver?) async throws(ThingSpaceError) -> Billing {
        try await client.billing(onRetry: onRetry)
    }

    public func licenseCounts(onRetry: RetryObserver?) async throws(ThingSpaceError) -> LicenseCounts {
        try await client.licenseCounts(onRetry: onRetry)
    }

    public func devicePages(from cursor: String, firstPage: Int,
                            onRetry: RetryObserver?) -> AsyncThrowingStream<DeviceListPage, any Error> {
        let pages = client.deviceListPages(from: cursor, firstPageNumber: firstPage, onRetry: onRetry)
        let reader = PageReader(pages.makeAsyncIterator())
        return AsyncThrowingStream { try await reader.next() }
    }

    public func devicePages(rangesStartingAt starts: [String],
                            onRetry: RetryObserver?) -> AsyncThrowingStream<DeviceListPage, any Error> {
        let events = client.deviceListRanges(startingAt: starts, onRetry: onRetry)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await event in events {
                        if case .page(let page) = event { continuation.yield(page) }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func startRun(_ operation: LicenseOperation, deviceIds: [String]) throws(ThingSpaceError) -> ConsoleRun {
        try runOptions.validate()
        return ConsoleRun(RunEngine(client: client, options: runOptions).start(operation, deviceIds: deviceIds))
    }

    public func startRun(_ request: ConsoleRunRequest) throws(ThingSpaceError) -> ConsoleRun {
        guard let journal else { return try startRun(request.operation, deviceIds: request.deviceIds) }
        try runOptions.validate()
        return journaledRun(request, store: journal)
    }

    public func readIMEIFile(path: String) async throws(ThingSpaceError) -> IMEIFile {
        let luhn = runOptions.luhnPolicy
        let read = try await Self.offActor { () throws(ThingSpaceError) in try IMEIListReader.read(path: path, luhn: luhn) }
        return IMEIFile(imeis: read.imeis, problems: read.problems.map(\.description), warnings: read.warnings.map(\.description))
    }

    public func writeResults(_ summary: RunSummary, to path: String) async throws(ThingSpaceError) -> [String] {
        try await Self.offActor { () throws(ThingSpaceError) in try ResultWriter.write(summary, to: path) }
    }

    /// Runs blocking file work on a detached task, so the caller's actor stays free.
    private static func offActor<T: Sendable>(_ work: @escaping @Sendable () throws(ThingSpaceError) -> T) async throws(ThingSpaceError) -> T {
        let result = await Task.detached { () -> Result<T, ThingSpaceError> in
            do { return .success(try work()) } catch { return .failure(ThingSpaceError.wrap(error)) }
        }.value
        return try result.get()
    }
}

/// Hands out the pages of one device-list read in order, one call at a time. Unchecked:
/// `AsyncThrowingStream(unfolding:)` calls `next()` once at a time, from the consumer's task.
private final class PageReader: @unchecked Sendable {
    private var iterator: Pages<DeviceListPage>.AsyncIterator

    init(_ iterator: Pages<DeviceListPage>.AsyncIterator) {
        self.iterator = iterator
    }

    func next() async throws(ThingSpaceError) -> DeviceListPage? {
        try await iterator.next()
    }
}
