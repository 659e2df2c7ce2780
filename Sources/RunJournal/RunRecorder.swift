import Foundation
import ThingSpaceAPI

/// What a front end knows about a run when it starts it (never a secret).
public struct RunHeader: Sendable, Equatable {
    public var runId: String
    public var account: String
    public var baseURL: String
    public var apiVersion: String
    public var operation: LicenseOperation
    public var profile: String?
    public var note: String?
    /// The run an undo reverses.
    public var undoes: String?

    public init(runId: String, account: String, baseURL: String, apiVersion: String, operation: LicenseOperation,
                profile: String? = nil, note: String? = nil, undoes: String? = nil) {
        self.runId = runId
        self.account = account
        self.baseURL = baseURL
        self.apiVersion = apiVersion
        self.operation = operation
        self.profile = profile
        self.note = note
        self.undoes = undoes
    }
}

/// Records one process's part of a run: the engine's hook (`RunEngine(hook:)`) and the front
/// end's calls. Holds the run's lock from `begin`/`resume` to `finish`.
///
/// - `willSend`: the batch's intent is written and fsynced before its request leaves.
/// - `didReceive`: its results are written and fsynced before the batch's lane sends again;
///   with the lane's next intent, both go in one write and one fsync (results first).
/// - `observe(_:)`: results of our own (not sent, no answer, given up) are queued from the events;
///   they reach the disk with the next group.
/// - `finish(_:)`: every result not yet on record, then the end record; the lock is released.
public final class RunRecorder: RunHook, @unchecked Sendable {
    public let runId: String
    public let store: JournalStore
    let file: JournalFile
    let lock: RunLock
    private let mutex = NSLock()
    private var recorded: [String: DeviceResult] = [:]
    private var finished = false

    private init(runId: String, store: JournalStore, file: JournalFile, lock: RunLock) {
        self.runId = runId
        self.store = store
        self.file = file
        self.lock = lock
    }

    /// The journal's path.
    public var path: String { file.path }

    /// Fsyncs so far (about one per batch: concurrent batches share them).
    public var syncCount: Int { file.syncCount }

    /// Starts the journal of a new run: takes its lock, writes the start record (durably).
    public static func begin(_ store: JournalStore, header: RunHeader, plan: DevicePlan) async throws -> RunRecorder {
        try store.prepare()
        let lock = try RunLock.acquire(store, runId: header.runId)
        do {
            let file = try JournalFile(path: store.journalPath(header.runId))
            var record = JournalRecord(type: .start)
            record.runId = header.runId
            record.account = header.account
            record.baseURL = header.baseURL
            record.apiVersion = header.apiVersion
            record.operation = header.operation
            record.entries = plan.devices.map(\.value)
            record.devices = plan.toSend
            record.skipped = plan.skipped
            record.profile = header.profile
            record.note = header.note
            record.undoes = header.undoes
            stamp(&record)
            try await file.append([record])
            return RunRecorder(runId: header.runId, store: store, file: file, lock: lock)
        } catch {
            lock.release()
            throw error
        }
    }

    /// Continues `runId`'s journal in this process: takes its lock (refused while a live process
    /// holds it), cuts a torn last line, appends a resume record naming `devices`. `problems`
    /// hears of a repaired line.
    public static func resume(_ store: JournalStore, runId: String, devices: [String], note: String? = nil,
                              problems: (String) -> Void = { _ in }) async throws -> RunRecorder {
        guard store.exists(runId) else { throw JournalError.unknownRun(runId, directory: store.directory) }
        let lock = try RunLock.acquire(store, runId: runId)
        do {
            let file = try JournalFile(path: store.journalPath(runId))
            if file.repaired > 0 {
                problems("run \(runId): an incomplete last line (\(file.repaired) bytes, the process ended while writing it) was cut off")
            }
            var record = JournalRecord(type: .resume)
            record.runId = runId
            record.devices = devices
            record.note = note
            stamp(&record)
            try await file.append([record])
            return RunRecorder(runId: runId, store: store, file: file, lock: lock)
        } catch {
            lock.release()
            throw error
        }
    }

    private static func stamp(_ record: inout JournalRecord) {
        record.user = JournalIdentity.user
        record.host = JournalIdentity.host
        record.pid = JournalIdentity.pid
    }

