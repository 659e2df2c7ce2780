import Drawing
import Foundation
import Testing
@testable import ThingSpaceAPI
import ThingSpaceSimulator

/// Server text with escape sequences, bidi controls, invalid UTF-8 and wide characters, through
/// every writer of the API module and through the client against the simulator's hostile devices.
@Suite struct HostileTextTests {
    static let escapes = DeviceInfo(deviceId: "354680105493671", mdn: "6465102310",
                                    make: "\u{1B}]0;PWNED-TITLE\u{07}Sequans \u{1B}[2J\u{1B}[0m",
                                    model: "\u{9B}31mGM01Q\u{9B}0m", firmware: "SR1\u{1B}]52;c;eA==\u{1B}\\",
                                    fotaEligible: true, licenseAssigned: false, upgradeTime: nil)
    static let bidi = DeviceInfo(deviceId: "354680109298902", mdn: "2122905852", make: "TELIT \u{202E}DECREVER\u{202C}",
                                 model: "LE910\u{2066}C4\u{2069}", firmware: "=1+2", fotaEligible: true,
                                 licenseAssigned: true, upgradeTime: nil)
    static let wide = DeviceInfo(deviceId: "356164109071898", mdn: "4043168596", make: "华为技术", model: "模组📡BG96",
                                 firmware: "固件-1.0✅", fotaEligible: true, licenseAssigned: false, upgradeTime: nil)

    func output(_ format: ReportFormat, charset: TextCharset = .utf8) -> String {
        var writer = DeviceListWriter(format: format, charset: charset)
        return writer.opening + writer.write([Self.escapes, Self.bidi, Self.wide]) + writer.closing
    }

