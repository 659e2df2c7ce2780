import CNcurses
#if canImport(Glibc)
import Glibc
#endif

struct PTYError: Error, CustomStringConvertible {
    var description: String
}

/// A pseudo-terminal pair for tests. The terminal under test uses `slave`; the test plays
/// the user's terminal emulator on `master` (reads what was drawn, writes key bytes).
/// Both ends are closed by `close()` or, at the latest, when the object goes away.
final class PseudoTerminal: @unchecked Sendable {   // mutated only on the main actor
    private(set) var master: Int32 = -1
    private(set) var slave: Int32 = -1

    init(width: Int, height: Int) throws {
        var m: Int32 = -1, s: Int32 = -1
        guard ts_open_pty(&m, &s) == 0 else { throw PTYError(description: "openpty failed: errno \(errno)") }
        master = m
        slave = s
        guard ts_set_winsize(m, Int32(height), Int32(width)) == 0 else {
            close()
            throw PTYError(description: "TIOCSWINSZ failed")
        }
        let flags = fcntl(m, F_GETFL)
        _ = fcntl(m, F_SETFL, flags | O_NONBLOCK)
    }

    deinit { close() }

    func close() {
        if master >= 0 { _ = Glibc.close(master) }
        if slave >= 0 { _ = Glibc.close(slave) }
        master = -1
        slave = -1
    }

    /// Closes only the emulator side, as when an SSH connection drops.
    func hangUp() {
        if master >= 0 { _ = Glibc.close(master) }
        master = -1
    }

    func resize(width: Int, height: Int) {
        _ = ts_set_winsize(master, Int32(height), Int32(width))
    }

    /// Types bytes into the terminal, as the emulator would on key presses.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buf in
            _ = Glibc.write(master, buf.baseAddress, buf.count)
        }
    }

    /// Everything the program wrote, reading until nothing new arrives for `quietMs`.
    func drain(quietMs: Int32 = 60) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, quietMs)
            if ready <= 0 { break }
            let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// Waits until the terminal side has input to read (the keys typed reached it).
    func waitForInput(timeoutMs: Int32 = 1000) -> Bool {
        var pfd = pollfd(fd: slave, events: Int16(POLLIN), revents: 0)
        return poll(&pfd, 1, timeoutMs) > 0
    }

    var slaveModes: termios {
        var t = termios()
        tcgetattr(slave, &t)
        return t
    }
}

extension Array where Element == UInt8 {
    /// The output with escape sequences removed (CSI, OSC and charset selections), for
    /// "did this text appear" checks.
    var visibleText: String {
        var out: [UInt8] = []
        var i = 0
        while i < count {
            let b = self[i]
            if b == 0x1B, i + 1 < count {
                let next = self[i + 1]
                if next == UInt8(ascii: "[") {
                    i += 2
                    while i < count, !(self[i] >= 0x40 && self[i] <= 0x7E) { i += 1 }
                    i += 1
                    continue
                } else if next == UInt8(ascii: "]") {
                    i += 2
                    while i < count, self[i] != 0x07 { i += 1 }
                    i += 1
                    continue
                } else if next == UInt8(ascii: "(") || next == UInt8(ascii: ")") {
                    i += 3
                    continue
                } else {
                    i += 2
                    continue
                }
            }
            if b >= 0x20 || b >= 0x80 { out.append(b) }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Reads `fd` until `needle` shows in the visible text or `timeoutMs` passes; returns all
/// visible text read. For detached tasks that watch the screen while the runner runs.
func readScreen(fd: Int32, until needle: String, timeoutMs: Int = 5000) -> String {
    var seen: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    var waited = 0
    while waited < timeoutMs, !Task.isCancelled {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        if poll(&pfd, 1, 20) > 0 {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 { seen.append(contentsOf: buffer[0..<n]) }
            if n <= 0 { waited += 20 }
        } else {
            waited += 20
        }
        if seen.visibleText.contains(needle) { break }
    }
    return seen.visibleText
}

func typeInto(fd: Int32, _ text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { _ = Glibc.write(fd, $0.baseAddress, $0.count) }
}
