import Drawing
import Testing
@testable import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

extension NcursesTests {
    @Suite @MainActor struct Drawing {
        @Test func textAppearsOnTheTerminal() throws {
            try withTerminal { terminal, pty in
                #expect(terminal.size.width == 100 && terminal.size.height == 30)
                #expect(terminal.isUTF8 && !terminal.asciiOnly)
                terminal.draw(sampleGrid(width: 100, height: 30, cursor: 3), theme: .default)
                let bytes = pty.drain()
                let text = bytes.visibleText
                #expect(text.contains("tslicense"))
                #expect(text.contains("ACME Fleet @ api.example"))
                #expect(text.contains("356938035643809"))
                #expect(text.contains("✓ ok"))
                #expect(text.contains("│"))
                #expect(terminal.screenLine(0).hasPrefix(" tslicense  ACME Fleet"))
                #expect(terminal.screenLine(2).hasPrefix(" 356938035643809  licensed      ✗ failed"))
            }
        }

        @Test func identicalFramesWriteNothing() throws {
            try withTerminal { terminal, pty in
                let grid = sampleGrid(width: 100, height: 30, cursor: 3)
                terminal.draw(grid, theme: .default)
                let first = pty.drain().count
                terminal.draw(grid, theme: .default)
                let second = pty.drain().count
                terminal.draw(sampleGrid(width: 100, height: 30, cursor: 3), theme: .default)
                let rebuilt = pty.drain().count
                print("[bytes] first frame \(first), identical frame \(second), equal rebuilt frame \(rebuilt)")
                #expect(first > 1000)
                #expect(second == 0)
                #expect(rebuilt == 0)
                // A different theme repaints.
                terminal.draw(grid, theme: .mono)
                #expect(pty.drain().count > 0)
            }
        }

        @Test(arguments: ["xterm-256color", "tmux-256color"])
        func movingTheCursorRowIsCheap(term: String) throws {
            try withTerminal(width: 200, height: 50, term: term) { terminal, pty in
                terminal.draw(sampleGrid(width: 200, height: 50, cursor: 5), theme: .default)
                let first = pty.drain().count
                terminal.draw(sampleGrid(width: 200, height: 50, cursor: 6), theme: .default)
                let moved = pty.drain().count
                terminal.draw(sampleGrid(width: 200, height: 50, cursor: 6), theme: .default)
                let same = pty.drain().count
                print("[bytes] \(term) 200x50: first frame \(first), cursor moved one row \(moved), unchanged \(same)")
                #expect(first > 3000)
                #expect(moved > 0)
                #expect(moved * 10 < first)
                #expect(same == 0)
            }
        }

        @Test func redrawAllRepaintsEverything() throws {
            try withTerminal { terminal, pty in
                let grid = sampleGrid(width: 100, height: 30, cursor: 3)
                terminal.draw(grid, theme: .default)
                let first = pty.drain().count
                terminal.redrawAll()
                terminal.draw(grid, theme: .default)
                let again = pty.drain()
                print("[bytes] first frame \(first), after redrawAll (Ctrl-L) \(again.count)")
                #expect(again.count > first / 2)
                #expect(again.visibleText.contains("ACME Fleet @ api.example"))
            }
        }

