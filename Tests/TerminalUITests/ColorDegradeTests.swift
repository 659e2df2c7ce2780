import Drawing
import Testing
import TerminalUI

/// (number, brighten) as an array, so it compares in #expect.
private func degraded(for color: ThemeColor, colors: Int, defaultColorsAvailable: Bool = true,
                      isForeground: Bool) -> [Int] {
    let r = ColorDegrade.number(for: color, colors: colors, defaultColorsAvailable: defaultColorsAvailable,
                                isForeground: isForeground)
    return [Int(r.number), r.brighten ? 1 : 0]
}

@Suite struct ColorDegradeTests {
    @Test func keepsWhatTheTerminalHas() {
        #expect(degraded(for: .indexed(208), colors: 256, isForeground: true) == [208, 0])
        #expect(degraded(for: .brightRed, colors: 16, isForeground: true) == [9, 0])
        #expect(degraded(for: .terminalDefault, colors: 8, isForeground: true) == [-1, 0])
    }

    @Test func withoutDefaultColours() {
        #expect(degraded(for: .terminalDefault, colors: 8, defaultColorsAvailable: false, isForeground: true) == [7, 0])
        #expect(degraded(for: .terminalDefault, colors: 8, defaultColorsAvailable: false, isForeground: false) == [0, 0])
    }

    @Test func eightColourTerminals() {
        // Bright foregrounds become the dark twin plus bold; bright black becomes white.
        #expect(degraded(for: .brightRed, colors: 8, isForeground: true) == [1, 1])
        #expect(degraded(for: .brightRed, colors: 8, isForeground: false) == [1, 0])
        #expect(degraded(for: .brightBlack, colors: 8, isForeground: true) == [7, 0])
        #expect(degraded(for: .indexed(196), colors: 8, isForeground: true) == [1, 1])
    }

    @Test func cubeToANSI() {
        #expect(ColorDegrade.nearestANSI(196) == 9)     // #ff0000
        #expect(ColorDegrade.nearestANSI(46) == 10)     // #00ff00
        #expect(ColorDegrade.nearestANSI(16) == 0)      // #000000
        #expect(ColorDegrade.nearestANSI(231) == 15)    // #ffffff
        #expect(ColorDegrade.nearestANSI(244) == 8)     // grey
        let blue = ColorDegrade.rgb(of: 21)
        #expect([blue.0, blue.1, blue.2] == [0, 0, 255])
    }
}
