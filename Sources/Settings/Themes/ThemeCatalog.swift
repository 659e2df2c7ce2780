import Drawing
import Foundation

/// Every theme this run can use: the shipped ones (built into the binary) and the user's in
/// `$XDG_CONFIG_HOME/tslicense/themes/NAME.toml`, which override shipped ones of the same name.
///
/// ```swift
/// let catalog = try ThemeCatalog.load(environment: env)
/// let theme = try catalog.theme(named: "light")      // or a path to a .toml file
/// ```
public struct ThemeCatalog: Sendable {
    /// One theme as `tslicense themes` lists it.
    public struct Entry: Sendable, Equatable {
        public var name: String
        /// nil for a shipped theme, else the user file that provides it.
        public var userFile: String?
    }

    /// Shipped definitions by name, parsed from the embedded TOML.
    let shipped: [String: ThemeDefinition]
    /// User definitions by name.
    let user: [String: ThemeDefinition]
    /// Where user themes are read from.
    public let userDirectory: String

    /// Reads the shipped themes and the user's theme directory. A user theme file that cannot be
    /// read or parsed is an error naming it (a typo never silently falls back).
    public static func load(environment: [String: String]) throws(ThemeFileError) -> ThemeCatalog {
        let directory = (ConfigPaths.configDirectory(environment) as NSString).appendingPathComponent("themes")
        var user: [String: ThemeDefinition] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in names.sorted() where file.hasSuffix(".toml") {
            let path = (directory as NSString).appendingPathComponent(file)
            let name = String(file.dropLast(5))
            user[name.lowercased()] = try readDefinition(path: path, name: name)
        }
        return ThemeCatalog(shipped: shippedDefinitions, user: user, userDirectory: directory)
    }

    /// The shipped themes alone (no user directory), e.g. for tests.
    public static var shippedOnly: ThemeCatalog {
        ThemeCatalog(shipped: shippedDefinitions, user: [:], userDirectory: "")
    }

    /// Every name, sorted, with where it comes from.
    public var entries: [Entry] {
        let names = Set(shipped.keys).union(user.keys)
        return names.sorted().map { key in
            if let u = user[key] { return Entry(name: u.name, userFile: u.file) }
            return Entry(name: shipped[key]!.name, userFile: nil)
        }
    }

    public var names: [String] { entries.map(\.name) }

    /// The theme called `nameOrPath`: a name (user themes first), or a path to a `.toml` file
    /// (anything with a `/` or ending in `.toml`). An unknown name lists the available ones.
    public func theme(named nameOrPath: String) throws(ThemeSelectionError) -> Theme {
        let definition: ThemeDefinition
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            let name = ((nameOrPath as NSString).lastPathComponent as NSString).deletingPathExtension
            do { definition = try ThemeCatalog.readDefinition(path: nameOrPath, name: name) } catch { throw .invalid(error) }
        } else {
            let key = nameOrPath.lowercased()
            guard let found = user[key] ?? shipped[key] else { throw .unknown(nameOrPath, available: names) }
            definition = found
        }
        do {
            return try definition.resolve(parent: lookup)
        } catch {
            throw .invalid(error)
        }
    }

    /// The shipped theme `name`, ignoring user files (the production accent is always the shipped one's).
    public func shippedTheme(named name: String) -> Theme? {
        guard let d = shipped[name.lowercased()] else { return nil }
        return try? d.resolve(parent: lookup)
    }

    /// A parent by name: the user's first, unless that is the theme asking (a user `default`
    /// inheriting `default` gets the shipped one).
    private func lookup(_ name: String, _ exceptSelf: ThemeDefinition?) -> ThemeDefinition? {
        let key = name.lowercased()
        if let u = user[key], u != exceptSelf { return u }
        if let s = shipped[key], s != exceptSelf { return s }
        return nil
    }

    static func readDefinition(path: String, name: String) throws(ThemeFileError) -> ThemeDefinition {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ThemeFileError(file: path, key: "", line: 0, message: "cannot read the theme file: \((error as NSError).localizedDescription)")
        }
        return try ThemeFileParser.parse(text, name: name, file: path)
    }

    /// Parsed once; a shipped theme that does not parse is a build mistake that the tests catch.
    static let shippedDefinitions: [String: ThemeDefinition] = {
        var out: [String: ThemeDefinition] = [:]
        for (name, text) in ShippedThemes.files {
            if let d = try? ThemeFileParser.parse(text, name: name, file: "themes/\(name).toml (shipped)") {
                out[name.lowercased()] = d
            }
        }
        return out
    }()
}

/// Why `--theme`, `THINGSPACE_THEME` or a profile's `theme` cannot be used.
public enum ThemeSelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(String, available: [String])
    case invalid(ThemeFileError)

    public var description: String {
        switch self {
        case .unknown(let name, let available):
            return "unknown theme \"\(name)\"; available themes: \(available.joined(separator: ", "))"
        case .invalid(let error):
            return error.description
        }
    }
}
