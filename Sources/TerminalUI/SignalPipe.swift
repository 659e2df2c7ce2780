import CNcurses
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGWINCH (the terminal's own signal) into calls on the main actor: an
/// async-signal-safe handler (in the C shim) writes the signal number to a pipe, and a
/// dispatch read source on the main queue reads it. This is the only file that calls the
/// shim's `ts_sigpipe_*` functions, so their static state exists once.
@MainActor
final class SignalPipe {
    private var readFD: Int32 = -1
    private var writeFD: Int32 = -1
    private var source: DispatchSourceRead?

    /// Installs the handlers; `handler` runs on the main actor once per signal received.
    init?(signals: [Int32], handler: @escaping @MainActor (Int32) -> Void) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        readFD = fds[0]
        writeFD = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        let source = DispatchSource.makeReadSource(fileDescriptor: readFD, queue: .main)
        let fd = readFD
        source.setEventHandler {
            MainActor.assumeIsolated {
                var buffer = [UInt8](repeating: 0, count: 64)
                while true {
                    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if n <= 0 { break }
                    for sig in buffer[0..<n] { handler(Int32(sig)) }
                }
            }
        }
        source.setCancelHandler { close(fd) }
        source.resume()
        self.source = source
        for sig in signals { _ = ts_sigpipe_install(writeFD, sig) }
    }

    /// Puts the previous handlers back and closes the pipe.
    func remove() {
        guard writeFD >= 0 else { return }
        ts_sigpipe_uninstall_all()
        close(writeFD)
        source?.cancel()      // its cancel handler closes the read end
        source = nil
        writeFD = -1
        readFD = -1
    }
}
