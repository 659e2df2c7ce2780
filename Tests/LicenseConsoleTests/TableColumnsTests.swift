import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

/// The device table's columns laid out by constraints from the width, `…` cuts, the FOTA
/// column, and the `columns` choice of the config file.
@Suite("Layout: table columns")
struct TableColumnsTests {
    /// What the demo's devices need: a 15-character make and firmware, a 10-character model.
    static let demoContent = ColumnContentWidths(make: 15, model: 10, firmware: 15, reason: 40)

    static func widths(_ c: TableColumns) -> [TableColumnKind: Int] {
        Dictionary(uniqueKeysWithValues: c.shown.map { ($0.kind, $0.width) })
    }

    @Test func fixedColumnsKeepTheirWidthAndTheRestGrow() throws {
        let narrow = Self.widths(TableColumns(width: 80, content: Self.demoContent))
        let medium = Self.widths(TableColumns(width: 120, content: Self.demoContent))
        let wide = Self.widths(TableColumns(width: 200, content: Self.demoContent))
        for w in [narrow, medium, wide] {
            #expect(w[.imei] == 15 && w[.licence] == 3)
        }
        #expect(narrow[.mdn] == 10 && medium[.mdn] == 10 && wide[.mdn] == 10)
        // At 120 make, model and firmware have what their text needs; the outcome takes the rest.
        #expect(medium[.make] == 15 && medium[.model] == 10 && medium[.firmware] == 15)
        for kind: TableColumnKind in [.make, .model, .firmware, .outcome] {
            #expect(narrow[kind]! <= medium[kind]! && medium[kind]! <= wide[kind]!, "\(kind)")
        }
        #expect(narrow[.make]! < 15 && narrow[.firmware]! < 15, "80 columns cut make and firmware")
        #expect(wide[.outcome]! > medium[.outcome]!)
        #expect(narrow[.model]! >= 6, "the model never disappears at 80 columns")
    }

    @Test func eligibleGoesFirstBelow100ThenTheMDN() {
        func kinds(_ width: Int) -> [TableColumnKind] { TableColumns(width: width, content: Self.demoContent).shown.map(\.kind) }
        #expect(kinds(100) == TableColumnKind.standard)
        #expect(kinds(99) == TableColumnKind.standard.filter { $0 != .eligible })
        #expect(kinds(80).contains(.mdn))
        #expect(kinds(60) == [.imei, .make, .model, .firmware, .licence, .outcome])
        // The MDN leaves at one width and stays gone below it; the eligible column left before.
        let mdnGone = (60...99).first { kinds($0).contains(.mdn) }!
        #expect(mdnGone > 60 && (mdnGone...99).allSatisfy { kinds($0).contains(.mdn) && !kinds($0).contains(.eligible) })
    }

    @Test func columnsNeverOverlapOrPassTheEdge() {
        for width in 60...260 {
            for content in [ColumnContentWidths(), Self.demoContent, ColumnContentWidths(make: 60, model: 60, firmware: 60, reason: 200)] {
                let c = TableColumns(width: width, content: content)
                var x = c.mark.x + c.mark.width
                for column in c.shown {
                    #expect(column.x >= x + 1 && column.width > 0, "width \(width): \(column)")
                    x = column.x + column.width
                }
                #expect(x <= width, "width \(width) ends at \(x)")
                if c.shown.contains(where: { $0.kind == .outcome }) { #expect(x == width, "the outcome takes the rest at \(width)") }
            }
        }
    }

    @Test func theChosenColumnsAndTheirOrder() {
        let chosen: [TableColumnKind] = [.licence, .imei, .firmware]
        let c = TableColumns(width: 120, columns: chosen, content: Self.demoContent)
        #expect(c.shown.map(\.kind) == chosen)
        #expect(c[.mdn] == nil && c.licence.x == 4)
        let context = ConsoleContext(account: "a", host: "h", timeZone: Fixture.utc, columns: [.model, .imei])
        let s = Fixture.state(devices: Fixture.devices(5), context: context, width: 100, height: 20)
        let grid = view(s, width: 100, height: 20)
        let header = grid.lines[s.layout.tableHeaderY]
        #expect(header.hasPrefix("SEL MODEL") && header.contains("IMEI") && !header.contains("MDN"), "\(header)")
        #expect(grid.lines[s.layout.tableY].contains("RV50X"))
    }

    @Test func textCutToItsColumnEndsWithAnEllipsis() throws {
        let long = DeviceInfo(deviceId: Fixture.imei(1), mdn: "5550000001", make: "Sierra Wireless", model: "AirLink RV50X-LTE-A",
                              firmware: "BG96MAR04A02M1G", fotaEligible: false, licenseAssigned: false)
        let other = DeviceInfo(deviceId: Fixture.imei(2), mdn: "5550000002", make: "Telit", model: "LE910",
                               firmware: "BG96MAR04A02M1", fotaEligible: true, licenseAssigned: true)
        for (width, charset, mark) in [(80, DisplayCharset.utf8, "…"), (80, .ascii, "~")] {
            let context = ConsoleContext(account: "a", host: "h", timeZone: Fixture.utc, charset: charset)
            let s = Fixture.state(devices: [long, other], context: context, width: width, height: 20)
            let grid = view(s, width: width, height: 20)
            let row = grid.lines[s.layout.tableY]
            let firmware = try #require(s.layout.columns[.firmware])
            let cell = String(row.dropFirst(firmware.x).prefix(firmware.width))
            #expect(cell.hasSuffix(mark) && cell.hasPrefix("BG96"), "\(row)")
            #expect(row.contains("Sierra") && row.contains("AirLink"), "make and model both show at 80 columns: \(row)")
        }
        // At 120 the whole firmware shows (two versions no longer look the same), and the FOTA
        // column says which device is not eligible.
        let s = Fixture.state(devices: [long, other], width: 120, height: 20)
        let grid = view(s, width: 120, height: 20)
        #expect(grid.lines[s.layout.tableY].contains("BG96MAR04A02M1G "))
        #expect(grid.lines[s.layout.tableY + 1].contains("BG96MAR04A02M1 "))
        let fota = try #require(s.layout.columns[.eligible])
        #expect(grid.lines[s.layout.tableHeaderY].contains("FOTA"))
        #expect(String(grid.lines[s.layout.tableY].dropFirst(fota.x).prefix(3)) == "no ")
        #expect(String(grid.lines[s.layout.tableY + 1].dropFirst(fota.x).prefix(3)) == "yes")
    }

    @Test func configNamesParseWithTheLicenseAlias() throws {
        let names = ["IMEI", "license", "model", "outcome"]
        #expect(try TableColumnKind.parse(names, file: "/c.toml", line: 3) == [.imei, .licence, .model, .outcome])
        #expect(try TableColumnKind.parse(["licence"], file: "/c.toml") == [.licence])
    }

    @Test(arguments: [
        (["imei", "colour"], "/cfg/config.toml:4: console.columns: unknown column \"colour\""),
        (["imei", "licence", "license"], "/cfg/config.toml:4: console.columns: column \"license\" is listed twice"),
        ([], "/cfg/config.toml:4: console.columns: choose at least one column"),
    ])
    func badConfigNamesNameTheFileAndTheKey(_ names: [String], _ message: String) {
        #expect(throws: ColumnChoiceError.self) { try TableColumnKind.parse(names, file: "/cfg/config.toml", line: 4) }
        do {
            _ = try TableColumnKind.parse(names, file: "/cfg/config.toml", line: 4)
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }
}
