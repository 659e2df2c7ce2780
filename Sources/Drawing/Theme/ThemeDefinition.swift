/// A theme as a file writes it, before its colours are looked up: a `[palette]` of named
/// colours, one entry per role, and maybe the theme it `inherits`. `resolve` turns it into a
/// `Theme`; the settings module reads the TOML into this shape.
///
/// ```toml
/// inherits = "default"
/// [palette]
/// accent = "#d70000"
/// [header]
/// fg = "bright-white"
/// bg = "accent"
/// bold = true
/// ```
public struct ThemeDefinition: Sendable, Equatable {
    public var name: String
    /// Where it came from, for errors: a file path, or `shipped themes/NAME.toml`.
    public var file: String
    public var inherits: String?
    /// Named colours; values are colours (`red`, `196`, `#ff0000`, `default`).
    public var palette: [String: String]
    /// Role entries by the name the file uses (`gauge_used`).
    public var roles: [String: RoleEntry]
    /// Line of each key in the file (`inherits`, `palette.accent`, `header`, `header.fg`), for errors.
    public var lines: [String: Int]

    public init(name: String, file: String, inherits: String? = nil, palette: [String: String] = [:],
                roles: [String: RoleEntry] = [:], lines: [String: Int] = [:]) {
        self.name = name
        self.file = file
        self.inherits = inherits
        self.palette = palette
        self.roles = roles
        self.lines = lines
    }

    /// The line of `key` (or of its table, for `header.fg` the line of `header`), 0 when unknown.
    public func line(of key: String) -> Int {
        if let n = lines[key] { return n }
        if let dot = key.lastIndex(of: ".") { return line(of: String(key[..<dot])) }
        return 0
    }
}

/// One role's entry: every field optional; what it leaves out is the terminal's default
/// colour and no attribute.
public struct RoleEntry: Sendable, Equatable {
    public var fg: String?
    public var bg: String?
    public var bold: Bool?
    public var underline: Bool?
    public var reverse: Bool?
    public var dim: Bool?

    public init(fg: String? = nil, bg: String? = nil, bold: Bool? = nil, underline: Bool? = nil,
                reverse: Bool? = nil, dim: Bool? = nil) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    /// The fields a role entry may have.
    public static let fields = ["fg", "bg", "bold", "underline", "reverse", "dim"]
}

/// A theme file that cannot be used: names the file, the key and its line.
public struct ThemeFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var key: String
    public var line: Int
    public var message: String

    public init(file: String, key: String, line: Int, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    /// `PATH:LINE: KEY: message` (without the line when it is not known).
    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return key.isEmpty ? "\(place): \(message)" : "\(place): \(key): \(message)"
    }
}

extension Role {
    /// The name theme files use: `gauge_used` for `gaugeUsed`.
    public var fileName: String {
        var out = ""
        for c in rawValue {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }

    /// The role a theme file names, or nil.
    public init?(fileName: String) {
        guard let role = Role.allCases.first(where: { $0.fileName == fileName }) else { return nil }
        self = role
    }
}
