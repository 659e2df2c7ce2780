/// The one width rule of the program, used by the console's cell grid, the command-line tables
/// and the terminal layer alike.
///
/// - A scalar is **zero-width** when it is a non-spacing or enclosing mark (Mn, Me: combining
///   accents, variation selectors), a format character (Cf: ZWJ, bidi marks; the soft hyphen
///   excepted), a zero-width space, or a Hangul medial vowel or final consonant.
/// - A scalar is **wide** (two columns) when its East Asian Width is W or F, which includes
///   every emoji with default emoji presentation (`DisplayWidth.wideRanges`: glibc 2.36's
///   `wcwidth`, Unicode 15.0).
/// - Every other printable scalar takes **one** column.
/// - A **grapheme cluster** (a `Character`) takes the width of its first scalar. A cell holds
///   that scalar and up to four marks after it (what an ncurses cell holds); joiners, variation
///   selectors and emoji skin-tone modifiers are dropped. A cluster the cell cannot hold becomes
///   U+FFFD (one column): one that starts with a zero-width, unassigned or control scalar, one
///   with more than four marks, or one with a second spacing scalar (ZWJ emoji sequences,
///   flags, spacing vowel signs).
///
/// Width follows the first scalar, never a variation selector: `❤️` is drawn as `❤`, one column,
/// so every terminal agrees on where the next character goes.
public enum DisplayWidth {
    /// What a cluster the cell cannot hold becomes.
    public static let replacement: Character = "\u{FFFD}"
    /// Marks a cell carries after its base scalar (an ncurses `cchar_t` holds five characters).
    public static let maximumMarks = 4

    /// Columns of one scalar: 0, 1 or 2 (control characters count 0: they are never drawn).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if isZeroWidth(scalar) { return 0 }
        return isWide(scalar) ? 2 : 1
    }

    /// Zero-width scalars (see the type's rule).
    public static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x300 { return false }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) || v == 0x200B { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// Wide scalars: East Asian Width W or F.
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x1100 { return false }
        var low = 0, high = wideRanges.count
        while low < high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if v < range.lowerBound { high = mid } else if v > range.upperBound { low = mid + 1 } else { return true }
        }
        return false
    }

    /// What a cell holds for `ch`, and how many columns it takes (1 or 2).
    public static func cell(for ch: Character) -> (char: Character, width: Int) {
        if let ascii = ch.asciiValue {
            return ascii >= 0x20 && ascii < 0x7F ? (ch, 1) : (replacement, 1)
        }
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return (replacement, 1) }
        let v = first.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) || isZeroWidth(first) || first.properties.generalCategory == .unassigned {
            return (replacement, 1)
        }
        let width = isWide(first) ? 2 : 1
        if scalars.count == 1 { return (ch, width) }
        var kept = String.UnicodeScalarView()
        kept.append(first)
        var marks = 0
        var changed = false
        for scalar in scalars.dropFirst() {
            if isDropped(scalar) { changed = true; continue }
            guard isZeroWidth(scalar), scalar.value >= 0xA0 else { return (replacement, 1) }
            marks += 1
            if marks > maximumMarks { return (replacement, 1) }
            kept.append(scalar)
        }
        return (changed ? Character(String(kept)) : ch, width)
    }

    /// Scalars a cell leaves out: joiners, variation selectors, emoji modifiers, other format
    /// characters (they change how a terminal joins glyphs, so they would change the width).
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) { return true }
        if (0x1F3FB...0x1F3FF).contains(v) { return true }
        return v >= 0xA0 && scalar.properties.generalCategory == .format
    }
}
