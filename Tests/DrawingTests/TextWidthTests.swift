import Drawing
import Testing

@Suite struct TextWidthTests {
    @Test(arguments: [("", 0), ("abc", 3), ("1,003 / 9,000", 13), ("█▓░", 3), ("é", 1), ("e\u{301}", 1), ("↑↓", 2)])
    func oneColumnPerCharacter(text: String, columns: Int) {
        #expect(TextWidth.of(text) == columns)
        #expect(text.displayWidth == columns)
        #expect(text[...].displayWidth == columns)
    }

    @Test func widthMatchesWhatTheGridWrites() {
        for text in ["plain", "gauge █▓░ 11.1%", "caf\u{65}\u{301} ✓"] {
            var grid = CellGrid(width: 40, height: 1)
            let end = grid.put(text, x: 0, y: 0, role: .normal)
            #expect(end == text.displayWidth, "\(text)")
        }
    }

    @Test func clipAndFit() {
        #expect(TextWidth.clip("abcdef", to: 4) == "abcd")
        #expect(TextWidth.clip("ab", to: 4) == "ab")
        #expect(TextWidth.clip("ab", to: 0) == "")
        #expect(TextWidth.fit("ab", to: 4) == "ab  ")
        #expect(TextWidth.fit("abcdef", to: 4) == "abc…")     // text cut to its column ends with an ellipsis
        #expect(TextWidth.fit("abcd", to: 4) == "abcd")
        #expect(TextWidth.fit("abc", to: -1) == "")
        #expect(TextWidth.fit("█▓", to: 3).displayWidth == 3)
    }
}
