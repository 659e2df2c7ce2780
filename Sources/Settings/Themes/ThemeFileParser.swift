import Drawing
import Foundation
import TOMLKit

/// Reads a theme file's TOML into a `ThemeDefinition`. Errors name the file, the key and its
/// line: a syntax error, a key that is neither `inherits`, `[palette]` nor a role, a role field
/// that is not `fg`, `bg`, `bold`, `underline`, `reverse` or `dim`, or a value of the wrong type.
/// Colour names are checked when the definition is resolved (they may come from a palette).
enum ThemeFileParser {
    static func parse(_ text: String, name: String, file: String) throws(ThemeFileError) -> ThemeDefinition {
        let lines = TOMLLines.index(text)
        func fail(_ key: String, _ message: String) -> ThemeFileError {
            ThemeFileError(file: file, key: key, line: lineOf(key, lines), message: message)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeFileError(file: file, key: "", line: error.source.begin.line, message: "not valid TOML: \(error.description)")
        } catch {
            throw ThemeFileError(file: file, key: "", line: 0, message: "not valid TOML: \(error)")
        }
        var definition = ThemeDefinition(name: name, file: file, lines: lines)
        let roleNames = Role.allCases.map(\.fileName)
        for key in table.keys {
            guard let value = table[key] else { continue }
            switch key {
            case "inherits":
                guard let s = value.string, !s.isEmpty else { throw fail(key, "expected the name of a theme, as a string") }
                definition.inherits = s
            case "palette":
                guard let palette = value.table else { throw fail(key, "expected a table [palette] of name = \"colour\"") }
                for colourName in palette.keys {
                    guard let s = palette[colourName]?.string else {
                        throw fail("palette.\(colourName)", "expected a colour as a string (\(ThemeDefinition.colourHelp))")
                    }
                    definition.palette[colourName] = s
                }
            default:
                guard roleNames.contains(key) else {
                    throw fail(key, "unknown role (roles: \(roleNames.joined(separator: ", ")); also inherits and [palette])")
                }
                guard let body = value.table else {
                    throw fail(key, "expected a table [\(key)] with fg, bg, bold, underline, reverse, dim")
                }
                definition.roles[key] = try roleEntry(body, role: key, fail: fail)
            }
        }
        return definition
    }

    private static func roleEntry(_ table: TOMLTable, role: String,
                                  fail: (String, String) -> ThemeFileError) throws(ThemeFileError) -> RoleEntry {
        var entry = RoleEntry()
        for field in table.keys {
            guard let value = table[field] else { continue }
            let key = "\(role).\(field)"
            func colour() throws(ThemeFileError) -> String {
                guard let s = value.string else {
                    if let n = value.int { return String(n) }
                    throw fail(key, "expected a colour (\(ThemeDefinition.colourHelp), or a [palette] name)")
                }
                return s
            }
            func flag() throws(ThemeFileError) -> Bool {
                guard let b = value.bool else { throw fail(key, "expected true or false") }
                return b
            }
            switch field {
            case "fg": entry.fg = try colour()
            case "bg": entry.bg = try colour()
            case "bold": entry.bold = try flag()
            case "underline": entry.underline = try flag()
            case "reverse": entry.reverse = try flag()
            case "dim": entry.dim = try flag()
            default: throw fail(key, "unknown field (a role has \(RoleEntry.fields.joined(separator: ", ")))")
            }
        }
        return entry
    }

    static func lineOf(_ key: String, _ lines: [String: Int]) -> Int {
        var k = key
        while true {
            if let n = lines[k] { return n }
            guard let dot = k.lastIndex(of: ".") else { return 0 }
            k = String(k[..<dot])
        }
    }
}
