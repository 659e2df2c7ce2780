@testable import Drawing
import Testing

/// `TextSanitizer.clean` returns plain printable ASCII without looking at its scalars; for every
/// text, the result must be what the scalar path (`cleanScalars`, the sanitiser as it was) gives.
@Suite struct TextSanitizerShortcutTests {
    /// Pieces that random texts are made of: plain ASCII (with the characters CSV and JSON care
    /// about), every kind of control, escape sequences and their parts, bidi controls, wide text.
    static let pieces: [String] = {
        var pieces = ["a", "Z", "0", " ", "~", ",", "\"", "'", "\\", "=", "+", "-", "@", "/", "QUECTEL", "BG96MAR04A02M1G"]
        pieces += (0..<0x20).map { String(Character(Unicode.Scalar(UInt8($0)))) }
        pieces += (0x7F...0x9F).map { String(Character(Unicode.Scalar(UInt8($0)))) }
        pieces += ["\u{1B}[", "\u{1B}]", "\u{1B}\\", "\u{1B}P", "\u{1B}(", "31m", ";", "\u{07}", "\r\n",
                   "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{200D}",
                   "华为", "📡", "e\u{301}", "\u{FFFD}", "é", "\u{A0}", "\u{2028}", "👩‍👩‍👧"]
        return pieces
    }()

    /// `count` texts of up to 12 pieces, from a fixed seed (the same texts every run).
    static func randomTexts(_ count: Int, seed: UInt64 = 0x5EED_0014) -> [String] {
        var state = seed
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        return (0..<count).map { n in
            // Every fourth text from the ASCII pieces only, so the shortcut is taken often.
            let choices = n % 4 == 0 ? 16 : pieces.count
            return (0..<(next() % 13)).map { _ in pieces[next() % choices] }.joined()
        }
    }

    @Test func shortcutGivesWhatTheScalarPathGives() {
        var shortcuts = 0
        for text in Self.randomTexts(20_000) + Self.pieces {
            if TextSanitizer.isPrintableASCII(text) { shortcuts += 1 }
            #expect(TextSanitizer.clean(text) == TextSanitizer.cleanScalars(text), "\(text.unicodeScalars.map(\.value))")
        }
        // Both paths ran: the comparison above covers the shortcut and the rest.
        #expect(shortcuts > 2_000)
        #expect(shortcuts < 15_000)
    }

    @Test func shortcutTakesOnlyPrintableASCII() {
        #expect(TextSanitizer.isPrintableASCII(""))
        #expect(TextSanitizer.isPrintableASCII(" plain ASCII ~!\"#$%&'()*+,-./0-9:;<=>?@[\\]^_`{|}"))
        for v in Array(0..<0x20) + [0x7F] {
            #expect(!TextSanitizer.isPrintableASCII("a\(Character(Unicode.Scalar(UInt8(v))))b"), "\(v)")
        }
        for text in ["é", "\u{85}", "\u{9B}", "\u{202E}", "华", "📡"] {
            #expect(!TextSanitizer.isPrintableASCII("ok" + text), "\(text.unicodeScalars.map(\.value))")
        }
    }
}
