import Drawing
import Testing
@testable import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

extension NcursesTests {
    @Suite @MainActor struct Lifecycle {
        @Test func unknownTerminalType() throws {
            let pty = try PseudoTerminal(width: 80, height: 24)
            defer { pty.close() }
            let terminal = Terminal(inputFD: pty.slave, outputFD: pty.slave, term: "no-such-terminal-xyz",
                                    locale: "C.UTF-8", environment: [:])
            #expect(throws: TerminalError.unknownTerminal(term: "no-such-terminal-xyz")) { try terminal.start() }
            #expect(!terminal.isStarted)
        }

        /// ncurses refuses hard-copy entries itself; the `cup` check after `newterm` covers screen
        /// entries without cursor addressing (none is installed here besides `dumb`, which
        /// `TerminalCheck` refuses first).
        @Test func hardCopyTerminalIsRefused() throws {
            let pty = try PseudoTerminal(width: 80, height: 24)
            defer { pty.close() }
            let before = pty.slaveModes
            let terminal = Terminal(inputFD: pty.slave, outputFD: pty.slave, term: "lpr", locale: "C.UTF-8",
                                    environment: [:])
            #expect(throws: TerminalError.unknownTerminal(term: "lpr")) { try terminal.start() }
            #expect(!terminal.isStarted)
            #expect(sameModes(before, pty.slaveModes))
        }

        @Test func notATerminal() throws {
            var fds: [Int32] = [-1, -1]
            #expect(pipe(&fds) == 0)
            defer { close(fds[0]); close(fds[1]) }
            let terminal = Terminal(inputFD: fds[0], outputFD: fds[1], term: "xterm", environment: [:])
            do {
                try terminal.start()
                Issue.record("started on a pipe")
                terminal.stop()
            } catch {
                #expect(error.description.contains("is not a terminal"))
            }
        }

        @Test func stopRestoresTheTerminalModesAndIsIdempotent() throws {
            let pty = try PseudoTerminal(width: 80, height: 24)
            defer { pty.close() }
            let before = pty.slaveModes
            let flagsBefore = fcntl(pty.slave, F_GETFL)
            let terminal = Terminal(inputFD: pty.slave, outputFD: pty.slave, term: "xterm-256color",
                                    locale: "C.UTF-8", environment: [:])
            try terminal.start()
            let during = pty.slaveModes
            #expect(during.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == 0, "raw mode: no line editing, echo or signals")
            #expect(throws: TerminalError.alreadyStarted) { try terminal.start() }
            terminal.stop()
            terminal.stop()
            #expect(!terminal.isStarted)
            #expect(sameModes(before, pty.slaveModes))
            #expect(fcntl(pty.slave, F_GETFL) == flagsBefore)
            let tail = pty.drain().visibleText
            _ = tail
            // Nothing is drawn or read after stop.
            terminal.draw(CellGrid(width: 10, height: 2), theme: .default)
            #expect(terminal.readKeys() == [])
            #expect(pty.drain().isEmpty)
        }

        @Test func aTerminalCanBeStartedAgain() throws {
            try withTerminal { terminal, pty in
                terminal.draw(sampleGrid(width: 100, height: 30, cursor: 0), theme: .default)
                #expect(pty.drain().visibleText.contains("tslicense"))
            }
            try withTerminal(width: 60, height: 20) { terminal, pty in
                #expect(terminal.size.width == 60 && terminal.size.height == 20)
                terminal.draw(sampleGrid(width: 60, height: 20, cursor: 0), theme: .default)
                #expect(pty.drain().visibleText.contains("tslicense"))
            }
        }

        @Test func crashSequenceDropsPadding() {
            let raw = Array("\u{1b}[?25h$<5>\u{1b}[?1049l$<2*/>".utf8)
            #expect(CrashGuard.withoutPadding(raw) == Array("\u{1b}[?25h\u{1b}[?1049l".utf8))
        }
    }
}

func sameModes(_ a: termios, _ b: termios) -> Bool {
    a.c_iflag == b.c_iflag && a.c_oflag == b.c_oflag && a.c_cflag == b.c_cflag && a.c_lflag == b.c_lflag
}
