/// JSON that keeps server text as it is, but never carries a character a terminal would act on.
///
/// Foundation's `JSONEncoder` escapes C0 controls but writes DEL, C1 controls (U+0080–U+009F)
/// and bidi controls (U+202E ...) raw. Outside strings JSON holds only ASCII structure and
/// whitespace, so each of those characters can only be inside a string, where `\uXXXX` means
/// the same character: replacing them keeps the document equal for every JSON reader.
public enum JSONSafety {
    /// `json` (a whole document, as an encoder wrote it) with DEL, every C1 control and every
    /// bidi control written as a `\u` escape. C0 controls in strings are already escaped by any
    /// encoder; raw ones outside strings are JSON whitespace and stay.
    public static func escapingControls(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard needsEscape(scalar) else { out.append(scalar); continue }
            out.append(contentsOf: escape(scalar).unicodeScalars)
        }
        return String(out)
    }

    /// `\u` and four lowercase hex digits (every character escaped here is in the BMP).
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v >= 0x7F && v < 0xA0) || TextSanitizer.isBidiControl(scalar)
    }
}
