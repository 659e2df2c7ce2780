extension ThemeDefinition {
    /// Resolves this definition into a theme: the parent chain first (`inherits`, looked up with
    /// `parent`), then this file's palette over the parent's, then this file's roles replacing
    /// the parent's role by role. Colours are looked up in the merged palette, then as colour
    /// names, indexes or `#rrggbb`.
    ///
    /// - Parameter parent: the definition a name refers to; `exceptSelf` asks for a theme of the
    ///   same name other than this one (a user `default.toml` that inherits the shipped `default`).
    public func resolve(parent: (_ name: String, _ exceptSelf: ThemeDefinition?) -> ThemeDefinition?) throws(ThemeFileError) -> Theme {
        var seen: [String] = []
        let merged = try mergedChain(parent: parent, seen: &seen)
        var styles: [Role: Style] = [:]
        for (roleName, entry) in merged.roles {
            guard let role = Role(fileName: roleName) else {
                throw ThemeFileError(file: merged.sourceOfRole[roleName] ?? file, key: roleName,
                                     line: merged.lineOfRole[roleName] ?? 0,
                                     message: "unknown role (roles: \(Role.allCases.map(\.fileName).joined(separator: ", ")))")
            }
            styles[role] = try style(entry, roleName: roleName, merged: merged)
        }
        return Theme(name: name, styles: styles)
    }

    /// The chain merged, remembering where each role and palette entry was written.
    struct Merged {
        var palette: [String: String] = [:]
        var roles: [String: RoleEntry] = [:]
        var sourceOfRole: [String: String] = [:]
        var lineOfRole: [String: Int] = [:]
        var definitionOfRole: [String: ThemeDefinition] = [:]
        var definitionOfPalette: [String: ThemeDefinition] = [:]
    }

    func mergedChain(parent: (String, ThemeDefinition?) -> ThemeDefinition?, seen: inout [String]) throws(ThemeFileError) -> Merged {
        let identity = "\(file)#\(name)"
        if seen.contains(identity) {
            throw ThemeFileError(file: file, key: "inherits", line: line(of: "inherits"),
                                 message: "inherits in a loop (\(seen.map { $0.split(separator: "#").last.map(String.init) ?? $0 }.joined(separator: " -> ")) -> \(name))")
        }
        seen.append(identity)
        var merged = Merged()
        if let base = inherits {
            guard let definition = parent(base, base.lowercased() == name.lowercased() ? self : nil) else {
                throw ThemeFileError(file: file, key: "inherits", line: line(of: "inherits"),
                                     message: "no theme named \"\(base)\" to inherit from")
            }
            merged = try definition.mergedChain(parent: parent, seen: &seen)
        }
        for (key, value) in palette {
            merged.palette[key] = value
            merged.definitionOfPalette[key] = self
        }
        for (key, entry) in roles {
            merged.roles[key] = entry
            merged.sourceOfRole[key] = file
            merged.lineOfRole[key] = line(of: key)
            merged.definitionOfRole[key] = self
        }
        return merged
    }

    private func style(_ entry: RoleEntry, roleName: String, merged: Merged) throws(ThemeFileError) -> Style {
        let owner = merged.definitionOfRole[roleName] ?? self
        func color(_ text: String?, _ field: String) throws(ThemeFileError) -> ThemeColor {
            guard let text else { return .terminalDefault }
            if let paletteValue = merged.palette[text] {
                let paletteOwner = merged.definitionOfPalette[text] ?? owner
                guard let c = ThemeColor(name: paletteValue) else {
                    throw ThemeFileError(file: paletteOwner.file, key: "palette.\(text)", line: paletteOwner.line(of: "palette.\(text)"),
                                         message: "\"\(paletteValue)\" is not a colour (\(ThemeDefinition.colourHelp))")
                }
                return c
            }
            guard let c = ThemeColor(name: text) else {
                throw ThemeFileError(file: owner.file, key: "\(roleName).\(field)", line: owner.line(of: "\(roleName).\(field)"),
                                     message: "unknown colour \"\(text)\" (\(ThemeDefinition.colourHelp), or a name from [palette])")
            }
            return c
        }
        var attributes: TextAttributes = []
        if entry.bold == true { attributes.insert(.bold) }
        if entry.underline == true { attributes.insert(.underline) }
        if entry.reverse == true { attributes.insert(.reverse) }
        if entry.dim == true { attributes.insert(.dim) }
        return Style(fg: try color(entry.fg, "fg"), bg: try color(entry.bg, "bg"), attributes: attributes)
    }

    /// What a colour may be, for error messages.
    public static let colourHelp = "one of the 16 ANSI names such as red or bright-cyan, 0-255, #rrggbb, or default"
}
