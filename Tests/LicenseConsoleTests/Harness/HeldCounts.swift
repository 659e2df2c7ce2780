import Foundation
import LicenseConsole
import RunJournal
import ThingSpaceAPI

/// Holds licence-counter and subscription reads until `open()`; counts how many wait.
final class ReadGate: @unchecked Sendable {
    private let lock = NSLock()
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    var waiting: Int { lock.withLock { waiters.count } }

    func pass() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let go = lock.withLock { () -> Bool in
                if isOpen { return true }
                waiters.append(continuation)
                return false
            }
            if go { continuation.resume() }
        }
    }

    func open() {
        let waiting = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            isOpen = true
            defer { waiters = [] }
            return waiters
        }
        for waiter in waiting { waiter.resume() }
    }
}

/// The real services, with the counter and subscription reads held at `gate` (the simulator
/// cannot hold one kind of read while answering another).
struct HeldCounts: ConsoleServices {
    let base: any ConsoleServices
    let gate: ReadGate

    func billing(onRetry: RetryObserver?) async throws(ThingSpaceError) -> Billing {
        await gate.pass()
        return try await base.billing(onRetry: onRetry)
    }

    func licenseCounts(onRetry: RetryObserver?) async throws(ThingSpaceError) -> LicenseCounts {
        await gate.pass()
        return try await base.licenseCounts(onRetry: onRetry)
    }

    func devicePages(from cursor: String, firstPage: Int, onRetry: RetryObserver?) -> AsyncThrowingStream<DeviceListPage, any Error> {
        base.devicePages(from: cursor, firstPage: firstPage, onRetry: onRetry)
    }

    func startRun(_ operation: LicenseOperation, deviceIds: [String]) throws(ThingSpaceError) -> ConsoleRun {
        try base.startRun(operation, deviceIds: deviceIds)
    }

    func startRun(_ request: ConsoleRunRequest) throws(ThingSpaceError) -> ConsoleRun { try base.startRun(request) }
    var journal: JournalStore? { base.journal }
    func readIMEIFile(path: String) async throws(ThingSpaceError) -> IMEIFile { try await base.readIMEIFile(path: path) }
    func writeResults(_ summary: RunSummary, to path: String) async throws(ThingSpaceError) -> [String] {
        try await base.writeResults(summary, to: path)
    }
}
