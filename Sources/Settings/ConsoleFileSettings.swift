import TOMLKit

/// The `[console]` table of `config.toml`: how the console looks beyond the theme.
///
/// ```toml
/// [console]
/// columns = ["imei", "make", "model", "firmware", "licence", "outcome"]
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

    public init(file: String = "", columns: [String]? = nil, columnsLine: Int = 0) {
        self.file = file
        self.columns = columns
        self.columnsLine = columnsLine
    }

    public static let none = ConsoleFileSettings()

    /// The keys `[console]` may hold.
    static let knownKeys = ["columns"]

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
            default:
                throw SettingsError("\(path):\(line): unknown key console.\(key) (known keys: \(knownKeys.joined(separator: ", ")))")
            }
        }
        return settings
    }
}
