import TestSupport
import Foundation
import Drawing
import Testing
@testable import TerminalUI

extension NcursesTests {
    /// Colour tiers on a real ncurses screen (a pseudo-terminal): the none tier sends no colour
    /// escape at all, from `start()` to `stop()`.
    @Suite @MainActor struct ColorTiers {
        /// Every byte from start to stop with `theme` drawn.
        static func allBytes(term: String, environment: [String: String], colors: ColorChoice = .auto,
                             theme: Theme = .default) throws -> (tier: ColorTier, bytes: [UInt8]) {
            let pty = try PseudoTerminal(width: 100, height: 30)
            defer { pty.close() }
            let terminal = Terminal(inputFD: pty.slave, outputFD: pty.slave, term: term, locale: "C.UTF-8",
                                    environment: environment, colors: colors)
            try terminal.start()
            var bytes = pty.drain()
            terminal.draw(sampleGrid(width: 100, height: 30, cursor: 3), theme: theme)
            bytes += pty.drain()
            let tier = terminal.colorTier
            terminal.stop()
            bytes += pty.drain()
            return (tier, bytes)
        }

        @Test(arguments: ["xterm-256color", "tmux-256color", "xterm", "vt100"])
        func noColorSendsNoColourEscape(term: String) throws {
            let (tier, bytes) = try Self.allBytes(term: term, environment: ["NO_COLOR": "1"])
            #expect(tier == .none)
            #expect(SGR.colourLists(bytes).isEmpty, "colour SGR under NO_COLOR on \(term): \(SGR.colourLists(bytes))")
            #expect(bytes.visibleText.contains("ACME Fleet"), "the frame was drawn")
        }

        @Test func colorsNoneAndMonoSendNoColourEscape() throws {
            let none = try Self.allBytes(term: "xterm-256color", environment: [:], colors: .tier(.none))
            #expect(none.tier == .none && SGR.colourLists(none.bytes).isEmpty)
            let mono = try Self.allBytes(term: "xterm-256color", environment: [:], theme: .mono)
            #expect(mono.tier == .palette256)
            #expect(SGR.colourLists(mono.bytes).isEmpty, "\(SGR.colourLists(mono.bytes))")
        }

        @Test func theDefaultThemeDoesSendColour() throws {
            // The check above can fail: with colour, the same frame carries colour escapes.
            let coloured = try Self.allBytes(term: "xterm-256color", environment: [:])
            #expect(coloured.tier == .palette256)
            #expect(!SGR.colourLists(coloured.bytes).isEmpty)
        }

        /// A direct-colour terminfo entry (`RGB`; Debian's ncurses-term has `xterm-direct`) gets the
        /// theme's exact #rrggbb; without one the test is skipped.
        @Test(.enabled(if: ["/usr/share/terminfo/x/xterm-direct", "/lib/terminfo/x/xterm-direct"]
            .contains { FileManager.default.fileExists(atPath: $0) }, "no xterm-direct terminfo entry here"))
        func directColourTerminalGetsExactColours() throws {
            let orange = Theme(name: "orange", base: .default,
                               overrides: Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, Style(fg: .rgb(255, 135, 1))) }))
            let (tier, bytes) = try Self.allBytes(term: "xterm-direct", environment: [:], theme: orange)
            #expect(tier == .truecolor)
            let exact = SGR.colourLists(bytes).contains { list in
                list.first == 38 && list.dropFirst().first == 2 && Array(list.suffix(3)) == [255, 135, 1]
            }
            #expect(exact, "no 38;2;255;135;1 in \(SGR.colourLists(bytes))")
            // The same theme on a 256-colour terminal is reduced to the palette (no direct colour).
            let reduced = try Self.allBytes(term: "xterm-256color", environment: [:], theme: orange)
            #expect(!SGR.colourLists(reduced.bytes).contains { $0.first == 38 && $0.dropFirst().first == 2 })
        }

        @Test func tiersFollowTerminfoAndColors() throws {
            try withTerminal(term: "xterm-256color") { t, _ in #expect(t.colorTier == .palette256 && t.colorCount == 256) }
            try withTerminal(term: "xterm") { t, _ in #expect(t.colorTier == .ansi8 && t.colorCount == 8) }
            try withTerminal(term: "vt100") { t, _ in #expect(t.colorTier == .none && !t.hasColors) }
            try withTerminal(term: "xterm-256color", colors: .tier(.ansi16)) { t, _ in #expect(t.colorTier == .ansi16 && t.colorCount == 16) }
            try withTerminal(term: "xterm", colors: .tier(.truecolor)) { t, _ in #expect(t.colorTier == .ansi8, "never above the terminal") }
            try withTerminal(term: "xterm-256color", environment: ["NO_COLOR": "1"], colors: .tier(.palette256)) { t, _ in
                #expect(t.colorTier == .palette256, "an explicit --colors beats NO_COLOR")
            }
        }

        @Test func sixteenColourTierReducesTheCube() throws {
            try withTerminal(term: "xterm-256color", colors: .tier(.ansi16)) { terminal, _ in
                var grid = CellGrid(width: 100, height: 30)
                grid.put("X", x: 0, y: 0, role: .title)
                let theme = Theme.default.with(.title, Style(fg: .rgb(255, 0, 0)))
                terminal.draw(grid, theme: theme)
                #expect(terminal.screenCell(x: 0, y: 0)?.foreground == 9)
            }
        }
    }
}
