import CNcurses

/// Restores the terminal if the process dies on SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE or
/// SIGTRAP (a Swift trap). The handler lives in the C shim because it must be
/// async-signal-safe: it only writes the saved reset sequence and calls `tcsetattr` with the
/// modes saved before ncurses changed them, then hands the signal to the previous handler
/// (the Swift backtracer or the default action).
///
/// This is the only file that calls the shim's `ts_crash_guard_*` functions, so their static
/// state exists once.
enum CrashGuard {
    /// Call before ncurses changes the terminal modes.
    static func saveModes(inputFD: Int32) -> Bool {
        ts_crash_guard_save_modes(inputFD) == 0
    }

    /// Installs the handlers. Call after `newterm`, so the reset sequence comes from terminfo.
    static func arm(outputFD: Int32) {
        // Reset attributes, keypad transmit off, cursor visible, leave the alternate screen.
        var bytes: [UInt8] = []
        for cap in ["sgr0", "rmkx", "cnorm", "rmcup"] {
            if let s = ts_tigetstr(cap) { bytes.append(contentsOf: withoutPadding(Array(String(cString: s).utf8))) }
        }
        if bytes.isEmpty { bytes = Array("\u{1b}[0m\u{1b}[?25h\u{1b}[?1049l".utf8) }
        bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { chars in
                ts_crash_guard_arm(outputFD, chars.baseAddress, chars.count)
            }
        }
    }

    /// Drops terminfo padding specifications (`$<5>`, `$<2*/>`), which are not meant for the
    /// terminal.
    static func withoutPadding(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "<"),
               let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                i = close + 1
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    static func disarm() {
        ts_crash_guard_disarm()
    }
}
