import TOMLKit

/// The `[keys]` table of `config.toml`: actions rebound by name, lazygit-style.
///
/// ```toml
/// [keys]
/// assign = ["A"]
/// filter = ["/", "F"]
/// ```
///
/// The settings module only reads the shape (each value a string or a list of strings); the
/// console's action registry checks the action names, the key names and conflicts, and its
/// errors name the file and line found here.
public struct UserKeyBindings: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// The action's name as written (`assign`, `select_shown`).
        public var action: String
        /// The key names as written (`"A"`, `"Ctrl-U"`, `"Space"`).
        public var keys: [String]
        /// Line of `action = ...` in the file, 0 when unknown.
        public var line: Int
    }

    /// The config file they came from.
    public var file: String
    /// In file order.
    public var entries: [Entry]

    public init(file: String, entries: [Entry]) {
        self.file = file
        self.entries = entries
    }

    public static let none = UserKeyBindings(file: "", entries: [])

    /// Reads the `[keys]` table; a value that is not a string or a list of strings is an error
    /// naming the file, the key and its line.
    static func parse(_ table: TOMLTable, text: String, path: String) throws(SettingsError) -> UserKeyBindings {
        let lines = TOMLLines.index(text)
        var entries: [Entry] = []
        for action in table.keys {
            guard let value = table[action] else { continue }
            let line = lines["keys.\(action)"] ?? lines["keys"] ?? 0
            var keys: [String] = []
            if let one = value.string {
                keys = [one]
            } else if let list = value.array {
                for item in list {
                    guard let s = item.string else {
                        throw SettingsError("\(path):\(line): keys.\(action): expected key names as strings, e.g. [\"A\", \"Ctrl-U\"]")
                    }
                    keys.append(s)
                }
            } else {
                throw SettingsError("\(path):\(line): keys.\(action): expected a list of key names, e.g. [\"A\", \"Ctrl-U\"]")
            }
            entries.append(Entry(action: action, keys: keys, line: line))
        }
        entries.sort { ($0.line, $0.action) < ($1.line, $1.action) }
        return UserKeyBindings(file: path, entries: entries)
    }
}
