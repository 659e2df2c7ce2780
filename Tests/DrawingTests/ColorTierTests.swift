import Drawing
import Testing

@Suite struct ColorTierTests {
    @Test func colourValues() {
        #expect(ThemeColor(name: "#ff8000") == .rgb(255, 128, 0))
        #expect(ThemeColor(name: "#FF8000") == .rgb(255, 128, 0))
        #expect(ThemeColor(name: "bright-cyan") == .brightCyan)
        #expect(ThemeColor(name: "196") == .indexed(196))
        #expect(ThemeColor(name: "default") == .terminalDefault)
        for bad in ["#ff80", "#gg0000", "256", "crimson", ""] { #expect(ThemeColor(name: bad) == nil, "\(bad)") }
    }

    @Test func supportedTiers() {
        #expect(ColorTier.supported(terminfoColors: 0x1000000, terminfoHasRGB: true) == .truecolor)
        #expect(ColorTier.supported(terminfoColors: 256, terminfoHasRGB: false) == .palette256)
        #expect(ColorTier.supported(terminfoColors: 16, terminfoHasRGB: false) == .ansi16)
        #expect(ColorTier.supported(terminfoColors: 8, terminfoHasRGB: false) == .ansi8)
        #expect(ColorTier.supported(terminfoColors: -1, terminfoHasRGB: false) == .none)
    }

    @Test func noColorAndTheFlag() {
        #expect(ColorTier.choose(.auto, supported: .palette256, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ColorTier.choose(.auto, supported: .palette256, environment: ["NO_COLOR": ""]) == .palette256)
        #expect(ColorTier.choose(.tier(.ansi16), supported: .palette256, environment: ["NO_COLOR": "1"]) == .ansi16)
        #expect(ColorTier.choose(.tier(.truecolor), supported: .ansi8, environment: [:]) == .ansi8)
        #expect(ColorChoice(argument: "TrueColor") == .tier(.truecolor))
        #expect(ColorChoice(argument: "none") == .tier(.none))
        #expect(ColorChoice(argument: "12") == nil)
    }

    @Test func reduction() {
        #expect(ColorPalette.nearest256(r: 255, g: 0, b: 0) == 196)
        #expect(ColorPalette.nearest(r: 250, g: 5, b: 5, among: 16) == 9)
        #expect(ColorPalette.nearestANSI(21) == 4)      // #0000ff is nearest xterm blue #0000ee
    }

    @Test func charsetDecision() {
        #expect(DisplayCharset.decide(localeCodeset: "UTF-8", forceASCII: false) == .utf8)
        #expect(DisplayCharset.decide(localeCodeset: "utf8", forceASCII: false) == .utf8)
        #expect(DisplayCharset.decide(localeCodeset: "ANSI_X3.4-1968", forceASCII: false) == .ascii)
        #expect(DisplayCharset.decide(localeCodeset: nil, forceASCII: false) == .ascii)
        #expect(DisplayCharset.decide(localeCodeset: "UTF-8", forceASCII: true) == .ascii)
    }

    @Test func asciiGlyphsArePrintableASCIIAndDistinct() {
        let g = Glyphs.ascii
        let all: [Character] = [g.horizontal, g.vertical, g.topLeft, g.topRight, g.bottomLeft, g.bottomRight, g.gaugeUsed,
                                g.gaugeFreeing, g.gaugeAssigning, g.gaugeFree, g.gaugeOver, g.progressDone, g.progressTodo,
                                g.separator, g.up, g.down, g.dash]
        #expect(all.allSatisfy { $0.isASCII && $0 != " " })
        let gauge = [g.gaugeUsed, g.gaugeFreeing, g.gaugeAssigning, g.gaugeFree, g.gaugeOver]
        #expect(gauge == ["#", "-", "+", ".", "!"])
        let u = Glyphs.unicode
        #expect(Set([u.gaugeUsed, u.gaugeFreeing, u.gaugeAssigning, u.gaugeFree, u.gaugeOver]).count == 5)
    }

    @Test func noneTierDrawsAColourThemeAsMono() {
        #expect(Theme.default.effective(in: .none) == .mono)
        #expect(Theme.default.effective(in: .ansi8) == .default)
        #expect(Theme.mono.effective(in: .none) == .mono)
    }
}
