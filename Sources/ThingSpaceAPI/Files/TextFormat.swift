import Foundation

/// Helpers for human-readable tables and machine-readable JSON/CSV.
public enum TextFormat {
    /// Control characters from a server never reach the terminal as escape sequences.
    public static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { isControl($0) ? "?" : $0 }))
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
    }

    /// Pads (or cuts, with an ellipsis) to `width` characters.
    public static func pad(_ s: String, _ width: Int) -> String {
        let c = clean(s)
        if c.count > width { return String(c.prefix(max(0, width - 1))) + "…" }
        return c + String(repeating: " ", count: width - c.count)
    }

    /// Rows aligned in columns, two spaces apart; the last column is not padded.
    public static func table(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return [] }
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], clean(cell).count) } }
        return rows.map { row in
            trimmingTrailingSpaces(row.enumerated().map { i, cell in i == row.count - 1 ? clean(cell) : pad(cell, widths[i]) }
                .joined(separator: "  "))
        }
    }

    /// One row in fixed columns (so rows can be printed before the whole list is known); cells
    /// beyond `widths` are not padded.
    public static func fixedRow(_ cells: [String], widths: [Int]) -> String {
        trimmingTrailingSpaces(cells.enumerated().map { i, cell in i < widths.count ? pad(cell, widths[i]) : clean(cell) }
            .joined(separator: "  "))
    }

    /// Sorted keys, slashes unescaped; indented unless `pretty` is false.
    public static func json<T: Encodable>(_ value: T, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let s = String(data: data, encoding: .utf8) else { return "null" }
        return s
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
