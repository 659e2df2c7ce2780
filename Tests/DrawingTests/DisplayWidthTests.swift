import Drawing
import Testing

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0), ("abc", 3), ("华为技术", 8), ("模组📡BG96", 10), ("✅", 2), ("e\u{301}", 1),
        ("ｆｕｌｌ", 8), ("한국", 4), ("\u{1100}\u{1161}\u{11A8}", 2), ("❤️", 1), ("1️⃣", 1), ("👍🏽", 2),
        ("a\u{1B}]0;x\u{07}b", 2), ("\u{202E}ab", 2),
    ])
    func widthRule(text: String, columns: Int) {
        #expect(TextWidth.of(text) == columns, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(text.displayWidth == columns)
    }

    @Test func clustersACellCannotHoldBecomeReplacement() {
        let fffd: Character = "\u{FFFD}"
        #expect(DisplayWidth.cell(for: "👨‍👩‍👧").char == fffd)            // ZWJ sequence: several spacing scalars
        #expect(DisplayWidth.cell(for: "🇺🇸").char == fffd)               // flag: two regional indicators
        #expect(DisplayWidth.cell(for: Character("\u{301}")).char == fffd)   // a mark with no base
        #expect(DisplayWidth.cell(for: Character("a\u{301}\u{302}\u{303}\u{304}\u{305}")).char == fffd)   // five marks
        #expect(DisplayWidth.cell(for: Character("\u{378}")).char == fffd)   // unassigned
        #expect(DisplayWidth.cell(for: Character("a\u{301}\u{302}\u{303}\u{304}")) == (Character("a\u{301}\u{302}\u{303}\u{304}"), 1))
        #expect(DisplayWidth.cell(for: "❤️") == ("❤", 1))                  // variation selector left out
        #expect(DisplayWidth.cell(for: "👍🏽") == ("👍", 2))                 // skin tone left out
        #expect(DisplayWidth.cell(for: "漢") == ("漢", 2))
        #expect(TextWidth.display("x👨‍👩‍👧y") == "x\u{FFFD}y")
    }

    @Test func scalarWidths() {
        #expect(DisplayWidth.of("a") == 1 && DisplayWidth.of("\u{7}") == 0 && DisplayWidth.of("\u{9B}") == 0)
        #expect(DisplayWidth.of("漢") == 2 && DisplayWidth.of("😀") == 2 && DisplayWidth.of("\u{3000}") == 2)
        #expect(DisplayWidth.of("\u{301}") == 0 && DisplayWidth.of("\u{200D}") == 0 && DisplayWidth.of("\u{FE0F}") == 0)
        #expect(DisplayWidth.of("\u{AD}") == 1 && DisplayWidth.of("é") == 1 && DisplayWidth.of("─") == 1)
        #expect(DisplayWidth.of("\u{1F1FA}") == 1)
    }

    @Test func cutWithEllipsisByDisplayWidth() {
        #expect(TextWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(TextWidth.truncate("abcd", to: 4) == "abcd")
        #expect(TextWidth.truncate("华为技术", to: 5) == "华为…")
        #expect(TextWidth.truncate("华为技术", to: 6) == "华为…")      // 技 would straddle: cut before it
        #expect(TextWidth.truncate("华为技术", to: 8) == "华为技术")
        #expect(TextWidth.fit("华为技术", to: 6) == "华为… ")
        #expect(TextWidth.fit("华为", to: 6) == "华为  ")
        #expect(TextWidth.fit("华为技术", to: 6).displayWidth == 6)
        #expect(TextWidth.clip("华为技术", to: 5) == "华为")
        #expect(TextWidth.fit("\u{1B}]0;PWNED\u{07}Sequans", to: 10) == "Sequans   ")
    }

    @Test func asciiCharsetShowsAQuestionMarkPerColumn() {
        #expect(TextWidth.display("华为 BG96 é✅", charset: .ascii) == "???? BG96 ???")
        #expect(TextWidth.fit("华为技术", to: 6, charset: .ascii) == "?????~")
        #expect(TextWidth.truncate("SIERRA WIRELESS", to: 14, charset: .ascii) == "SIERRA WIRELE~")
        #expect(TextWidth.display("华为", charset: .ascii).unicodeScalars.allSatisfy { $0.isASCII })
    }
}
