import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

/// The header and picker in ASCII and in the none colour tier, and the production look.
@Suite struct DisplayModeTests {
    static func context(charset: DisplayCharset = .utf8, production: Bool = false) -> ConsoleContext {
        ConsoleContext(account: "0242078689-00001", host: "thingspace.verizon.com", apiVersion: "v1",
                       timeZone: TimeZone(identifier: "UTC")!, charset: charset, production: production)
    }

    /// The picker scene (three selected, one of them assigning) in `context`.
    static func picker(_ context: ConsoleContext, _ w: Int = 80, _ h: Int = 24) -> ConsoleState {
        var s = Fixture.state(devices: Fixture.devices(120), context: context, width: w, height: h)
        Fixture.keys(&s, .char(" "), .char(" "), .down, .char(" "))
        return s
    }

    /// Text, then one hex digit per cell: the attributes the cell gets in the none tier
    /// (1 bold, 2 reverse, 4 underline, 8 dim).
    static func noneTier(_ grid: CellGrid, theme: Theme) -> String {
        let drawn = theme.effective(in: .none)
        let text = grid.lines.map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
        let attrs = (0..<grid.height).map { y in
            String((0..<grid.width).map { x in
                Character(String(drawn.style(for: grid[x, y].role).attributes.rawValue, radix: 16))
            })
        }
        return "size \(grid.width)x\(grid.height)\n" + text.joined(separator: "\n") + "\n-- attributes --\n" + attrs.joined(separator: "\n")
    }

    @Test func asciiHeaderAndPicker() {
        let grid = view(Self.picker(Self.context(charset: .ascii)), width: 80, height: 24)
        Snapshot.check(grid, "pickerASCII80x24", expected: Snapshots.pickerASCII80x24)
        let text = grid.lines.joined()
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "ASCII mode draws only ASCII:\n\(grid.lines.joined(separator: "\n"))")
        // The gauge: # used, - what a remove would free, + what an assign would use, . free.
        #expect(grid.lines[1].hasPrefix("Licences [#-+......."), "\(grid.lines[1])")
    }

    @Test func asciiDialogBoxesAndRunPanel() {
        var s = Self.picker(Self.context(charset: .ascii), 100, 30)
        Fixture.keys(&s, .char("a"))
        let dialog = view(s, width: 100, height: 30)
        #expect(dialog.lines.joined().unicodeScalars.allSatisfy { $0.isASCII }, "\(dialog.lines.joined(separator: "\n"))")
        #expect(dialog.lines.contains { $0.contains("+----") && $0.contains("-+") })
        #expect(dialog.lines.contains { $0.contains("| ") })
    }

    @Test func noneTierHeaderAndPicker() {
        let grid = view(Self.picker(Self.context()), width: 80, height: 24)
        let actual = Self.noneTier(grid, theme: .default)
        for role in Role.allCases {
            let style = Theme.default.effective(in: .none).style(for: role)
            #expect(style.fg == .terminalDefault && style.bg == .terminalDefault, "no colour in the none tier: \(role)")
        }
        if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
            Snapshot.recordText(actual, "pickerNoneTier80x24")
            return
        }
        #expect(actual == Snapshots.pickerNoneTier80x24, "\(actual)")
    }

    @Test func productionSaysSoInTheHeaderAndConfirmDialog() {
        var s = Self.picker(Self.context(production: true), 100, 30)
        var grid = view(s, width: 100, height: 30)
        #expect(grid.lines[0].hasPrefix(" PRODUCTION "), "\(grid.lines[0])")
        #expect(grid[1, 0].role == .productionBadge)
        #expect(grid.lines[0].contains("0242078689-00001"))
        Fixture.keys(&s, .char("a"))
        grid = view(s, width: 100, height: 30)
        #expect(grid.lines.contains { $0.contains("PRODUCTION") && $0.contains("Assign FOTA licences") })
        // Narrow: the badge and the account stay.
        var narrow = Self.picker(Self.context(production: true), 60, 16)
        _ = update(&narrow, .resize(width: 60, height: 16))
        let top = view(narrow, width: 60, height: 16).lines[0]
        #expect(top.contains("PRODUCTION") && top.contains("0242078689-00001"), "\(top)")
        // Without production: no badge.
        #expect(!view(Self.picker(Self.context()), width: 100, height: 30).lines[0].contains("PRODUCTION"))
    }
}
