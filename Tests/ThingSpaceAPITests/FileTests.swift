import Foundation
import Testing
@testable import ThingSpaceAPI

@Suite struct ResultFileTests {
    func sampleSummary() -> RunSummary {
        RunSummary(runId: "r1", operation: .assign, account: "0242078689-00001", results: [
            DeviceResult(deviceId: "352099001761481", status: "LicenseAssignSuccess", reason: "Success", outcome: .success),
            DeviceResult(deviceId: "356938035643809", status: "LicenseAssignFailed", reason: "=HYPERLINK(\"http://x\",\"click\")", outcome: .failed),
            DeviceResult(deviceId: "990008629123451", status: "+cmd", reason: "line1\nline2, with comma", outcome: .failed),
            DeviceResult(deviceId: "abc", status: "Invalid", reason: "-2+3", outcome: .skipped),
            DeviceResult(deviceId: "867233031245789", status: "@SUM(A1)", reason: "\"quoted\"", outcome: .alreadyLicensed),
        ], unsent: [], elapsedMs: 1234, counts: LicenseCounts(total: 9000, used: 1001), stopped: false, fatalError: nil)
    }

    @Test func csvRoundTripsAndNeutralisesFormulas() throws {
        let s = sampleSummary()
        let text = ResultWriter.csv(s.results)
        for line in text.split(separator: "\n") {
            for cell in CSV.parse(String(line)).first?.cells ?? [] {
                #expect(!(cell.hasPrefix("=") || cell.hasPrefix("+") || cell.hasPrefix("@") || cell.hasPrefix("-")),
                        "formula cell \(cell)")
            }
        }
        #expect(text.contains("'=HYPERLINK"))
        // CSV cells are sanitised: the line feed in a reason becomes a space; everything else round-trips.
        var expected = s.results
        expected[2].reason = "line1 line2, with comma"
        #expect(try ResultWriter.readCSV(text) == expected)
    }

    @Test func jsonRoundTripsWithSummaryCounts() throws {
        let s = sampleSummary()
        let doc = try JSONDecoder().decode(ResultWriter.Document.self, from: ResultWriter.json(s))
        #expect(doc.results == s.results)
        #expect(doc.account == "0242078689-00001")
        #expect(doc.used == 1001)
        #expect(doc.summary.success == 1)
        #expect(doc.summary.failed == 2)
        #expect(doc.summary.skipped == 1)
        #expect(doc.summary.alreadyLicensed == 1)
        #expect(doc.summary.elapsedMs == 1234)
        let raw = try JSONSerialization.jsonObject(with: ResultWriter.json(s)) as? [String: Any]
        let first = (raw?["results"] as? [[String: Any]])?.first
        #expect(Set(first?.keys.map { $0 } ?? []) == ["deviceId", "status", "reason", "outcome", "attempts", "earlierAttemptUnanswered"])
    }

    @Test func writeToFilesPicksFormatByExtension() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tsl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csvPaths = try ResultWriter.write(sampleSummary(), to: dir.appendingPathComponent("out.csv").path)
        #expect(csvPaths.count == 2)
        #expect(try ResultWriter.readCSV(String(contentsOfFile: csvPaths[0], encoding: .utf8)).count == 5)
        #expect(try String(contentsOfFile: csvPaths[1], encoding: .utf8).contains("elapsedMs,1234"))
        let jsonPaths = try ResultWriter.write(sampleSummary(), to: dir.appendingPathComponent("out.json").path)
        #expect(try JSONDecoder().decode(ResultWriter.Document.self, from: Data(contentsOf: URL(fileURLWithPath: jsonPaths[0]))).results.count == 5)
    }
}

@Suite struct IMEIListReaderTests {
    @Test func plainListWithCommentsBlanksAndBadLines() {
        let text = """
        # devices for the pilot
        352099001761481

        356938035643809
        35609380356438
        990008629123452
        hello
        867233031245789, 1
        """
        let r = IMEIListReader.parse(text, path: "list.txt")
        #expect(r.imeis == ["352099001761481", "356938035643809", "990008629123452"])
        #expect(r.entries.map(\.line) == [2, 4, 6])
        #expect(r.problems.map(\.line) == [5, 7, 8])
        #expect(r.problems[0].description.hasPrefix("list.txt:5: "))
        #expect(r.problems[0].description.contains("15 digits"))
        #expect(r.warnings.map(\.description) == ["list.txt:6: 990008629123452: Luhn check digit is 2, expected 1"])
    }

    @Test func luhnAsErrorMakesItAProblem() {
        let r = IMEIListReader.parse("990008629123452\n", path: "p", luhn: .error)
        #expect(r.imeis.isEmpty)
        #expect(r.problems.map(\.description) == ["p:1: \"990008629123452\" is not an IMEI: Luhn check digit is 2, expected 1"])
    }

    @Test func csvWithDeviceIdColumn() {
        let text = "name,deviceId,site\nalpha,352099001761481,north\n\"beta, inc\",356938035643809,south\ngamma,bad,west\n"
        let r = IMEIListReader.parse(text, path: "d.csv")
        #expect(r.imeis == ["352099001761481", "356938035643809"])
        #expect(r.problems.map(\.line) == [4])
    }

    @Test func csvWithImeiColumnCaseInsensitiveAndCRLF() {
        let r = IMEIListReader.parse("IMEI\r\n352099001761481\r\n\r\n867233031245789\r\n", path: "x.csv")
        #expect(r.imeis == ["352099001761481", "867233031245789"])
        #expect(r.entries.map(\.line) == [2, 4])
    }

    @Test func csvWithoutImeiColumnIsReported() {
        let r = IMEIListReader.parse("a,b\n1,2\n", path: "x.csv")
        #expect(r.imeis.isEmpty)
        #expect(r.problems.first?.description == "x.csv:1: a CSV file needs a header with a column named imei or deviceId")
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: ThingSpaceError.self) { try IMEIListReader.read(path: "/nonexistent/imeis.txt") }
    }
}
