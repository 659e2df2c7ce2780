import CNcurses
import Drawing
import Foundation
import Testing
@testable import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

extension NcursesTests {
    /// Mouse reports through ncurses' own support (the protocol terminfo names), and OSC 52.
    @Suite @MainActor struct Mouse {
        func events(_ bytes: String, expecting count: Int, terminal: Terminal, pty: PseudoTerminal) -> [TerminalEvent] {
            pty.type(bytes)
            _ = pty.waitForInput()
            var events: [TerminalEvent] = []
            for _ in 0..<100 where events.count < count {
                events += terminal.readKeys()
                if events.count < count { usleep(10_000) }
            }
            return events
        }

        /// A press and its release read apart: one click, when the button comes up.
        @Test func aPressAndALaterReleaseAreOneClick() throws {
            try withTerminal(term: "xterm-256color", mouse: true) { terminal, pty in
                #expect(events("\u{1b}[<0;5;3M", expecting: 1, terminal: terminal, pty: pty).isEmpty)
                #expect(events("\u{1b}[<0;5;3m", expecting: 1, terminal: terminal, pty: pty) == [.mouse(MouseEvent(.click, x: 4, y: 2))])
            }
        }

        /// xterm-256color names SGR reports (`kmous=\E[<`): 1-based columns and rows.
        @Test func sgrWheelAndClickOnXterm() throws {
            try withTerminal(term: "xterm-256color", mouse: true) { terminal, pty in
                #expect(terminal.mouseActive)
                let got = events("\u{1b}[<65;10;5M\u{1b}[<64;3;4M\u{1b}[<0;2;7M\u{1b}[<0;2;7mj", expecting: 4, terminal: terminal, pty: pty)
                #expect(got == [.mouse(MouseEvent(.wheelDown, x: 9, y: 4)), .mouse(MouseEvent(.wheelUp, x: 2, y: 3)),
                                .mouse(MouseEvent(.click, x: 1, y: 6)), .key(.char("j"))], "\(got)")
            }
        }

        /// tmux-256color names the X10 form (`kmous=\E[M`): button + 32, column and row + 33.
        @Test func x10WheelAndClickOnTmux() throws {
            try withTerminal(term: "tmux-256color", mouse: true) { terminal, pty in
                #expect(terminal.mouseActive)
                func report(_ button: Int, _ x: Int, _ y: Int) -> String {
                    "\u{1b}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + x)))
                        + String(UnicodeScalar(UInt8(33 + y)))
                }
                let got = events(report(65, 9, 4) + report(0, 1, 6) + report(3, 1, 6) + "k", expecting: 3, terminal: terminal, pty: pty)
                #expect(got == [.mouse(MouseEvent(.wheelDown, x: 9, y: 4)), .mouse(MouseEvent(.click, x: 1, y: 6)), .key(.char("k"))],
                        "\(got)")
            }
        }

        /// With the mouse off (`[console] mouse = false`) ncurses is not asked for reports.
        @Test func mouseOffAsksForNothing() throws {
            try withTerminal(term: "xterm-256color", mouse: false) { terminal, pty in
                #expect(!terminal.mouseActive)
                terminal.draw(sampleGrid(width: 100, height: 30, cursor: 1), theme: .default)
                let out = String(decoding: pty.drain(), as: UTF8.self)
                #expect(!out.contains("\u{1b}[?1000h") && !out.contains("\u{1b}[?1006h"))
            }
        }

        @Test func buttonStatesMapToEvents() {
            #expect(KeyMapping.mouse(state: ts_BUTTON4_PRESSED(), x: 1, y: 2) == MouseEvent(.wheelUp, x: 1, y: 2))
            #expect(KeyMapping.mouse(state: ts_BUTTON5_PRESSED(), x: 1, y: 2) == MouseEvent(.wheelDown, x: 1, y: 2))
            #expect(KeyMapping.mouse(state: ts_BUTTON1_RELEASED(), x: 0, y: 9) == MouseEvent(.click, x: 0, y: 9))
            #expect(KeyMapping.mouse(state: ts_BUTTON1_PRESSED(), x: 0, y: 9) == nil)
        }

        @Test func clipboardIsWrittenAsOSC52AfterTheFrame() throws {
            try withTerminal(term: "xterm-256color") { terminal, pty in
                terminal.draw(sampleGrid(width: 100, height: 30, cursor: 1), theme: .default)
                _ = pty.drain()
                terminal.copyToClipboard("353456090000018\n353456090000026")
                let out = String(decoding: pty.drain(), as: UTF8.self)
                let payload = Data("353456090000018\n353456090000026".utf8).base64EncodedString()
                #expect(out == "\u{1b}]52;c;\(payload)\u{07}", "\(out.debugDescription)")
            }
        }

        @Test func osc52EncodesTheTextInBase64() {
            let bytes = OSC52.sequence(for: "12345")
            #expect(String(decoding: bytes, as: UTF8.self) == "\u{1b}]52;c;MTIzNDU=\u{07}")
        }
    }
}
