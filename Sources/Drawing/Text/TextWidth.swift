/// How many columns text takes on a `CellGrid`, and text cut or padded to a number of columns.
///
/// A grid cell holds one `Character` (a grapheme cluster), so text takes one column per
/// character; the terminal layer keeps every cell one column wide (a wide or zero-width
/// character is drawn as `?`). Views measure with these functions, never with byte or
/// scalar counts, so measuring and drawing agree.
public enum TextWidth {
    /// The columns `text` takes when written with `CellGrid.put`.
    public static func of(_ text: some StringProtocol) -> Int {
        text.count
    }

    /// The longest start of `text` that fits in `columns` columns.
    public static func clip(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        return of(text) <= columns ? text : String(text.prefix(columns))
    }

    /// `text` padded with spaces or cut to exactly `columns` columns.
    public static func fit(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        let n = of(text)
        if n == columns { return text }
        if n < columns { return text + String(repeating: " ", count: columns - n) }
        return clip(text, to: columns)
    }
}

extension StringProtocol {
    /// The columns this text takes on a `CellGrid` (`TextWidth.of`).
    public var displayWidth: Int { TextWidth.of(self) }
}
