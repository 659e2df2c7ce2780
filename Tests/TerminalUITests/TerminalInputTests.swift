import Drawing
import Testing
@testable import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

extension NcursesTests {
    @Suite @MainActor struct Input {
        /// Types `bytes` and reads until the expected number of events arrived (ncurses may
        /// hold a lone Esc for the 25 ms escape delay).
        @MainActor
        func keys(_ bytes: String, expecting count: Int, terminal: Terminal, pty: PseudoTerminal) -> [TerminalEvent] {
            pty.type(bytes)
            _ = pty.waitForInput()
            var events: [TerminalEvent] = []
            for _ in 0..<50 where events.count < count {
                events += terminal.readKeys()
                if events.count < count { usleep(10_000) }
            }
            return events
        }

        @Test func keySequencesMapToKeys() throws {
            try withTerminal { terminal, pty in
                let events = keys("\u{1b}[Aj\u{3}\r\u{1b}[5~", expecting: 5, terminal: terminal, pty: pty)
                #expect(events == [.key(.up), .key(.char("j")), .key(.ctrl("c")), .key(.enter), .key(.pageUp)])
            }
        }

        @Test func moreKeys() throws {
            try withTerminal { terminal, pty in
                let typed = "\u{1b}OA\u{1b}[B\u{1b}[6~\u{1b}[H\u{1b}[F\u{1b}[3~\t\u{1b}[Z\u{7f}\u{8}\n \u{c}é\u{1b}OP\u{1b}[24~\u{1a}"
                let expected: [Key] = [.up, .down, .pageDown, .home, .end, .delete, .tab, .backTab, .backspace,
                                       .backspace, .enter, .char(" "), .ctrl("l"), .char("é"), .function(1),
                                       .function(12), .ctrl("z")]
                let events = keys(typed, expecting: expected.count, terminal: terminal, pty: pty)
                #expect(events == expected.map(TerminalEvent.key))
            }
        }

        @Test func loneEscapeArrivesAfterTheShortDelay() throws {
            try withTerminal { terminal, pty in
                let start = ContinuousClock.now
                let events = keys("\u{1b}", expecting: 1, terminal: terminal, pty: pty)
                let elapsed = ContinuousClock.now - start
                print("[latency] lone Esc decoded after \(elapsed)")
                // The delay is a figure, printed above; the test asserts that a lone Esc arrives
                // as Esc without any further input (`keys` waits with a deadline).
                #expect(events == [.key(.escape)])
            }
        }

        @Test func nothingPendingReturnsImmediately() throws {
            try withTerminal { terminal, _ in
                // With nothing typed, reading returns at once and empty (a blocking read would
                // hang the test).
                #expect(terminal.readKeys() == [])
                #expect(!terminal.inputHasClosed)
            }
        }

        @Test func windowChangeQueuesOneResize() throws {
            try withTerminal(width: 80, height: 24) { terminal, pty in
                pty.resize(width: 120, height: 40)
                terminal.handleWindowChange()
                terminal.handleWindowChange()          // same size again: no second event
                #expect(terminal.size.width == 120 && terminal.size.height == 40)
                #expect(terminal.readKeys() == [.resize(width: 120, height: 40)])
                #expect(terminal.readKeys() == [])     // ncurses' own KEY_RESIZE is folded in
                terminal.draw(sampleGrid(width: 120, height: 40, cursor: 1), theme: .default)
                #expect(pty.drain().visibleText.contains("tslicense"))
            }
        }

        @Test func hangUpIsDetected() throws {
            try withTerminal { terminal, pty in
                pty.hangUp()
                // The hang-up reaches the slave side asynchronously; poll (up to 30 s: a bound
                // for a loaded machine, not a speed check).
                var events: [TerminalEvent] = []
                for _ in 0..<3000 where !terminal.inputHasClosed {
                    events += terminal.readKeys()
                    if !terminal.inputHasClosed { usleep(10_000) }
                }
                #expect(events == [])
                #expect(terminal.inputHasClosed)
            }
        }
    }
}
