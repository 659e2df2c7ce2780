import Testing
import ThingSpaceAPI

@Suite struct TextFormatTests {
    @Test func escapeSequencesAndControlsAreRemovedWhole() {
        // Whole sequences go (not just the ESC byte); DEL goes; NEL and tab become spaces.
        #expect(TextFormat.clean("a\u{1B}[31mb\u{7F}c\u{85}d\te") == "abc d e")
        #expect(TextFormat.clean("plain — ünïcode") == "plain — ünïcode")
    }

    @Test func padFillsOrCutsWithAnEllipsis() {
        #expect(TextFormat.pad("abc", 5) == "abc  ")
        #expect(TextFormat.pad("abcdef", 4) == "abc…")
        #expect(TextFormat.pad("abcd", 4) == "abcd")
        #expect(TextFormat.pad("a\u{1B}", 4) == "a   ")
        #expect(TextFormat.pad("华为技术", 6) == "华为… ")
        #expect(TextFormat.pad("华为技术", 6, charset: .ascii) == "?????~")
    }

    @Test func tableAlignsColumnsAndLeavesTheLastUnpadded() {
        #expect(TextFormat.table([["A", "BB", "x"], ["CCC", "D", "yy"], ["E", "", ""]]) == [
            "A    BB  x",
            "CCC  D   yy",
            "E",
        ])
        #expect(TextFormat.table([]) == [])
    }

    @Test func fixedRowPadsOnlyTheGivenWidths() {
        #expect(TextFormat.fixedRow(["x", "yy", "z"], widths: [3]) == "x    yy  z")
        #expect(TextFormat.fixedRow(["toolong", ""], widths: [4, 4]) == "too…")
    }

    @Test func countsAreGroupedInThousands() {
        #expect(TextFormat.count(0) == "0")
        #expect(TextFormat.count(999) == "999")
        #expect(TextFormat.count(1000) == "1,000")
        #expect(TextFormat.count(1_234_567) == "1,234,567")
        #expect(TextFormat.count(-1234) == "-1,234")
        #expect(TextFormat.count(1, "device") == "1 device")
        #expect(TextFormat.count(0, "device") == "0 devices")
        #expect(TextFormat.count(2500, "device") == "2,500 devices")
    }

    @Test func percentHasOneDecimal() {
        #expect(TextFormat.percent(20, of: 100) == "20.0%")
        #expect(TextFormat.percent(1, of: 3) == "33.3%")
        #expect(TextFormat.percent(5, of: 0) == "0%")
    }

    @Test func licenceCountersInOneLine() {
        #expect(TextFormat.licences("licences:", LicenseCounts(total: 1000, used: 25)) == "licences: 25 of 1,000 used, 975 free")
    }

    @Test func jsonSortsKeysAndKeepsSlashes() {
        #expect(TextFormat.json(["b": "1", "a": "x/y"]) == "{\n  \"a\" : \"x/y\",\n  \"b\" : \"1\"\n}")
        #expect(TextFormat.json(["b": "1", "a": "x/y"], pretty: false) == "{\"a\":\"x/y\",\"b\":\"1\"}")
    }
}
