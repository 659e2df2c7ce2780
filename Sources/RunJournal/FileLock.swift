import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Open-file-description locks (Linux `F_OFD_SETLK`): held by one open file, released when it is
/// closed or its process dies; unlike POSIX record locks, not dropped when the same process
/// closes another descriptor of the file, and a process sees its own lock through a second
/// descriptor (so one process cannot take the same run twice).
enum FileLock {
    #if os(Linux)
    private static let getLock: Int32 = 36     // F_OFD_GETLK
    private static let setLock: Int32 = 37     // F_OFD_SETLK
    #else
    private static let getLock = F_GETLK
    private static let setLock = F_SETLK
    #endif

    /// A write lock on the whole file, without waiting; false (errno EAGAIN or EACCES) when
    /// another open file holds one.
    static func tryLock(_ fd: Int32) -> Bool {
        var request = wholeFile(Int16(F_WRLCK))
        return fcntl(fd, setLock, &request) == 0
    }

    /// Whether another open file holds a lock on the file; never takes one.
    static func isLocked(_ fd: Int32) -> Bool {
        var probe = wholeFile(Int16(F_WRLCK))
        guard fcntl(fd, getLock, &probe) == 0 else { return false }
        return probe.l_type != Int16(F_UNLCK)
    }

    /// Whether `path` still names the file open on `fd`.
    static func sameFile(_ fd: Int32, _ path: String) -> Bool {
        var open = stat(), named = stat()
        guard fstat(fd, &open) == 0, stat(path, &named) == 0 else { return false }
        return open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    private static func wholeFile(_ type: Int16) -> flock {
        var lock = flock()
        lock.l_type = type
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        lock.l_pid = 0
        return lock
    }
}
