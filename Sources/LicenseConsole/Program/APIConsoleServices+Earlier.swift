import Foundation
import RunJournal
import ThingSpaceAPI

extension APIConsoleServices {
    /// Runs of the journal searched for a device's earlier attempts, newest first.
    static let earlierRunLimit = 20

    /// Attempts on `deviceId` in the journal's last `earlierRunLimit` runs, oldest first: the
    /// time each result was recorded, the run's operation, the status and the full reason. Parts
    /// of runs this console made are left out (`session`: the details list them as this session's).
    static func earlierAttempts(_ deviceId: String, store: JournalStore, session: SessionRuns = SessionRuns(),
                                limit: Int = earlierRunLimit) -> [DeviceAttempt] {
        let me = (pid: getpid(), host: JournalIdentity.host)
        var attempts: [DeviceAttempt] = []
        for runId in store.runIds().prefix(limit).reversed() {
            guard let contents = try? JournalReader.read(path: store.journalPath(runId)) else { continue }
            var operation: LicenseOperation?
            var ours = false
            for record in contents.records {
                switch record.type {
                case .start, .resume:
                    if let op = record.operation { operation = op }
                    ours = record.pid == me.pid && record.host == me.host && session.contains(runId)
                case .outcome:
                    guard !ours, let operation, let result = record.results?.first(where: { $0.deviceId == deviceId }) else { continue }
                    attempts.append(DeviceAttempt(time: JournalClock.date(record.at) ?? Date(timeIntervalSince1970: 0),
                                                  operation: operation, outcome: result.outcome, status: result.status,
                                                  reason: result.reason, attempts: result.attempts))
                default:
                    break
                }
            }
        }
        return attempts
    }
}

/// The runs one console's services began or resumed (their parts are this session's attempts).
public final class SessionRuns: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: Set<String> = []

    public init() {}

    func insert(_ id: String) { lock.withLock { _ = ids.insert(id) } }
    func contains(_ id: String) -> Bool { lock.withLock { ids.contains(id) } }
}
