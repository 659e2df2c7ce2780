/// ASCII stand-ins for the non-ASCII characters views use, for terminals whose locale is not
/// UTF-8 (htop's `CRT_treeStrAscii`, lazygit's rune replacements). Every result is one
/// printable ASCII character, so the grid keeps its layout. Pure.
public enum ASCIIFallback {
    public static func character(for ch: Character) -> Character {
        if ch.isASCII { return isPrintableASCII(ch) ? ch : " " }
        guard let scalar = ch.unicodeScalars.first else { return "?" }
        return Character(Unicode.Scalar(mapped(scalar.value)))
    }

    /// The whole string mapped, one character for one character.
    public static func string(_ text: String) -> String {
        String(text.map(character(for:)))
    }

    private static func isPrintableASCII(_ ch: Character) -> Bool {
        guard let v = ch.asciiValue else { return false }
        return v >= 0x20 && v < 0x7F
    }

    private static func mapped(_ v: UInt32) -> UInt8 {
        if let known = table[v] { return known }
        switch v {
        case 0x2500...0x257F: return boxDrawing(v)
        case 0x2580...0x259F: return UInt8(ascii: "#")       // block elements
        case 0x2800...0x28FF: return UInt8(ascii: "*")       // braille (spinners)
        case 0x2190...0x21FF: return UInt8(ascii: "-")       // other arrows
        case 0x00C0...0x017F: return latinBase(v)
        default: return UInt8(ascii: "?")
        }
    }

    /// Horizontal lines to `-`, vertical lines to `|`, everything else (corners, tees,
    /// crosses) to `+`.
    private static func boxDrawing(_ v: UInt32) -> UInt8 {
        let horizontal: Set<UInt32> = [0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D,
                                       0x2550, 0x2574, 0x2576, 0x2578, 0x257A, 0x257C, 0x257E]
        let vertical: Set<UInt32> = [0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F,
                                     0x2551, 0x2575, 0x2577, 0x2579, 0x257B, 0x257D, 0x257F]
        if horizontal.contains(v) { return UInt8(ascii: "-") }
        if vertical.contains(v) { return UInt8(ascii: "|") }
        switch v {
        case 0x2571: return UInt8(ascii: "/")
        case 0x2572: return UInt8(ascii: "\\")
        case 0x2573: return UInt8(ascii: "X")
        default: return UInt8(ascii: "+")
        }
    }

    /// Accented Latin letters to their base letter (é → e), enough for names.
    private static func latinBase(_ v: UInt32) -> UInt8 {
        let upper: [(ClosedRange<UInt32>, Character)] = [
            (0xC0...0xC5, "A"), (0xC7...0xC7, "C"), (0xC8...0xCB, "E"), (0xCC...0xCF, "I"),
            (0xD1...0xD1, "N"), (0xD2...0xD6, "O"), (0xD8...0xD8, "O"), (0xD9...0xDC, "U"), (0xDD...0xDD, "Y"),
            (0xE0...0xE5, "a"), (0xE7...0xE7, "c"), (0xE8...0xEB, "e"), (0xEC...0xEF, "i"),
            (0xF1...0xF1, "n"), (0xF2...0xF6, "o"), (0xF8...0xF8, "o"), (0xF9...0xFC, "u"), (0xFD...0xFF, "y"),
        ]
        for (range, base) in upper where range.contains(v) { return base.asciiValue! }
        if v == 0xD7 { return UInt8(ascii: "x") }             // ×
        if v == 0xDF { return UInt8(ascii: "s") }             // ß
        return UInt8(ascii: "?")
    }

    private static let table: [UInt32: UInt8] = {
        var t: [UInt32: UInt8] = [:]
        func put(_ chars: String, _ ascii: Character) {
            for s in chars.unicodeScalars { t[s.value] = ascii.asciiValue! }
        }
        put("←◀◂◄⇐‹«", "<")
        put("→▶▸►⇒›»", ">")
        put("↑▲▴⇧", "^")
        put("↓▼▾⇩", "v")
        put("↔", "-")
        put("↕", "|")
        put("↵⏎", "<")
        put("…⋯", "~")          // ellipsis: `~` marks cut text, as in the command-line tables
        put("·∙⋅", ".")
        put("•●◆◇■□▪▫★☆", "*")
        put("○◦", "o")
        put("◉◎", "@")
        put("✓✔", "v")
        put("✗✘✕✖", "x")
        put("‘’‚′", "'")
        put("“”„″", "\"")
        put("‐‑‒–—―−", "-")
        put("\u{00A0}\u{2007}\u{202F}\u{2002}\u{2003}\u{2009}", " ")
        put("▓", "+")           // shades keep their differences: gauge segments stay readable
        put("▒", "-")
        put("░", ".")
        put("≥", ">")
        put("≤", "<")
        put("≠", "#")
        put("±", "+")
        put("°", "o")
        put("×", "x")
        put("÷", "/")
        put("░", ".")            // light shade: empty part of a gauge
        put("▒", ":")            // medium shade
        put("▓", "%")            // dark shade
        return t
    }()
}
