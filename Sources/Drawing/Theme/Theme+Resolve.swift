/// Why a theme could not be chosen.
public enum ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownTheme(String, available: [String])

    public var description: String {
        switch self {
        case .unknownTheme(let name, let available):
            return "unknown theme \"\(name)\"; available themes: \(available.joined(separator: ", "))"
        }
    }
}

extension Theme {
    /// The themes compiled into the binary.
    public static let builtIn: [Theme] = [.default, .mono]

    /// A built-in theme by name (case-insensitive), or nil.
    public static func named(_ name: String, in themes: [Theme] = Theme.builtIn) -> Theme? {
        let wanted = name.lowercased()
        return themes.first { $0.name.lowercased() == wanted }
    }

    /// Chooses the theme for this run.
    ///
    /// - An explicit `name` (from a flag or the configuration file) wins, as no-color.org asks
    ///   of per-invocation settings; an unknown name is an error listing the known ones.
    /// - With no name, a non-empty `NO_COLOR` selects `mono`; otherwise `default`.
    ///
    /// `available` is where theme files loaded later can be added (user themes first).
    public static func resolve(name: String?, environment: [String: String],
                               available: [Theme] = Theme.builtIn) throws(ThemeError) -> Theme {
        if let name, !name.isEmpty {
            guard let theme = named(name, in: available) else {
                throw .unknownTheme(name, available: available.map(\.name))
            }
            return theme
        }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return .mono
        }
        return .default
    }
}
