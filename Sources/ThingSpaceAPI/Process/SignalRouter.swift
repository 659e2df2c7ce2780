import Dispatch
import Foundation

/// The write end of the signal pipe, read by the handler. Set once, before any handler is
/// installed, and never changed.
nonisolated(unsafe) private var signalPipeWriteFD: Int32 = -1

/// The handler: async-signal-safe (one `write` of one byte; `errno` is kept).
private func writeSignalToPipe(_ signal: Int32) {
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipeWriteFD, &byte, 1)
    errno = saved
}

/// Installs the handler for the signals that watches hold, reads the pipe on a serial queue, and
/// hands each signal to every watch of it, in the order the watches were made.
final class SignalRouter: @unchecked Sendable {
    static let shared = SignalRouter()

    private let lock = NSLock()
    private var watches: [Entry] = []
    private var nextId = 0
    private var previous: [Int32: sigaction] = [:]
    private let queue = DispatchQueue(label: "tslicense.signals")
    private var source: (any DispatchSourceRead)?

    /// The signals are kept here too: a watch being deinitialised is already nil through `watch`.
    private struct Entry {
        var id: Int
        var signals: Set<Int32>
        weak var watch: SignalWatch?
    }

    private init() {}

    func newId() -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextId += 1
        return nextId
    }

    func add(_ watch: SignalWatch) {
        lock.lock()
        defer { lock.unlock() }
        startReadingIfNeeded()
        let held = heldSignals()
        watches.append(Entry(id: watch.id, signals: watch.signals, watch: watch))
        for signal in watch.signals.sorted() where !held.contains(signal) { install(signal) }
    }

    func remove(_ id: Int) {
        lock.lock()
        defer { lock.unlock() }
        let before = heldSignals()
        watches.removeAll { $0.id == id }
        for signal in before.subtracting(heldSignals()).sorted() { restore(signal) }
    }

    /// Watches holding `signal` now (for tests).
    func holders(of signal: Int32) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return watches.filter { $0.signals.contains(signal) }.count
    }

    private func heldSignals() -> Set<Int32> {
        watches.reduce(into: Set<Int32>()) { $0.formUnion($1.signals) }
    }

    private func install(_ signal: Int32) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = writeSignalToPipe
        #else
        action.__sigaction_u.__sa_handler = writeSignalToPipe
        #endif
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        var old = sigaction()
        if sigaction(signal, &action, &old) == 0 { previous[signal] = old }
        // A parent may have started us with the signal blocked (a blocked signal stays pending
        // and never reaches the handler): let at least this thread take it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    private func restore(_ signal: Int32) {
        guard var old = previous.removeValue(forKey: signal) else { return }
        sigaction(signal, &old, nil)
    }

    private func startReadingIfNeeded() {
        guard source == nil else { return }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        signalPipeWriteFD = fds[1]
        let readFD = fds[0]
        let source = DispatchSource.makeReadSource(fileDescriptor: readFD, queue: queue)
        source.setEventHandler { [weak self] in
            var buffer = [UInt8](repeating: 0, count: 64)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                for byte in buffer[0..<n] { self?.route(Int32(byte)) }
            }
        }
        source.resume()
        self.source = source
    }

    private func route(_ signal: Int32) {
        lock.lock()
        let targets = watches.filter { $0.signals.contains(signal) }.compactMap(\.watch)
        lock.unlock()
        for watch in targets { watch.deliver(signal) }
    }
}
