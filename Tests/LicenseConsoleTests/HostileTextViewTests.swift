import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

/// Devices whose fields hold escape sequences, bidi controls and wide text, drawn by the console.
@Suite("View: hostile server text")
struct HostileTextViewTests {
    static let hostile: [DeviceInfo] = [
        DeviceInfo(deviceId: Fixture.imei(1), mdn: "5550000001", make: "\u{1B}]0;PWNED-TITLE\u{07}Sequans \u{1B}[2J",
                   model: "\u{9B}31mGM01Q\u{9B}0m", firmware: "SR1\u{1B}]52;c;eA==\u{1B}\\", fotaEligible: true,
                   licenseAssigned: false, upgradeTime: nil),
        DeviceInfo(deviceId: Fixture.imei(2), mdn: "5550000002", make: "TELIT \u{202E}DECREVER\u{202C}", model: "LE910",
                   firmware: "\u{2066}25.30\u{2069}", fotaEligible: true, licenseAssigned: true, upgradeTime: nil),
        DeviceInfo(deviceId: Fixture.imei(3), mdn: "5550000003", make: "华为技术", model: "模组📡BG96",
                   firmware: "固件-1.0✅", fotaEligible: true, licenseAssigned: false, upgradeTime: nil),
    ] + Fixture.devices(5, from: 10)

    /// Every character in the grid: no control or bidi character anywhere.
    static func unsafeScalars(_ grid: CellGrid) -> [UInt32] {
        grid.cells.flatMap { $0.char.unicodeScalars }.filter { TextSanitizer.needsAttention($0) }.map(\.value)
    }

    @Test(arguments: [(80, 24), (120, 30), (200, 50)])
    func pickerRowsAreSafeAndWideTextIsIntact(width: Int, height: Int) throws {
        let state = Fixture.state(devices: Self.hostile, width: width, height: height)
        let grid = view(state, width: width, height: height)
        #expect(Self.unsafeScalars(grid).isEmpty, "\(Self.unsafeScalars(grid))")
        #expect(!grid.text.contains("PWNED") && !grid.text.contains("[2J"))
        let y = try #require(grid.row(containing: Fixture.imei(3)))
        let line = grid.lines[y]
        #expect(line.contains("华为技术"), "\(line)")
        // Each wide character is one cell plus a continuation cell.
        let cjkCells = (0..<grid.width).filter { grid[$0, y].char == "华" || grid[$0, y].char == "为" }
        #expect(cjkCells.count == 2)
        for x in cjkCells { #expect(grid[x + 1, y].isContinuation) }
        // Every row keeps its columns: the IMEI column and the licence column line up.
        let hostileRow = try #require(grid.row(containing: Fixture.imei(1)))
        #expect(grid.lines[hostileRow].contains("Sequans"))
        let bidiRow = try #require(grid.row(containing: Fixture.imei(2)))
        // At 80 columns the make column is narrower than the text: cut with an ellipsis.
        #expect(grid.lines[bidiRow].contains(width >= 120 ? "TELIT DECREVER" : "TELIT DEC…"), "\(grid.lines[bidiRow])")
        let licence = state.layout.columns.licence.x
        for row in [hostileRow, bidiRow, y] {
            #expect(["y", "n"].contains(grid[licence, row].char), "row \(row): \(grid.lines[row])")
        }
    }

    @Test func aCutWideTextEndsWithAnEllipsis() throws {
        let long = DeviceInfo(deviceId: Fixture.imei(4), mdn: "5550000004", make: String(repeating: "华为", count: 20),
                              model: "X", firmware: "1", fotaEligible: true, licenseAssigned: false, upgradeTime: nil)
        let grid = view(Fixture.state(devices: [long], width: 80, height: 24), width: 80, height: 24)
        let y = try #require(grid.row(containing: Fixture.imei(4)))
        #expect(grid.lines[y].contains("…"), "\(grid.lines[y])")
        #expect(Self.unsafeScalars(grid).isEmpty)
    }
}