        @Test func rolesBecomeColourPairsAndAttributes() throws {
            try withTerminal { terminal, _ in
                #expect(terminal.hasColors && terminal.colorCount == 256 && terminal.defaultColorsAvailable)
                terminal.draw(sampleGrid(width: 100, height: 30, cursor: 3), theme: .default)

                let header = try #require(terminal.screenCell(x: 2, y: 0))
                #expect(header.char == "s")
                #expect(header.foreground == 15 && header.background == 4)

                let account = try #require(terminal.screenCell(x: 12, y: 0))
                #expect(account.foreground == 11 && account.background == 4 && account.attributes == .bold)

                let failed = try #require(terminal.screenCell(x: 34, y: 2))      // row 0: "✗ failed"
                #expect(failed.char == "f")
                #expect(failed.foreground == 9 && failed.background == -1 && failed.attributes == .bold)

                let cursor = try #require(terminal.screenCell(x: 1, y: 5))       // row 3 = cursor
                #expect(cursor.foreground == 0 && cursor.background == 6)

                let normal = try #require(terminal.screenCell(x: 60, y: 4))
                #expect(normal.pair == 0 && normal.foreground == -1 && normal.background == -1 && normal.attributes == [])

                let key = try #require(terminal.screenCell(x: 0, y: 29))
                #expect(key.char == "E" && key.attributes.contains(.bold) && key.background == 6)

                // Same colours share one pair.
                let ok = try #require(terminal.screenCell(x: 32, y: 3))
                let okAgain = try #require(terminal.screenCell(x: 32, y: 4))
                #expect(ok.pair == okAgain.pair && ok.pair != 0)
            }
        }

        @Test func monoThemeUsesAttributesOnly() throws {
            try withTerminal { terminal, _ in
                terminal.draw(sampleGrid(width: 100, height: 30, cursor: 3), theme: .mono)
                let cursor = try #require(terminal.screenCell(x: 1, y: 5))
                #expect(cursor.pair == 0 && cursor.attributes == .reverse)
                let header = try #require(terminal.screenCell(x: 2, y: 0))
                #expect(header.pair == 0 && header.attributes == .reverse)
                let key = try #require(terminal.screenCell(x: 0, y: 29))
                #expect(key.pair == 0 && key.attributes == [.reverse, .bold])
            }
        }

        @Test func terminalWithoutColoursFallsBackToMono() throws {
            try withTerminal(term: "vt100") { terminal, _ in
                #expect(!terminal.hasColors)
                terminal.draw(sampleGrid(width: 100, height: 30, cursor: 3), theme: .default)
                let cursor = try #require(terminal.screenCell(x: 1, y: 5))
                #expect(cursor.pair == 0 && cursor.attributes == .reverse)
            }
        }

        @Test func eightColourTerminalDegradesBrightColours() throws {
            try withTerminal(term: "xterm") { terminal, _ in
                #expect(terminal.colorCount == 8)
                terminal.draw(sampleGrid(width: 100, height: 30, cursor: 3), theme: .default)
                let failed = try #require(terminal.screenCell(x: 34, y: 2))
                #expect(failed.foreground == 1 && failed.attributes.contains(.bold))
                let header = try #require(terminal.screenCell(x: 2, y: 0))
                #expect(header.foreground == 7 && header.background == 4 && header.attributes.contains(.bold))
            }
        }

        @Test func nonUTF8LocaleDrawsASCII() throws {
            try withTerminal(width: 40, height: 5, locale: "C") { terminal, pty in
                #expect(!terminal.isUTF8 && terminal.asciiOnly)
                var grid = CellGrid(width: 40, height: 5)
                grid.put("┌─│…█░→✓ é", x: 0, y: 1, role: .normal)
                terminal.draw(grid, theme: .default)
                let bytes = pty.drain()
                #expect(bytes.allSatisfy { $0 < 0x80 })
                #expect(terminal.screenLine(1).hasPrefix("+-|~#.>v e"))
            }
        }

        @Test func forcedASCIIInAUTF8Locale() throws {
            try withTerminal(width: 40, height: 5, asciiOnly: true) { terminal, pty in
                var grid = CellGrid(width: 40, height: 5)
                grid.put("╭─╮ ▲▼", x: 0, y: 0, role: .normal)
                terminal.draw(grid, theme: .default)
                #expect(pty.drain().allSatisfy { $0 < 0x80 })
                #expect(terminal.screenLine(0).hasPrefix("+-+ ^v"))
            }
        }