    /// No C0/C1 control (other than line ends), DEL or bidi control.
    static func isTerminalSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0 != "\n" && TextSanitizer.needsAttention($0) }
    }

    @Test func tableIsSafeAndAlignedByDisplayWidth() throws {
        let text = output(.table)
        #expect(Self.isTerminalSafe(text))
        #expect(!text.contains("PWNED") && !text.contains("[2J") && !text.contains("]0;"))
        let lines = text.split(separator: "\n").map(String.init)
        let row = try #require(lines.first { $0.contains("华为技术") })
        #expect(row.contains("模组📡BG96") && row.contains("固件-1.0✅"))
        // Every column starts at the same display column in every row.
        let header = lines[0]
        for column in ["MODEL", "FIRMWARE", "LICENCE"] {
            let x = TextWidth.of(header[..<header.range(of: column)!.lowerBound])
            for line in lines.dropFirst().prefix(3) {
                let cells = line.components(separatedBy: "  ").filter { !$0.isEmpty }
                #expect(cells.count >= 5, "\(line)")
            }
            #expect(x > 0)
        }
        let licenceX = TextWidth.of(header[..<header.range(of: "LICENCE")!.lowerBound])
        for line in lines.dropFirst().prefix(3) {
            let end = line.hasSuffix("yes") ? 3 : 2
            #expect(TextWidth.of(line) - end == licenceX, "\(line)")
        }
        #expect(text.contains("Sequans") && text.contains("TELIT DECREVER") && text.contains("LE910C4"))
    }

    @Test func asciiTableShowsAQuestionMarkPerColumn() {
        let text = output(.table, charset: .ascii)
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.contains("????????        ??????BG96"))
    }

    @Test func csvIsSafeAndStillQuotedAndGuarded() {
        let text = output(.csv)
        #expect(Self.isTerminalSafe(text))
        #expect(text.contains("354680105493671,6465102310,Sequans ,GM01Q,SR1,true,false,\n"))
        #expect(text.contains("TELIT DECREVER,LE910C4,'=1+2,"))   // formula guard after sanitising
        #expect(text.contains("华为技术,模组📡BG96,固件-1.0✅"))
        #expect(CSV.row(["a\u{1B}[1m,b", "\u{1B}]0;x\u{07}\"q\""]) == "\"a,b\",\"\"\"q\"\"\"")
    }

    @Test func jsonKeepsTheTextWithEveryControlEscaped() throws {
        let text = output(.json)
        #expect(Self.isTerminalSafe(text))
        #expect(text.contains(#"\u001b]0;PWNED-TITLE\u0007Sequans"#))
        #expect(text.contains(#"\u009b31mGM01Q"#))
        #expect(text.contains(#"TELIT \u202eDECREVER\u202c"#))
        #expect(text.contains("华为技术"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.map { $0["make"] as? String } == [Self.escapes.make, Self.bidi.make, Self.wide.make])
        #expect(parsed.map { $0["model"] as? String } == [Self.escapes.model, Self.bidi.model, Self.wide.model])
    }

    @Test func resultFilesAreSafe() throws {
        let results = [DeviceResult(deviceId: "354680105493671", status: "Failed\u{9B}2J",
                                    reason: "\u{1B}]0;PWNED\u{07}no \u{202E}licence", outcome: .failed)]
        let summary = RunSummary(runId: "r1", operation: .assign, account: "0242078689-00001", results: results, unsent: [],
                                 elapsedMs: 1, counts: nil, stopped: false, fatalError: nil)
        let json = String(decoding: ResultWriter.json(summary), as: UTF8.self)
        #expect(Self.isTerminalSafe(json))
        #expect(json.contains(#"\u009b2J"#) && json.contains(#"\u202elicence"#))
        let document = try JSONDecoder().decode(ResultWriter.Document.self, from: ResultWriter.json(summary))
        #expect(document.results == results)
        let csv = ResultWriter.csv(results)
        #expect(Self.isTerminalSafe(csv))
        #expect(csv.contains("354680105493671,Failed,no licence,failed"))
        let table = RunReport.row(results[0])
        #expect(Self.isTerminalSafe(table) && table.contains("no licence"))
    }

    @Test func invalidUTF8IsRepairedAndValidBodiesAreUntouched() {
        let valid = Data("{\"model\":\"模组📡\"}".utf8)
        #expect(LenientUTF8.isValid(valid))
        #expect(LenientUTF8.repaired(valid) == valid)
        var bad = Data("{\"model\":\"BG96".utf8)
        bad.append(contentsOf: [0xFF, 0xC3, 0x2D, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xC0, 0xAF])
        bad.append(contentsOf: Data("X\"}".utf8))
        #expect(!LenientUTF8.isValid(bad))
        let repaired = LenientUTF8.repaired(bad)
        #expect(LenientUTF8.isValid(repaired))
        let object = try? JSONSerialization.jsonObject(with: repaired) as? [String: String]
        let model = object?["model"] ?? ""
        #expect(model.hasPrefix("BG96\u{FFFD}") && model.hasSuffix("-\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}X"))
        for truncated: [UInt8] in [[0xE4, 0xB8], [0xF0, 0x9F, 0x93], [0x80], [0xC2]] {
            #expect(!LenientUTF8.isValid(Data(truncated)))
        }
    }

    @Test func errorTextFromTheServerIsSanitised() {
        let text = ResponseDecoding.clean("bad \u{1B}]0;PWNED\u{07}thing\u{9B}2J \u{202E}here", Redactor(secrets: []))
        #expect(text == "bad thing here")
    }

    @Test func oneInvalidDeviceKeepsTheRestOfItsPage() async throws {
        try await withSimulator({
            $0.devices = 40
            $0.used = 5
            $0.pageSize = 10
            $0.deviceContent = .all
        }) { sim, client in
            let ids = DeviceContentFaults.deviceIds(for: sim.configuration)
            var pages: [[DeviceInfo]] = []
            for try await page in client.deviceListPages() { pages.append(page.devices) }
            #expect(pages.map(\.count) == [10, 10, 10, 10])
            let first = try #require(pages.first)
            let broken = try #require(first.first { $0.deviceId == ids[.invalidUTF8] })
            #expect(broken.model.hasPrefix("BG96\u{FFFD}") && broken.model.hasSuffix("X"))
            #expect(first[DeviceContentFaults.Kind.invalidUTF8.position].deviceId == ids[.invalidUTF8])
            let escapes = try #require(first.first { $0.deviceId == ids[.escapeSequences] })
            #expect(escapes.make.contains("\u{1B}]0;PWNED-TITLE"))           // the client keeps what the server sent
            #expect(TextSanitizer.clean(escapes.make) == "Sequans ")
            let wide = try #require(first.first { $0.deviceId == ids[.wideText] })
            #expect(wide.make == "华为技术")
            let bidi = try #require(first.first { $0.deviceId == ids[.bidiText] })
            #expect(bidi.make.unicodeScalars.contains("\u{202E}"))
        }
    }
}
