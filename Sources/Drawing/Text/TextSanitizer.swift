/// Makes text from a server safe to show on a terminal or write to a table or CSV file.
///
/// Removes whole escape sequences, not just their ESC byte: CSI (`ESC [` or 8-bit `0x9B`, up to
/// its final byte), OSC (`ESC ]` or `0x9D`, up to BEL or ST), DCS, SOS, PM and APC (`ESC P`,
/// `ESC X`, `ESC ^`, `ESC _` or `0x90`, `0x98`, `0x9E`, `0x9F`, up to ST), and the short
/// `ESC` + one or more bytes forms; a sequence cut off by the end of the text is removed to the
/// end. CAN and SUB end a sequence as they do on a terminal. Every other C0 and C1 control
/// character and DEL is removed, except that tab, line feed, vertical tab, form feed, carriage
/// return and NEL become one space each. Bidirectional overrides, embeddings, isolates and
/// marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) are removed. Everything else,
/// including CJK, emoji and combining marks, is kept.
public enum TextSanitizer {
    /// `text` without escape sequences, control characters or bidi controls. Text that needs
    /// nothing removed is returned as it is, without copying.
    public static func clean(_ text: String) -> String {
        // Plain printable ASCII (the usual server text) needs nothing: one pass over the bytes.
        if isPrintableASCII(text) { return text }
        return cleanScalars(text)
    }

    /// True when every byte of `text` is printable ASCII (space to `~`): nothing to remove.
    public static func isPrintableASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for b in bytes where b < 0x20 || b >= 0x7F { return false }
            return true
        }
    }

    /// `clean` without the ASCII shortcut: the scalar check, then the state machine. The
    /// reference the shortcut is tested against.
    static func cleanScalars(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsAttention) else { return text }
        var out = String.UnicodeScalarView()
        var state = State.text
        for scalar in text.unicodeScalars {
            var pending: Unicode.Scalar? = scalar
            while let s = pending {
                pending = nil
                state = step(state, s) { out.append($0) } reprocess: { pending = $0 }
            }
        }
        return String(out)
    }

    /// True for the characters `clean` removes or replaces, and for those that start a sequence.
    public static func needsAttention(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0) || isBidiControl(scalar)
    }

    /// Bidirectional formatting characters: embeddings and overrides (U+202A–U+202E), isolates
    /// (U+2066–U+2069), and the marks LRM, RLM and ALM.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    private enum State {
        case text
        case escape              // after ESC
        case escapeIntermediate  // ESC, then 0x20...0x2F bytes
        case csi
        case string(osc: Bool)   // OSC (ends at BEL or ST) or DCS/SOS/PM/APC (ends at ST)
        case stringEscape(osc: Bool)
    }

    private static func step(_ state: State, _ s: Unicode.Scalar, emit: (Unicode.Scalar) -> Void,
                             reprocess: (Unicode.Scalar) -> Void) -> State {
        let v = s.value
        switch state {
        case .text:
            switch v {
            case 0x1B: return .escape
            case 0x9B: return .csi
            case 0x9D: return .string(osc: true)
            case 0x90, 0x98, 0x9E, 0x9F: return .string(osc: false)
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85: emit(" ")
            default:
                if !needsAttention(s) { emit(s) }
            }
            return .text
        case .escape:
            switch v {
            case 0x5B: return .csi                                     // [
            case 0x5D: return .string(osc: true)                       // ]
            case 0x50, 0x58, 0x5E, 0x5F: return .string(osc: false)    // P X ^ _
            case 0x1B: return .escape
            case 0x20...0x2F: return .escapeIntermediate
            case 0x30...0x7E: return .text
            default: reprocess(s); return .text
            }
        case .escapeIntermediate:
            switch v {
            case 0x20...0x2F: return .escapeIntermediate
            case 0x30...0x7E: return .text
            default: reprocess(s); return .text
            }
        case .csi:
            switch v {
            case 0x20...0x3F: return .csi
            case 0x40...0x7E: return .text
            case 0x1B: return .escape
            case 0x18, 0x1A: return .text
            case 0x00...0x1F: return .csi          // a terminal would act on it; here it is dropped
            default: reprocess(s); return .text
            }
        case .string(let osc):
            switch v {
            case 0x07 where osc: return .text
            case 0x9C, 0x18, 0x1A: return .text
            case 0x1B: return .stringEscape(osc: osc)
            default: return state
            }
        case .stringEscape:
            if v == 0x5C { return .text }          // ESC \ is ST
            reprocess(s)
            return .escape
        }
    }
}
