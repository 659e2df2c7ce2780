import Dispatch
import Foundation

/// An open journal with group commit. `append(_:)` returns once its records are written and
/// fsynced. Records handed in while an fsync is under way wait for the next one, which then covers
/// all of them: concurrent batches share one write and one fsync. The writes and fsyncs run on a
/// private serial queue, never on Swift's cooperative pool.
public final class JournalFile: @unchecked Sendable {
    public let path: String
    private let fd: Int32
    private let queue = DispatchQueue(label: "tslicense.journal")
    private let lock = NSLock()
    private var pending = Data()
    private var waiters: [CheckedContinuation<Void, any Error>] = []
    private var scheduled = false
    private var failure: JournalError?
    private var closed = false
    private var syncs = 0

    /// Opens `path` for appending (created 0600 when missing; an existing file is made 0600). A
    /// torn last line (a crash mid-write) is cut off first, so new records start on a line of
    /// their own; `repaired` says how many bytes were cut.
    public init(path: String) throws(JournalError) {
        self.path = path
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io("cannot open the run journal \(path): \(String(cString: strerror(errno)))") }
        self.fd = fd
        _ = fchmod(fd, 0o600)
        repaired = JournalFile.cutTornTail(fd)
        // The new file's directory entry is made durable too.
        let dir = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); _ = Foundation.close(dir) }
    }

    /// Bytes of a torn last line cut off when the file was opened (0: none).
    public let repaired: Int

    deinit { if !closed { _ = Foundation.close(fd) } }

    /// Fsyncs done so far (one per group of records).
    public var syncCount: Int { lock.withLock { syncs } }

    /// Appends waiting for their fsync now (tests line concurrent appends up with it).
    var waitingCount: Int { lock.withLock { waiters.count } }

    /// Holds the writer's queue (tests: appends pile up, then share one fsync on `resumeWriter`).
    func suspendWriter() { queue.suspend() }
    func resumeWriter() { queue.resume() }

    /// Writes `records` and waits until they are on disk (shared fsync).
    public func append(_ records: [JournalRecord]) async throws {
        var data = Data()
        for record in records { data.append(try record.line()) }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let error: JournalError? = lock.withLock {
                if let failure { return failure }
                if closed { return .io("the run journal \(path) is closed") }
                pending.append(data)
                waiters.append(continuation)
                if !scheduled {
                    scheduled = true
                    queue.async { self.drain() }
                }
                return nil
            }
            if let error { continuation.resume(throwing: error) }
        }
    }

    /// Queues `records` without waiting: they reach the disk with the next group (or `close`).
    public func enqueue(_ records: [JournalRecord]) {
        var data = Data()
        for record in records { if let line = try? record.line() { data.append(line) } }
        lock.withLock { if !closed && failure == nil { pending.append(data) } }
    }

    /// Writes whatever is queued, then closes the file.
    public func close() async throws {
        try await append([])
        lock.withLock {
            closed = true
        }
        queue.sync { _ = Foundation.close(fd) }
    }

    /// The queue's loop: takes everything pending, one write, one fsync, wakes its waiters; again
    /// while more arrived meanwhile.
    private func drain() {
        while true {
            let (data, batch): (Data, [CheckedContinuation<Void, any Error>]) = lock.withLock {
                if pending.isEmpty && waiters.isEmpty {
                    scheduled = false
                    return (Data(), [])
                }
                defer { pending = Data(); waiters = [] }
                return (pending, waiters)
            }
            if data.isEmpty && batch.isEmpty { return }
            let error = write(data)
            lock.withLock {
                if error == nil { syncs += 1 } else if failure == nil { failure = error }
            }
            for waiter in batch {
                if let error { waiter.resume(throwing: error) } else { waiter.resume() }
            }
        }
    }

    private func write(_ data: Data) -> JournalError? {
        if let failure = lock.withLock({ failure }) { return failure }
        var offset = 0
        let ok: Bool = data.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        if !ok { return .io("cannot write the run journal \(path): \(String(cString: strerror(errno)))") }
        if fsync(fd) != 0 { return .io("cannot sync the run journal \(path): \(String(cString: strerror(errno)))") }
        return nil
    }

    /// Cuts the file back to just after its last newline; returns the bytes cut.
    private static func cutTornTail(_ fd: Int32) -> Int {
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0 else { return 0 }
        var position = size
        var byte: UInt8 = 0
        while position > 0 {
            guard pread(fd, &byte, 1, position - 1) == 1 else { return 0 }
            if byte == 0x0A { break }
            position -= 1
        }
        guard position < size else { return 0 }
        guard ftruncate(fd, position) == 0 else { return 0 }
        _ = fsync(fd)
        return Int(size - position)
    }
}
