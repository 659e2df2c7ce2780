/// How many columns text takes, and text cut or padded to a number of columns, by the one width
/// rule of `DisplayWidth`.
///
/// Every function here works on the text's *display form* (`display`): sanitised by
/// `TextSanitizer`, each grapheme cluster as a cell holds it (U+FFFD for one it cannot hold),
/// and in `.ascii` every non-ASCII cluster as one `?` per column. Measuring, cutting and
/// drawing therefore agree: `CellGrid.put` writes exactly `of(text)` columns.
public enum TextWidth {
    /// `text` as it is shown: sanitised, each cluster in its cell form, ASCII-only in `.ascii`.
    public static func display(_ text: some StringProtocol, charset: TextCharset = .utf8) -> String {
        let clean = TextSanitizer.clean(String(text))
        if isPlainASCII(clean) { return clean }
        var out = ""
        out.reserveCapacity(clean.utf8.count)
        for ch in clean {
            let cell = DisplayWidth.cell(for: ch)
            if charset == .ascii && !cell.char.isASCII {
                out += cell.width == 2 ? "??" : "?"
            } else {
                out.append(cell.char)
            }
        }
        return out
    }

    /// The columns `text` takes (its display form's width, the same in every charset).
    public static func of(_ text: some StringProtocol) -> Int {
        if isPlainASCII(text) { return text.utf8.count }
        var columns = 0
        for ch in TextSanitizer.clean(String(text)) { columns += DisplayWidth.cell(for: ch).width }
        return columns
    }

    /// The longest start of `text`'s display form that fits in `columns` columns (no ellipsis).
    public static func clip(_ text: String, to columns: Int, charset: TextCharset = .utf8) -> String {
        guard columns > 0 else { return "" }
        return cut(display(text, charset: charset), to: columns).text
    }

    /// `text`'s display form, cut to at most `columns` columns with an ellipsis (`…`, or `~` in
    /// `.ascii`) as its last column when it did not fit.
    public static func truncate(_ text: String, to columns: Int, charset: TextCharset = .utf8) -> String {
        guard columns > 0 else { return "" }
        let shown = display(text, charset: charset)
        let whole = cut(shown, to: columns)
        if whole.complete { return whole.text }
        return cut(shown, to: columns - 1).text + String(charset.ellipsis)
    }

    /// `text`'s display form padded with spaces, or cut with an ellipsis, to exactly `columns`
    /// columns (a wide character that would straddle the edge leaves a space instead).
    public static func fit(_ text: String, to columns: Int, charset: TextCharset = .utf8) -> String {
        guard columns > 0 else { return "" }
        let cut = truncate(text, to: columns, charset: charset)
        let n = of(cut)
        return n < columns ? cut + String(repeating: " ", count: columns - n) : cut
    }

    /// The longest start of display-form text within `columns`, and whether that is all of it.
    private static func cut(_ shown: String, to columns: Int) -> (text: String, complete: Bool) {
        if isPlainASCII(shown) {
            return shown.utf8.count <= columns ? (shown, true) : (String(shown.prefix(max(0, columns))), false)
        }
        var used = 0
        var end = shown.startIndex
        for index in shown.indices {
            let w = DisplayWidth.cell(for: shown[index]).width
            if used + w > columns { return (String(shown[..<index]), false) }
            used += w
            end = shown.index(after: index)
        }
        return (String(shown[..<end]), true)
    }

    /// Printable ASCII only: one column per byte, nothing to clean.
    static func isPlainASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}

extension StringProtocol {
    /// The columns this text takes (`TextWidth.of`).
    public var displayWidth: Int { TextWidth.of(self) }
}