    /// Each device's licence state before the run, where the front end knows it.
    public func recordBefore(_ licensed: [String: Bool]) async throws {
        var record = JournalRecord(type: .before)
        record.licensed = licensed
        try await file.append([record])
    }

    // MARK: RunHook

    public func willSend(_ batch: BatchRecord) async throws {
        try await file.append([RunRecorder.intent(batch)])
    }

    public func didReceive(_ batch: BatchRecord, results: [DeviceResult]) async throws {
        try await file.append([outcome(batch, results)])
    }

    /// The results and the lane's next intent in one write and one fsync, results first.
    public func didReceive(_ batch: BatchRecord, results: [DeviceResult], thenWillSend next: BatchRecord) async throws {
        try await file.append([outcome(batch, results), RunRecorder.intent(next)])
    }

    private func outcome(_ batch: BatchRecord, _ results: [DeviceResult]) -> JournalRecord {
        mutex.withLock { for r in results { recorded[r.deviceId] = r } }
        var record = JournalRecord(type: .outcome)
        record.batch = batch.batch
        record.results = results
        return record
    }

    private static func intent(_ batch: BatchRecord) -> JournalRecord {
        var record = JournalRecord(type: .intent)
        record.batch = batch.batch
        record.attempt = batch.attempt
        record.devices = batch.deviceIds
        return record
    }

    // MARK: Front end

    /// Hands the recorder a run event: results of our own (not sent, no answer, given up) are
    /// queued; the rest is recorded through the hook.
    public func observe(_ event: RunEvent) {
        guard case .batchResults(let results, let batch) = event, batch >= 0 else { return }
        let fresh = mutex.withLock { () -> [DeviceResult] in
            results.filter { result in
                guard RunRecorder.ownStatuses.contains(result.status), recorded[result.deviceId] != result else { return false }
                recorded[result.deviceId] = result
                return true
            }
        }
        guard !fresh.isEmpty else { return }
        var record = JournalRecord(type: .outcome)
        record.batch = -1
        record.results = fresh
        file.enqueue([record])
    }

    static let ownStatuses: Set<String> = [DeviceResult.notSentStatus, DeviceResult.noAnswerStatus, "Error"]

    /// Writes every result of `summary` not yet on record and the end record; closes the
    /// journal and releases the lock. `signal` names a SIGHUP/SIGTERM that ended the run.
    public func finish(_ summary: RunSummary, signal: Int32? = nil) async throws {
        let (missing, already): ([DeviceResult], Bool) = mutex.withLock {
            defer { finished = true }
            let sent = summary.results.filter { $0.status != "Invalid" && $0.status != "Duplicate" }
            return (sent.filter { recorded[$0.deviceId] != $0 }, finished)
        }
        guard !already else { return }
        defer { lock.release() }
        var records: [JournalRecord] = []
        if !missing.isEmpty {
            var outcome = JournalRecord(type: .outcome)
            outcome.batch = -1
            outcome.results = missing
            records.append(outcome)
        }
        var end = JournalRecord(type: .end)
        end.state = RunRecorder.endState(summary, signal: signal).rawValue
        end.counts = Dictionary(uniqueKeysWithValues: summary.outcomeCounts.map { ($0.key.rawValue, $0.value) })
        end.error = summary.errorDescription
        end.signal = signal
        records.append(end)
        try await file.append(records)
        try await file.close()
    }

    /// Ends the journal without a summary (the run never started: a refusal after `begin`).
    public func abandon(error: String) async {
        guard mutex.withLock({ () -> Bool in defer { finished = true }; return !finished }) else { return }
        defer { lock.release() }
        var end = JournalRecord(type: .end)
        end.state = RunState.failed.rawValue
        end.error = error
        try? await file.append([end])
        try? await file.close()
    }

    /// `stopped` for a stop or a signal, `failed` for an error that ended the run, else `completed`.
    public static func endState(_ summary: RunSummary, signal: Int32?) -> RunState {
        if summary.stopped || signal != nil { return .stopped }
        if summary.fatalError != nil || summary.hostFailure != nil { return .failed }
        return .completed
    }
}
