import TOMLKit

/// The `[console]` table of `config.toml`: how the console looks beyond the theme.
///
/// ```toml
/// [console]
/// columns = ["imei", "make", "model", "firmware", "licence", "outcome"]
/// mouse = false        # no wheel or clicks (default true: ncurses' own mouse support)
/// ```
///
/// The settings module reads the shape (a list of strings); the console checks the names, and
/// its errors name the file, the line found here and the key.
public struct ConsoleFileSettings: Sendable, Equatable {
    /// The config file they came from.
    public var file: String
    /// `columns` as written, in order; nil when the file does not choose.
    public var columns: [String]?
    /// Line of `columns = ...` in the file, 0 when unknown.
    public var columnsLine: Int
    /// `mouse`: nil when the file does not say.
    public var mouse: Bool?

    public init(file: String = "", columns: [String]? = nil, columnsLine: Int = 0, mouse: Bool? = nil) {
        self.file = file
        self.columns = columns
        self.columnsLine = columnsLine
        self.mouse = mouse
    }

    public static let none = ConsoleFileSettings()

    /// The keys `[console]` may hold.
    static let knownKeys = ["columns", "mouse"]

    /// Reads the `[console]` table; an unknown key or a value of the wrong shape is an error
    /// naming the file, the line and the key.
    static func parse(_ table: TOMLTable, text: String, path: String) throws(SettingsError) -> ConsoleFileSettings {
        let lines = TOMLLines.index(text)
        var settings = ConsoleFileSettings(file: path)
        for key in table.keys {
            guard let value = table[key] else { continue }
            let line = lines["console.\(key)"] ?? lines["console"] ?? 0
            switch key {
            case "columns":
                let example = "e.g. [\"imei\", \"model\", \"firmware\", \"licence\", \"outcome\"]"
                guard let list = value.array else {
                    throw SettingsError("\(path):\(line): console.columns: expected a list of column names, \(example)")
                }
                var names: [String] = []
                for item in list {
                    guard let name = item.string else {
                        throw SettingsError("\(path):\(line): console.columns: expected column names as strings, \(example)")
                    }
                    names.append(name)
                }
                settings.columns = names
                settings.columnsLine = line
            case "mouse":
                guard let on = value.bool else {
                    throw SettingsError("\(path):\(line): console.mouse: expected true or false, found \(kind(value))")
                }
                settings.mouse = on
            default:
                throw SettingsError("\(path):\(line): unknown key console.\(key) (known keys: \(knownKeys.joined(separator: ", ")))")
            }
        }
        return settings
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
