import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

@Suite("Format")
struct FormatTests {
    @Test(arguments: [(0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (1003, "1,003"), (9000, "9,000"),
                      (123_456, "123,456"), (1_000_000, "1,000,000"), (-1234, "-1,234")])
    func thousands(_ n: Int, _ text: String) {
        #expect(Format.count(n) == text)
    }

    @Test func percent() {
        #expect(Format.percent(1003, of: 9000) == "11.1%")
        #expect(Format.percent(9000, of: 9000) == "100.0%")
        #expect(Format.percent(1, of: 3) == "33.3%")
        #expect(Format.percent(5, of: 0) == "0.0%")
    }

    @Test func durationsAndRates() {
        #expect(Format.duration(0) == "0:00")
        #expect(Format.duration(9.9) == "0:09")
        #expect(Format.duration(75) == "1:15")
        #expect(Format.duration(3723) == "1:02:03")
        #expect(Format.rate(2.5) == "2.5")
        #expect(Format.rate(125.4) == "125")
        #expect(Format.rate(0) == "0")
    }

    @Test func clockUsesTheGivenTimeZone() {
        #expect(Format.clock(Fixture.t0, timeZone: Fixture.utc) == "16:00:00")
        #expect(Format.clock(Fixture.t0, timeZone: TimeZone(secondsFromGMT: 3600)!) == "17:00:00")
    }

    @Test func errorNamesCodeAndStatusOnce() {
        let fota = ThingSpaceError.fota(status: 400, code: "EDM.INVALID_ACCOUNT", message: "bad account")
        let text = Format.error(fota)
        #expect(text.contains("EDM.INVALID_ACCOUNT") && text.contains("400") && text.contains("bad account"))
        #expect(text.components(separatedBy: "EDM.INVALID_ACCOUNT").count == 2)
        #expect(Format.error(.transport("connection refused")) == "network error: connection refused")
    }

    @Test func wrap() {
        #expect(Format.wrap("one two three four", width: 9) == ["one two", "three", "four"])
        #expect(Format.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    }
}
