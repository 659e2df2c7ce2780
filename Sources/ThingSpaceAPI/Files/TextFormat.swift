import Drawing
import Foundation

/// Helpers for human-readable tables and machine-readable JSON/CSV.
///
/// Server text is made safe in every output: tables show it sanitised (`TextSanitizer`: no
/// escape sequences, control or bidi characters) and measured by display width (`TextWidth`:
/// CJK and emoji take two columns), CSV cells are sanitised (`CSV.cell`), and JSON keeps the
/// text with every control and bidi character written as a `\u` escape (`JSONSafety`).
public enum TextFormat {
    /// Server text as a terminal may show it: escape sequences, control characters and bidi
    /// controls removed (`TextSanitizer.clean`).
    public static func clean(_ s: String) -> String {
        TextSanitizer.clean(s)
    }

    /// Pads (or cuts, with an ellipsis) to `width` columns of display width; in `.ascii`,
    /// non-ASCII text shows as `?` per column and the ellipsis is `~`.
    public static func pad(_ s: String, _ width: Int, charset: TextCharset = .utf8) -> String {
        TextWidth.fit(s, to: width, charset: charset)
    }

    /// Rows aligned in columns by display width, two spaces apart; the last column is not padded.
    public static func table(_ rows: [[String]], charset: TextCharset = .utf8) -> [String] {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return [] }
        let shown = rows.map { $0.map { TextWidth.display($0, charset: charset) } }
        var widths = Array(repeating: 0, count: columns)
        for row in shown { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TextWidth.of(cell)) } }
        return shown.map { row in
            trimmingTrailingSpaces(row.enumerated().map { i, cell in i == row.count - 1 ? cell : pad(cell, widths[i]) }
                .joined(separator: "  "))
        }
    }

    /// One row in fixed columns of display width (so rows can be printed before the whole list
    /// is known); cells beyond `widths` are not padded.
    public static func fixedRow(_ cells: [String], widths: [Int], charset: TextCharset = .utf8) -> String {
        trimmingTrailingSpaces(cells.enumerated().map { i, cell in
            i < widths.count ? pad(cell, widths[i], charset: charset) : TextWidth.display(cell, charset: charset)
        }.joined(separator: "  "))
    }

    /// Sorted keys, slashes unescaped; indented unless `pretty` is false. DEL, C1 controls and
    /// bidi controls in strings are written as `\u` escapes (`JSONSafety`).
    public static func json<T: Encodable>(_ value: T, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let s = String(data: data, encoding: .utf8) else { return "null" }
        return JSONSafety.escapingControls(s)
    }

    public static func csv(_ cells: [String]) -> String { CSV.row(cells) }

    /// `25` of `1000` → `2.5%`; `0%` of nothing.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        return String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }

    /// `1234567` → `1,234,567`.
    public static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// `1 device`, `1,000 devices`.
    public static func count(_ n: Int, _ noun: String) -> String {
        "\(count(n)) \(noun)\(n == 1 ? "" : "s")"
    }

    /// `1 entry`, `2 entries`: a noun whose plural is not `noun + s`.
    public static func count(_ n: Int, _ noun: String, plural: String) -> String {
        "\(count(n)) \(n == 1 ? noun : plural)"
    }

    /// `licences now: 100 of 1,000 used, 900 free` (`label` names the moment).
    public static func licences(_ label: String, _ counts: LicenseCounts) -> String {
        "\(label) \(count(counts.used)) of \(count(counts.total)) used, \(count(counts.free)) free"
    }

    static func trimmingTrailingSpaces(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t.removeLast() }
        return String(t)
    }
}