        @Test func cellsKeepTheirColumns() throws {
            try withTerminal(width: 20, height: 3) { terminal, pty in
                var grid = CellGrid(width: 20, height: 3)
                grid.put("a日b\u{7}c", x: 0, y: 0, role: .normal)   // 日 takes two cells; BEL is removed
                grid.put("e\u{301}x", x: 0, y: 1, role: .normal)     // e + combining acute: one cell
                grid.put("Z", x: 19, y: 2, role: .error)             // bottom-right cell
                terminal.draw(grid, theme: .default)
                #expect(terminal.screenCell(x: 0, y: 0)?.char == "a")
                #expect(terminal.screenCell(x: 1, y: 0)?.char == "日")
                #expect(terminal.screenCell(x: 3, y: 0)?.char == "b")
                #expect(terminal.screenCell(x: 4, y: 0)?.char == "c")
                #expect(terminal.screenCell(x: 1, y: 1)?.char == "x")
                #expect(terminal.screenCell(x: 19, y: 2)?.char == "Z")
                #expect(!pty.drain().contains(0x07))
            }
        }

        @Test func hostileServerTextDrawsSafelyAndWideTextAsItself() throws {
            try withTerminal(width: 40, height: 4) { terminal, pty in
                var grid = CellGrid(width: 40, height: 4)
                grid.put("\u{1B}]0;PWNED\u{07}Seq\u{9B}2Juans \u{202E}ok", x: 0, y: 0, role: .normal)
                grid.put("华为技术|模组📡BG96|", x: 0, y: 1, role: .row)
                grid.put("x", x: 3, y: 1, role: .error)              // over the right half of 为: 为 goes
                terminal.draw(grid, theme: .default)
                let bytes = pty.drain()
                #expect(!bytes.contains(0x07) && !bytes.contains(0x9B))
                #expect(!String(decoding: bytes, as: UTF8.self).contains("PWNED"))
                #expect(!String(decoding: bytes, as: UTF8.self).unicodeScalars.contains("\u{202E}"))
                #expect(terminal.screenLine(0).hasPrefix("Sequans ok"))
                #expect(terminal.screenCell(x: 0, y: 1)?.char == "华")
                #expect(terminal.screenCell(x: 2, y: 1)?.char == " ")
                #expect(terminal.screenCell(x: 3, y: 1)?.char == "x")
                #expect(terminal.screenCell(x: 4, y: 1)?.char == "技")
                #expect(terminal.screenCell(x: 6, y: 1)?.char == "术")
                #expect(terminal.screenCell(x: 8, y: 1)?.char == "|")
                #expect(terminal.screenCell(x: 9, y: 1)?.char == "模")
                #expect(terminal.screenCell(x: 13, y: 1)?.char == "📡")
                #expect(terminal.screenCell(x: 15, y: 1)?.char == "B")
                #expect(terminal.screenCell(x: 19, y: 1)?.char == "|")
            }
        }

        @Test func wideTextInANonUTF8LocaleIsAQuestionMarkPerCell() throws {
            try withTerminal(width: 20, height: 3, locale: "C") { terminal, pty in
                var grid = CellGrid(width: 20, height: 3)
                grid.put("华为|ok…", x: 0, y: 0, role: .normal)
                terminal.draw(grid, theme: .default)
                #expect(pty.drain().allSatisfy { $0 < 0x80 })
                #expect(terminal.screenLine(0).hasPrefix("????|ok~"))
            }
        }

        @Test func smallerGridClearsTheRest() throws {
            try withTerminal(width: 30, height: 6) { terminal, _ in
                terminal.draw(CellGrid(width: 30, height: 6, fill: Cell("x", .normal)), theme: .default)
                terminal.draw(CellGrid(width: 10, height: 2, fill: Cell("y", .normal)), theme: .default)
                #expect(terminal.screenLine(0) == "yyyyyyyyyy" + String(repeating: " ", count: 20))
                #expect(terminal.screenLine(4) == String(repeating: " ", count: 30))
            }
        }
    }
}
