import Foundation
import ThingSpaceAPI

/// One run as `history` lists it. The JSON form is `{"id", "account", "baseURL", "operation",
/// "startedAt", "finishedAt", "state", "devices", "succeeded", "failed", "unsent"}`:
/// `devices` = `succeeded` + `failed` + `unsent`, where `succeeded` counts success, already
/// licensed and not licensed, and `unsent` the devices without a final outcome (never sent, or
/// sent without an answer).
public struct RunOverview: Sendable, Equatable, Encodable {
    public var id: String
    public var account: String
    public var baseURL: String
    public var operation: LicenseOperation
    public var startedAt: String
    public var finishedAt: String?
    public var state: RunState
    public var devices: Int
    public var succeeded: Int
    public var failed: Int
    public var unsent: Int
    /// Not in the JSON: the undone run, the note, and what reading skipped.
    public var undoes: String?
    public var note: String?
    public var problems: [String]

    enum CodingKeys: String, CodingKey {
        case id, account, baseURL, operation, startedAt, finishedAt, state, devices, succeeded, failed, unsent
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(account, forKey: .account)
        try c.encode(baseURL, forKey: .baseURL)
        try c.encode(operation, forKey: .operation)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(finishedAt, forKey: .finishedAt)   // null while unfinished
        try c.encode(state, forKey: .state)
        try c.encode(devices, forKey: .devices)
        try c.encode(succeeded, forKey: .succeeded)
        try c.encode(failed, forKey: .failed)
        try c.encode(unsent, forKey: .unsent)
    }

    public init(_ run: JournaledRun, state: RunState) {
        id = run.id
        account = run.account
        baseURL = run.baseURL
        operation = run.operation
        startedAt = run.startedAt
        finishedAt = state == .running || state == .interrupted ? nil : run.finishedAt
        self.state = state
        devices = run.devices.count
        succeeded = run.succeeded
        failed = run.failed
        unsent = run.unsent
        undoes = run.undoes
        note = run.note
        problems = run.problems
    }
}

/// The runs of one store: listed, loaded with their state, and the interrupted ones of an account.
public struct RunCatalog: Sendable {
    public let store: JournalStore
    /// Tells whether a live process holds a run (the lock file by default; tests may replace it).
    let isHeld: @Sendable (String) -> Bool

    public init(store: JournalStore) {
        self.store = store
        isHeld = { RunLock.liveHolder(store, runId: $0) != nil }
    }

    init(store: JournalStore, isHeld: @escaping @Sendable (String) -> Bool) {
        self.store = store
        self.isHeld = isHeld
    }

    /// A run and its state.
    public func load(_ runId: String) throws(JournalError) -> (run: JournaledRun, state: RunState) {
        let run = try JournaledRun.load(store, runId: runId)
        return (run, run.state(lockHeld: isHeld(runId)))
    }

    /// Every run (or the `limit` newest), newest first, with the problems of files that could
    /// not be read at all. Run ids name the second a run started; runs of the same second are
    /// ordered by their start time in milliseconds.
    public func list(limit: Int = .max) -> (runs: [RunOverview], problems: [String]) {
        var runs: [RunOverview] = []
        var problems: [String] = []
        for id in RunCatalog.newestIds(store.runIds(), limit: limit) {
            do {
                let (run, state) = try load(id)
                runs.append(RunOverview(run, state: state))
                for problem in run.problems { problems.append("run \(id): \(problem)") }
            } catch {
                problems.append("run \(id): \(error.description)")
            }
        }
        runs.sort(by: RunCatalog.newerFirst)
        return (Array(runs.prefix(limit)), problems)
    }

    /// The ids worth reading for the `limit` newest runs, from ids sorted newest first: the first
    /// `limit`, and every further one of the same second as the last of those.
    static func newestIds(_ ids: [String], limit: Int) -> ArraySlice<String> {
        guard limit < ids.count else { return ids[...] }
        guard limit > 0 else { return [] }
        let second = ids[limit - 1].prefix(RunId.timestamp().count)
        var end = limit
        while end < ids.count, ids[end].hasPrefix(second) { end += 1 }
        return ids[..<end]
    }

    /// Newest first: the start time (ISO 8601 in UTC, milliseconds), then the id.
    static func newerFirst(_ a: RunOverview, _ b: RunOverview) -> Bool {
        a.startedAt != b.startedAt ? a.startedAt > b.startedAt : a.id > b.id
    }

    /// Interrupted runs of `account` on `baseURL`, newest first. A journal whose last record ends
    /// a part is skipped after reading only its tail.
    public func interrupted(account: String, baseURL: String) -> [RunOverview] {
        store.runIds().compactMap { id in
            if JournalReader.lastRecord(path: store.journalPath(id))?.type == .end { return nil }
            guard let (run, state) = try? load(id), state == .interrupted,
                  run.account == account, RunCatalog.sameBase(run.baseURL, baseURL) else { return nil }
            return RunOverview(run, state: state)
        }.sorted(by: RunCatalog.newerFirst)
    }

    /// Base URLs compare without a trailing slash.
    public static func sameBase(_ a: String, _ b: String) -> Bool {
        func trimmed(_ s: String) -> String { s.hasSuffix("/") ? String(s.dropLast()) : s }
        return trimmed(a) == trimmed(b)
    }
}
