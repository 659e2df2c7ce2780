import Foundation

/// Where keys sit in TOML text. TOMLKit reports lines only for syntax errors, so errors about a
/// key's value find the key's line here: `[table]` headers, `key = ...` lines inside them, and
/// (best effort) dotted keys and the keys of one-line inline tables.
enum TOMLLines {
    /// Dotted key paths (`header`, `header.fg`, `palette.accent`, `keys.assign`) to 1-based lines;
    /// the first occurrence wins.
    static func index(_ text: String) -> [String: Int] {
        var lines: [String: Int] = [:]
        var table = ""
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = n + 1
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("[") {
                let inner = trimmed.drop { $0 == "[" }.prefix { $0 != "]" }
                table = unquote(String(inner))
                if lines[table] == nil { lines[table] = line }
                continue
            }
            guard let eq = trimmed.firstIndex(of: "=") else { continue }
            let key = unquote(String(trimmed[..<eq]))
            let path = table.isEmpty ? key : "\(table).\(key)"
            if lines[path] == nil { lines[path] = line }
            // `header = { fg = "red", bold = true }`: the inline table's own keys.
            let value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("{") {
                for part in value.dropFirst().split(separator: ",") {
                    guard let e = part.firstIndex(of: "=") else { continue }
                    let inner = unquote(String(part[..<e]))
                    if lines["\(path).\(inner)"] == nil { lines["\(path).\(inner)"] = line }
                }
            }
        }
        return lines
    }

    /// `"a" . b` → `a.b`: quotes and spaces around dotted parts removed.
    private static func unquote(_ key: String) -> String {
        key.split(separator: ".").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }.joined(separator: ".")
    }
}
