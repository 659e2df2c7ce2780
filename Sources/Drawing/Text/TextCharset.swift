/// What the terminal can show. In `.ascii` (a locale that is not UTF-8, such as `LANG=C`) every
/// non-ASCII cluster is shown as one `?` per column it takes, and a cut ends with `~`.
public enum TextCharset: String, Sendable, Equatable {
    case utf8
    case ascii

    /// The mark that ends text cut to its column.
    public var ellipsis: Character { self == .utf8 ? "…" : "~" }

    /// The character set of the locale the environment names: the first set of `LC_ALL`,
    /// `LC_CTYPE`, `LANG`; UTF-8 when its codeset is `UTF-8` or `utf8`, ASCII otherwise (also
    /// when none is set: the C locale).
    public static func from(environment: [String: String]) -> TextCharset {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let lower = value.lowercased()
            return lower.contains("utf-8") || lower.contains("utf8") ? .utf8 : .ascii
        }
        return .ascii
    }
}
