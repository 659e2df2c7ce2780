import Drawing

/// Minimal RFC 4180 CSV: writing with escaping and formula neutralisation, and reading.
public enum CSV {
    /// Escapes one cell. The text is sanitised first (`TextSanitizer.clean`: no escape
    /// sequences, control or bidi characters, so `cat file.csv` is safe); then a cell that a
    /// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, or a tab or
    /// carriage return) gets a leading apostrophe, and a cell with a comma or quote is quoted.
    /// A plain cell (`isPlain`) is returned as it is, without a copy.
    public static func cell(_ raw: String) -> String {
        isPlain(raw) ? raw : escaped(raw)
    }

    /// Appends `cell(raw)` to `out`.
    public static func appendCell(_ raw: String, to out: inout String) {
        if isPlain(raw) { out += raw } else { out += escaped(raw) }
    }

    /// Appends `cell(raw)` to `out` as UTF-8.
    public static func appendCell(_ raw: String, to out: inout [UInt8]) {
        var raw = raw
        let plain = raw.withUTF8 { bytes -> Bool in
            guard isPlain(bytes) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if !plain { out.append(contentsOf: escaped(raw).utf8) }
    }

    public static func row(_ cells: [String]) -> String {
        var out = ""
        for (n, raw) in cells.enumerated() {
            if n > 0 { out += "," }
            appendCell(raw, to: &out)
        }
        return out
    }

    /// True when the cell is written as it is: printable ASCII only (nothing to sanitise), no
    /// comma or quote (nothing to quote), and not starting with `=`, `+`, `-` or `@` (no formula
    /// guard). One pass over the bytes.
    static func isPlain(_ raw: String) -> Bool {
        var raw = raw
        return raw.withUTF8 { isPlain($0) }
    }

    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let first = bytes.first,
           first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@") {
            return false
        }
        for b in bytes where b < 0x20 || b >= 0x7F || b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") { return false }
        return true
    }

    /// Every step of `cell` on any text: sanitise, guard a formula, quote. The reference the
    /// plain shortcut is tested against.
    static func escaped(_ raw: String) -> String {
        var value = TextSanitizer.clean(raw)
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// Parses CSV text into rows of cells, with the 1-based line number each row starts on.
    public static func parse(_ text: String) -> [(line: Int, cells: [String])] {
        var rows: [(Int, [String])] = []
        var cells: [String] = []
        var cell = ""
        var inQuotes = false
        var line = 1
        var rowStart = 1
        var afterQuote = false
        var chars = Array(text.unicodeScalars)[...]
        func endRow() {
            cells.append(cell)
            rows.append((rowStart, cells))
            cells = []
            cell = ""
        }
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { cell.unicodeScalars.append("\""); chars.removeFirst() } else { inQuotes = false; afterQuote = true }
                } else {
                    if c == "\n" { line += 1 }
                    cell.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where cell.isEmpty && !afterQuote:
                inQuotes = true
            case ",":
                cells.append(cell)
                cell = ""
                afterQuote = false
            case "\r":
                if chars.first == "\n" { chars.removeFirst() }
                endRow(); line += 1; rowStart = line; afterQuote = false
            case "\n":
                endRow(); line += 1; rowStart = line; afterQuote = false
            default:
                cell.unicodeScalars.append(c)
            }
        }
        if !cell.isEmpty || !cells.isEmpty { endRow() }
        return rows
    }
}
