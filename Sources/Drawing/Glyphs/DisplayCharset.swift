/// Which characters the console may draw: Unicode (block gauge, box lines, `·`) when the
/// locale's character set is UTF-8, plain printable ASCII otherwise or with `--ascii`. Views
/// draw their own glyphs from `Glyphs.for(charset)`; text helpers (server text, ellipsis) use
/// the same decision. Never the terminal's alternate character set: it shows as stray letters
/// over some SSH and tmux links.
/// One decision for glyphs and text: the same type as the text helpers' `TextCharset`.
public typealias DisplayCharset = TextCharset

extension TextCharset {
    /// The decision: `--ascii` wins; otherwise UTF-8 exactly when the locale's codeset
    /// (`nl_langinfo(CODESET)`) is UTF-8.
    public static func decide(localeCodeset: String?, forceASCII: Bool) -> DisplayCharset {
        if forceASCII { return .ascii }
        return isUTF8(codeset: localeCodeset) ? .utf8 : .ascii
    }

    /// `UTF-8`, `utf8`, `UTF8` (any case) are UTF-8; `ANSI_X3.4-1968` (the C locale), `ISO-8859-1`... are not.
    public static func isUTF8(codeset: String?) -> Bool {
        guard let codeset else { return false }
        let c = String(codeset.lowercased().filter { $0 != "-" && $0 != "_" })
        return c == "utf8"
    }

    public var isASCII: Bool { self == .ascii }
}
