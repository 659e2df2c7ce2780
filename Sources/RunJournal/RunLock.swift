import Foundation

/// Who holds a run: read from its lock file.
public struct LockHolder: Codable, Sendable, Equatable {
    public var pid: Int32
    public var host: String
    /// When the holder last refreshed the lock (RFC 3339).
    public var refreshedAt: String

    /// A holder whose lock is held but whose file is not written yet (it is being taken).
    public static let unknown = LockHolder(pid: 0, host: "another process", refreshedAt: "just now")

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

/// A live run's lock: `RUN.lock` next to its journal. Its holder keeps the file open with an
/// open-file-description write lock (`F_OFD_SETLK`) for the whole run, so the kernel releases it
/// the moment the process is gone (killed, crashed) and a takeover is decided by the lock
/// itself: of two processes finding the same stale lock at the same instant, exactly one gets
/// it. The file also names the process and host, refreshed every few seconds, for the operator
/// and for a state directory shared between hosts (whose locks the file system may not pass on:
/// another host's lock refreshed within `staleAfter` counts as live even when unlocked here).
public final class RunLock: Sendable {
    /// Seconds between refreshes.
    public static let refreshEvery: Double = 5
    /// A lock from another host not refreshed for this long is stale.
    public static let staleAfter: Double = 60

    public let path: String
    private let descriptor: Int32
    private let refresher: Task<Void, Never>

    private init(path: String, descriptor: Int32, refresher: Task<Void, Never>) {
        self.path = path
        self.descriptor = descriptor
        self.refresher = refresher
    }

    /// Takes the lock of `runId`; throws `.running` when a live process holds it.
    public static func acquire(_ store: JournalStore, runId: String) throws(JournalError) -> RunLock {
        try store.prepare()
        let path = store.lockPath(runId)
        for _ in 0..<5 {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw .io("cannot open the run lock \(path): \(String(cString: strerror(errno)))") }
            guard FileLock.tryLock(fd) else {
                let reason = errno
                _ = Foundation.close(fd)
                if reason == EAGAIN || reason == EACCES {
                    throw .running(runId: runId, holder: holder(at: path) ?? LockHolder.unknown)
                }
                throw .io("cannot lock the run lock \(path): \(String(cString: strerror(reason)))")
            }
            // The lock is on the file this descriptor opened; a holder that just released it
            // removed that file, so the lock only counts while the path still names it.
            guard FileLock.sameFile(fd, path) else {
                _ = Foundation.close(fd)
                continue
            }
            // Unlocked here, but another host may hold it on a shared directory.
            if let other = holder(at: path), other.host != JournalIdentity.host, other.isAlive() {
                _ = Foundation.close(fd)
                throw .running(runId: runId, holder: other)
            }
            write(fd)
            let refresher = Task.detached {
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: UInt64(refreshEvery * 1e9))
                    if Task.isCancelled { break }
                    write(fd)
                }
            }
            return RunLock(path: path, descriptor: fd, refresher: refresher)
        }
        throw .io("cannot take the run lock \(path): other processes keep taking and releasing it")
    }

    /// The live holder of `runId`, nil when nobody holds it (or only a stale lock is left).
    /// Only tests the lock: never takes it, so it cannot get in an acquirer's way.
    public static func liveHolder(_ store: JournalStore, runId: String) -> LockHolder? {
        let path = store.lockPath(runId)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = Foundation.close(fd) }
        let written = holder(at: path)
        if FileLock.isLocked(fd) { return written ?? LockHolder.unknown }
        if let written, written.host != JournalIdentity.host, written.isAlive() { return written }
        return nil
    }

    /// Ends the refreshing, removes the lock file, then lets the lock go.
    public func release() {
        refresher.cancel()
        _ = unlink(path)
        _ = Foundation.close(descriptor)
    }

    static func holder(at path: String) -> LockHolder? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(LockHolder.self, from: data)
    }

    /// Writes who holds the lock through the holder's own descriptor.
    private static func write(_ fd: Int32) {
        let holder = LockHolder(pid: JournalIdentity.pid, host: JournalIdentity.host, refreshedAt: JournalClock.now())
        guard let data = try? JSONEncoder().encode(holder) else { return }
        _ = ftruncate(fd, 0)
        data.withUnsafeBytes { _ = pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// The process exists (signal 0 reaches it, or it exists but is not ours to signal).
    public static func processExists(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
