import CNcurses
import Drawing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Terminal {
    /// Everything that is waiting: queued resizes, then every key ncurses can decode now
    /// (`wget_wch` in no-delay mode until `ERR`). Never blocks. Keys ncurses cannot name are
    /// dropped; `KEY_RESIZE` becomes `.resize` (only when the size really changed).
    public func readKeys() -> [TerminalEvent] {
        guard isStarted, let win = ts_stdscr() else { return [] }
        var events = pendingEvents
        pendingEvents = []
        var ch: wint_t = 0
        for _ in 0..<4096 {
            let result = wget_wch(win, &ch)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                if Int32(ch) == KEY_RESIZE {
                    forceFullDraw = true
                    if let resize = resizeEventIfChanged() { events.append(resize) }
                } else if Int32(ch) == KEY_MOUSE {
                    if let mouse = readMouse() { events.append(.mouse(mouse)) }
                } else if let key = KeyMapping.key(forKeyCode: Int32(ch)) {
                    events.append(.key(key))
                }
            } else if let key = KeyMapping.key(forCharacter: UInt32(ch)) {
                events.append(.key(key))
            }
        }
        return events
    }

    /// True when the input side of the terminal has hung up or failed (checked when a wake-up
    /// produced no keys).
    public var inputHasClosed: Bool {
        var pfd = pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, 0) >= 0 else { return errno != EINTR }
        return pfd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// The mouse report behind a `KEY_MOUSE`, when it is one the console uses.
    private func readMouse() -> MouseEvent? {
        var x: Int32 = 0, y: Int32 = 0
        var state: mmask_t = 0
        guard ts_getmouse(&x, &y, &state) == 0 else { return nil }
        return KeyMapping.mouse(state: state, x: Int(x), y: Int(y))
    }

    func queueResizeIfChanged() {
        if let resize = resizeEventIfChanged() { pendingEvents.append(resize) }
    }

    private func resizeEventIfChanged() -> TerminalEvent? {
        let current = size
        guard current != lastReportedSize else { return nil }
        lastReportedSize = current
        return .resize(width: current.width, height: current.height)
    }
}
