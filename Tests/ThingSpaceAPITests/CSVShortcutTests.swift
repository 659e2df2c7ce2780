import Foundation
import Testing
@testable import ThingSpaceAPI
import ThingSpaceSimulator

/// CSV cells that need nothing done are written as they are (`CSV.isPlain`), and the device
/// list's CSV is appended cell by cell; the text must be what the full path (`CSV.escaped`:
/// sanitise, guard a formula, quote, as `CSV.cell` always did) gives, byte for byte.
@Suite struct CSVShortcutTests {
    /// Pieces of random cells: what CSV cares about (comma, quote, formula starts, line ends) and
    /// what the sanitiser removes (controls, escape sequences, bidi controls), plain and wide text.
    static let pieces: [String] = ["a", "Z", "0", " ", "~", ",", "\"", "'", "=", "+", "-", "@", "\\", "QUECTEL", "25.30.226",
                                   "\t", "\r", "\n", "\r\n", "\u{0}", "\u{7}", "\u{7F}", "\u{85}", "\u{9B}", "\u{9C}",
                                   "\u{1B}[2J", "\u{1B}]0;t\u{7}", "\u{1B}", "[", "\u{202E}", "\u{2066}", "\u{200F}",
                                   "华为", "📡", "e\u{301}", "\u{FFFD}", "\u{A0}"]

    /// `count` cells of up to 8 pieces from a fixed seed; every third one plain ASCII pieces only.
    static func randomCells(_ count: Int) -> [String] {
        var state: UInt64 = 0xC5F_0014
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { n in
            let choices = n % 3 == 0 ? 15 : pieces.count
            return (0..<(next() % 9)).map { _ in pieces[next() % choices] }.joined()
        }
    }

    /// Devices whose every text field is one of `cells` (four cells a device).
    static func devices(from cells: [String]) -> [DeviceInfo] {
        var devices: [DeviceInfo] = []
        var n = 0
        while n + 3 < cells.count {
            let firmware: String = cells[n + 1] + cells[n]
            let upgrade: String? = n % 12 == 0 ? nil : cells[n + 2]
            devices.append(DeviceInfo(deviceId: cells[n], mdn: cells[n + 1], make: cells[n + 2], model: cells[n + 3],
                                      firmware: firmware, fotaEligible: n % 3 == 0, licenseAssigned: n % 8 == 0,
                                      upgradeTime: upgrade))
            n += 4
        }
        return devices
    }

    /// The CSV line as it was written before: `CSV.row` of the columns with every cell escaped.
    static func lineBefore(_ d: DeviceInfo) -> String {
        [d.deviceId, d.mdn, d.make, d.model, d.firmware, String(d.fotaEligible), String(d.licenseAssigned), d.upgradeTime ?? ""]
            .map(CSV.escaped).joined(separator: ",") + "\n"
    }

    @Test func plainCellsAreWhatEscapingGives() {
        var plain = 0
        let cells = Self.randomCells(20_000) + Self.pieces
        for raw in cells {
            if CSV.isPlain(raw) {
                plain += 1
                #expect(CSV.escaped(raw) == raw, "\(raw.unicodeScalars.map(\.value))")
            }
            #expect(CSV.cell(raw) == CSV.escaped(raw), "\(raw.unicodeScalars.map(\.value))")
            var appended = "x"
            CSV.appendCell(raw, to: &appended)
            #expect(appended == "x" + CSV.escaped(raw))
            var bytes = Array("x".utf8)
            CSV.appendCell(raw, to: &bytes)
            #expect(bytes == Array(("x" + CSV.escaped(raw)).utf8))
        }
        #expect(plain > 2_000)
        #expect(plain < 15_000)
        #expect(CSV.row(Array(cells.prefix(50))) == cells.prefix(50).map(CSV.escaped).joined(separator: ","))
    }

    @Test func cellsThatNeedWorkAreNotPlain() {
        for raw in ["=1+1", "+1", "-1", "@SUM(A1)", "a,b", "say \"hi\"", "a\tb", "é", "\u{1B}[2J", "a\u{7F}"] {
            #expect(!CSV.isPlain(raw), "\(raw)")
        }
        #expect(CSV.cell("=1+1") == "'=1+1")
        #expect(CSV.cell("a,b") == "\"a,b\"")
        #expect(CSV.isPlain("") && CSV.isPlain("a=b") && CSV.isPlain("L0.0.00.00.05.12"))
    }

    @Test("the device list's CSV is the line-by-line CSV it was, for random and hostile text, in every filter",
          arguments: [DeviceListWriter.Filter.all, .licensed, .unlicensed])
    func deviceListCSVUnchanged(filter: DeviceListWriter.Filter) {
        let cells = Self.randomCells(4_000)
        var devices = DeviceStreamWriterTests.devices()
        devices.append(Self.devices(from: cells))
        var writer = DeviceListWriter(format: .csv, filter: filter)
        var text = writer.opening
        for page in devices { text += writer.write(page) }
        text += writer.closing
        var before = Self.csvHeaderBefore
        for device in devices.joined() where filter.includes(device) { before += Self.lineBefore(device) }
        #expect(text == before)
        #expect(writer.shown == devices.joined().filter(filter.includes).count)
    }

    @Test("the device list's JSON is what an encoder per device wrote, for random text")
    func deviceListJSONUnchanged() {
        let cells = Self.randomCells(2_000)
        let pages = [Self.devices(from: cells)]
        var writer = DeviceListWriter(format: .json)
        var bytes = Array(writer.opening.utf8)
        writer.write(pages[0], to: &bytes)
        bytes += Array(writer.closing.utf8)
        #expect(String(decoding: bytes, as: UTF8.self) == DeviceStreamWriterTests.before(pages, filter: .all))
    }

    static let csvHeaderBefore = DeviceListWriter.csvHeader.map(CSV.escaped).joined(separator: ",") + "\n"

    /// The list of `tslicense simulator --devices 12 --used 2 --page-size 5 --hostile-devices` as
    /// the build before the shortcut (75d9600) wrote it with `devices --format csv|json`.
    @Test("CSV and JSON of the hostile simulator's devices, byte for byte as the build before wrote them",
          arguments: ["csv", "json"])
    func hostileListAsBefore(format: String) async throws {
        let expected = try fixture("devices-hostile-75d9600.\(format)")
        let written = try await withSimulator({ config in
            config.devices = 12
            config.licenses = SimulatorConfiguration().licenses
            config.used = 2
            config.pageSize = 5
            config.deviceContent = .all
        }) { _, client in
            var writer = DeviceListWriter(format: format == "csv" ? .csv : .json)
            var text = writer.opening
            for try await page in client.deviceListPages() { text += writer.write(page.devices) }
            return text + writer.closing
        }
        #expect(Data(written.utf8) == expected, "\(written)")
    }
}
