import Foundation

/// Who holds a run: read from its lock file.
public struct LockHolder: Codable, Sendable, Equatable {
    public var pid: Int32
    public var host: String
    /// When the holder last refreshed the lock (RFC 3339).
    public var refreshedAt: String

    public init(pid: Int32, host: String, refreshedAt: String) {
        self.pid = pid
        self.host = host
        self.refreshedAt = refreshedAt
    }

    /// The holder is alive: on this host, its process exists; on another host (a shared state
    /// directory), it refreshed the lock within `staleAfter` seconds.
    public func isAlive(now: Date = Date(), thisHost: String = JournalIdentity.host, staleAfter: Double = RunLock.staleAfter,
                        processExists: (Int32) -> Bool = RunLock.processExists) -> Bool {
        if host == thisHost { return processExists(pid) }
        guard let refreshed = JournalClock.date(refreshedAt) else { return false }
        return now.timeIntervalSince(refreshed) < staleAfter
    }
}

/// A live run's lock: `RUN.lock` next to its journal, holding the process id and host, refreshed
/// every few seconds while the run goes on, removed at its end. A lock whose process is gone
/// (killed, crashed, the machine rebooted) is stale: the run reads `interrupted`, and a resume
/// takes the lock over. A second live process cannot take it.
public final class RunLock: Sendable {
    /// Seconds between refreshes.
    public static let refreshEvery: Double = 5
    /// A lock from another host not refreshed for this long is stale.
    public static let staleAfter: Double = 60

    public let path: String
    private let refresher: Task<Void, Never>

    private init(path: String, refresher: Task<Void, Never>) {
        self.path = path
        self.refresher = refresher
    }

    /// Takes the lock of `runId`; throws `.running` when a live process holds it.
    public static func acquire(_ store: JournalStore, runId: String) throws(JournalError) -> RunLock {
        try store.prepare()
        let path = store.lockPath(runId)
        for _ in 0..<3 {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 {
                _ = Foundation.close(fd)
                write(path)
                let refresher = Task.detached {
                    while !Task.isCancelled {
                        try? await Task.sleep(nanoseconds: UInt64(refreshEvery * 1e9))
                        if Task.isCancelled { break }
                        write(path)
                    }
                }
                return RunLock(path: path, refresher: refresher)
            }
            guard errno == EEXIST else {
                throw .io("cannot create the run lock \(path): \(String(cString: strerror(errno)))")
            }
            if let holder = holder(at: path), holder.isAlive() { throw .running(runId: runId, holder: holder) }
            // Stale (or unreadable, a crash between create and write): taken over.
            _ = unlink(path)
        }
        throw .io("cannot take the run lock \(path): another process keeps creating it")
    }

    /// The live holder of `runId`, nil when nobody holds it (or only a stale lock is left).
    public static func liveHolder(_ store: JournalStore, runId: String) -> LockHolder? {
        guard let holder = holder(at: store.lockPath(runId)), holder.isAlive() else { return nil }
        return holder
    }

    /// Ends the refreshing and removes the lock file.
    public func release() {
        refresher.cancel()
        _ = unlink(path)
    }

    static func holder(at path: String) -> LockHolder? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(LockHolder.self, from: data)
    }

    private static func write(_ path: String) {
        let holder = LockHolder(pid: JournalIdentity.pid, host: JournalIdentity.host, refreshedAt: JournalClock.now())
        guard let data = try? JSONEncoder().encode(holder) else { return }
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { return }
        data.withUnsafeBytes { _ = Foundation.write(fd, $0.baseAddress, $0.count) }
        _ = Foundation.close(fd)
    }

    /// The process exists (signal 0 reaches it, or it exists but is not ours to signal).
    public static func processExists(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
