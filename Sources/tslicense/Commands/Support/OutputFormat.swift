import ArgumentParser
import Foundation
import ThingSpaceAPI

/// `--format table|json|csv`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv
}

struct FormatOption: ParsableArguments {
    @Option(help: ArgumentHelp("Output format: table, json or csv.", valueName: "format"))
    var format: OutputFormat = .table

    init() {}
}

/// Buffered standard output: lines collect until `flush()` (or 64 KiB), then one write.
/// Table rows are flushed as each batch or page arrives.
final class StandardOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { flush() }
    }

    func text(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Helpers for human-readable tables and machine-readable JSON/CSV.
enum TextFormat {
    /// Control characters from a server never reach the terminal as escape sequences.
    static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }) else {
            return s
        }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { scalar in
            scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) ? "?" : scalar
        }))
    }

    /// Pads (or cuts, with an ellipsis) to `width` characters.
    static func pad(_ s: String, _ width: Int) -> String {
        let c = clean(s)
        if c.count > width { return String(c.prefix(max(0, width - 1))) + "…" }
        return c + String(repeating: " ", count: width - c.count)
    }

    /// Rows aligned in columns, two spaces apart; the last column is not padded.
    static func table(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return [] }
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], clean(cell).count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? clean(cell) : pad(cell, widths[i]) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
    }

    static func json<T: Encodable>(_ value: T, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let s = String(data: data, encoding: .utf8) else { return "null" }
        return s
    }

    static func csv(_ cells: [String]) -> String { CSV.row(cells) }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        return String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }

    /// `1234567` → `1,234,567`.
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
