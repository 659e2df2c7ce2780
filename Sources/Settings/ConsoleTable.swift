import TOMLKit

/// The config file's `[console]` table: how the console behaves, beyond theme and keys.
///
/// ```toml
/// [console]
/// mouse = false        # no wheel or clicks (default true: ncurses' own mouse support)
/// ```
struct ConsoleTable: Sendable, Equatable {
    /// `mouse`: nil when the file does not say.
    var mouse: Bool?

    static let keys = ["mouse"]

    /// Reads the table; an unknown key or a value of the wrong type is an error naming the key.
    static func parse(_ value: TOMLValueConvertible, fail: (String) -> SettingsError) throws(SettingsError) -> ConsoleTable {
        guard let table = value.table else {
            throw fail("console: expected a table [console], found \(kind(value))")
        }
        var out = ConsoleTable()
        for key in table.keys {
            guard let entry = table[key] else { continue }
            switch key {
            case "mouse":
                guard let b = entry.bool else { throw fail("console.mouse: expected true or false, found \(kind(entry))") }
                out.mouse = b
            default:
                throw fail("unknown key console.\(key) (known keys: \(keys.joined(separator: ", ")))")
            }
        }
        return out
    }

    /// The type of a value, never the value.
    private static func kind(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .table: return "a table"
        case .array: return "an array"
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a number with a fraction"
        case .bool: return "a boolean"
        case .date, .time, .dateTime: return "a date or time"
        }
    }
}
