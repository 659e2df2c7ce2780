import Foundation
@testable import RunJournal
import Testing
import ThingSpaceAPI

/// Intent and outcome lines written by hand are the encoder's lines, byte for byte.
@Suite("journal lines without the encoder")
struct JournalLineTests {
    /// What a server might put in a status or a reason: every control character, quotes,
    /// backslashes, slashes, non-ASCII, an emoji, a lone DEL.
    static let hostile: [String] = [
        "", "Success", "Device license preexisting", #"quote " and backslash \ and slash / here"#,
        String((0..<32).map { Character(UnicodeScalar(UInt8($0))) }), "del \u{7F} end", "é è ü ß 中文 🎉",
        "line\nbreak\r\ttab\u{08}\u{0C}", "\u{2028}\u{2029}", "</script>",
    ]

    static func encoderLine(_ record: JournalRecord) throws -> Data {
        var data = try JournalRecord.encoder.encode(record)
        data.append(0x0A)
        return data
    }

    @Test func outcomeLinesMatchTheEncoder() throws {
        for (i, text) in Self.hostile.enumerated() {
            var record = JournalRecord(type: .outcome, at: "2026-12-03T09:00:00.\(100 + i)Z")
            record.batch = i - 1
            record.results = [
                DeviceResult(deviceId: "35000000000000\(i % 10)", status: text, reason: text, outcome: .failed, attempts: i,
                             earlierAttemptUnanswered: i % 2 == 0),
                DeviceResult(deviceId: text, status: "LicenseAssignSuccess", reason: "Success", outcome: .success, attempts: 1),
            ]
            let fast = try #require(JournalLine.bytes(record), "an outcome record is written by hand")
            #expect(fast == (try Self.encoderLine(record)), "outcome with \(text.debugDescription)")
            #expect(try record.line() == fast)
            let back = try JSONDecoder().decode(JournalRecord.self, from: fast.dropLast())
            #expect(back == record)
        }
    }

    @Test func intentLinesMatchTheEncoder() throws {
        for (i, text) in Self.hostile.enumerated() {
            var record = JournalRecord(type: .intent, at: "2026-12-03T09:00:00.\(100 + i)Z")
            record.batch = i * 1000
            record.attempt = i + 1
            record.devices = i == 0 ? [] : ["350000000000001", text]
            let fast = try #require(JournalLine.bytes(record), "an intent record is written by hand")
            #expect(fast == (try Self.encoderLine(record)), "intent with \(text.debugDescription)")
        }
    }

    @Test func recordsWithOtherFieldsGoThroughTheEncoder() throws {
        var intent = JournalRecord(type: .intent)
        intent.batch = 0
        intent.attempt = 1
        intent.devices = ["350000000000001"]
        intent.note = "a note"
        #expect(JournalLine.bytes(intent) == nil)
        var outcome = JournalRecord(type: .outcome)
        outcome.results = []
        #expect(JournalLine.bytes(outcome) == nil, "no batch")
        var start = JournalRecord(type: .start)
        start.batch = 0
        #expect(JournalLine.bytes(start) == nil)
        #expect(try intent.line() == (try Self.encoderLine(intent)))
    }
}
