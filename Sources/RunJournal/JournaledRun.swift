import Foundation
import ThingSpaceAPI

/// The state a run is in, as `history` shows it.
public enum RunState: String, Sendable, Codable, CaseIterable {
    /// Its last part ended normally (devices may have failed: they have a final outcome).
    case completed
    /// Stopped by the operator or a signal; devices not sent can be resumed.
    case stopped
    /// Its process is gone without an end record (killed, crashed, machine lost): resumable.
    case interrupted
    /// A live process is working on it.
    case running
    /// Ended by an error (authentication, a dead host, the journal itself).
    case failed
}

/// A run as its journal tells it, every part (the first process and each resume) folded together.
public struct JournaledRun: Sendable {
    public var id: String
    public var account: String
    public var baseURL: String
    public var apiVersion: String
    public var operation: LicenseOperation
    public var startedAt: String
    public var user: String
    public var host: String
    public var profile: String?
    public var note: String?
    /// The run this one undoes, for an undo run.
    public var undoes: String?
    /// Every input entry, in input order.
    public var entries: [String]
    /// The devices the run sends, in input order (each once).
    public var devices: [String]
    /// Invalid and duplicate entries: never sent, final (`skipped`).
    public var skipped: [DeviceResult]
    /// The latest result of each device that has one.
    public var results: [String: DeviceResult]
    /// Devices whose batch left without an answer on record (the request may have been applied).
    public var sentUnanswered: Set<String>
    /// Devices with an attempt, in any part, that went unanswered.
    public var everUnanswered: Set<String>
    /// Licence state before the run, where the front end knew it.
    public var licensedBefore: [String: Bool]
    /// The end of the last part, nil when the last part has none (running or interrupted).
    public var lastEnd: JournalRecord?
    /// Parts of the run (1 + resumes).
    public var parts: Int
    /// Lines skipped while reading (a torn last line).
    public var problems: [String]

    /// Folds the records of one journal; nil when it has no start record.
    public init?(records: [JournalRecord], problems: [String] = []) {
        guard let start = records.first(where: { $0.type == .start }), let id = start.runId,
              let operation = start.operation else { return nil }
        self.id = id
        account = start.account ?? ""
        baseURL = start.baseURL ?? ""
        apiVersion = start.apiVersion ?? ""
        self.operation = operation
        startedAt = start.at
        user = start.user ?? ""
        host = start.host ?? ""
        profile = start.profile
        note = start.note
        undoes = start.undoes
        entries = start.entries ?? []
        devices = start.devices ?? []
        skipped = start.skipped ?? []
        results = [:]
        sentUnanswered = []
        everUnanswered = []
        licensedBefore = [:]
        lastEnd = nil
        parts = 0
        self.problems = problems
        var inFlight = Set<String>()
        for record in records {
            switch record.type {
            case .start, .resume:
                parts += 1
                lastEnd = nil
                // A part that ended without answers for its batches: they may have been applied.
                everUnanswered.formUnion(inFlight)
            case .before:
                licensedBefore.merge(record.licensed ?? [:]) { _, new in new }
            case .intent:
                inFlight.formUnion(record.devices ?? [])
            case .outcome:
                for result in record.results ?? [] {
                    inFlight.remove(result.deviceId)
                    results[result.deviceId] = result
                    if result.outcome == .unknown || result.earlierAttemptUnanswered {
                        everUnanswered.insert(result.deviceId)
                    }
                }
            case .end:
                lastEnd = record
            }
        }
        everUnanswered.formUnion(inFlight)
        sentUnanswered = inFlight.union(results.values.filter { $0.outcome == .unknown }.map(\.deviceId))
    }

    /// Reads and folds `runId`'s journal in `store`.
    public static func load(_ store: JournalStore, runId: String) throws(JournalError) -> JournaledRun {
        guard store.exists(runId) else { throw .unknownRun(runId, directory: store.directory) }
        let contents = try JournalReader.read(path: store.journalPath(runId))
        guard let run = JournaledRun(records: contents.records, problems: contents.problems) else {
            throw .io("the journal of run \(runId) has no start record (\(store.journalPath(runId)))")
        }
        return run
    }

    // MARK: Outcomes

    /// The device has a final outcome: success, already licensed, not licensed, or failed.
    public func isFinal(_ deviceId: String) -> Bool {
        guard let outcome = results[deviceId]?.outcome else { return false }
        return JournaledRun.finalOutcomes.contains(outcome)
    }

    public static let finalOutcomes: Set<DeviceOutcome> = [.success, .alreadyLicensed, .notLicensed, .failed]

    /// Devices without a final outcome (never sent, sent without an answer, or `unknown`), in order.
    public var pending: [String] { devices.filter { !isFinal($0) } }

    /// Each device's result as history shows it, in input order, then the skipped entries: a
    /// device without a result reads `NotSent` (skipped) or, when its batch left, `NoAnswer`
    /// (unknown). An answer after an unanswered attempt in an earlier part says so.
    public var displayResults: [DeviceResult] {
        devices.map { id in
            if var result = results[id] {
                if everUnanswered.contains(id) { result.earlierAttemptUnanswered = true }
                return result
            }
            if sentUnanswered.contains(id) {
                return DeviceResult(deviceId: id, status: DeviceResult.noAnswerStatus,
                                    reason: "sent; no answer on record (the process ended first): may have been applied",
                                    outcome: .unknown, attempts: 1, earlierAttemptUnanswered: true)
            }
            return DeviceResult(deviceId: id, status: DeviceResult.notSentStatus,
                                reason: "not sent before the run ended", outcome: .skipped)
        } + skipped
    }

    public var succeeded: Int { devices.count(where: { results[$0]?.outcome.isDone == true }) }
    public var failed: Int { devices.count(where: { results[$0]?.outcome == .failed }) }
    public var unsent: Int { devices.count - succeeded - failed }

    /// The time of the last end record, nil while the last part has none.
    public var finishedAt: String? { lastEnd?.at }

    /// The state, given whether a live process holds the run's lock.
    public func state(lockHeld: Bool) -> RunState {
        if lockHeld { return .running }
        guard let end = lastEnd else { return .interrupted }
        return RunState(rawValue: end.state ?? "") ?? .completed
    }
}
