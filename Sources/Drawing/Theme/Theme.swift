/// Maps every semantic `Role` to a `Style`. Views never name colours; the terminal layer
/// asks the theme how each role looks.
///
/// Themes are built from a base plus overrides, so a theme file (a later issue) only needs
/// to list the roles it changes: `Theme(name: "mine", base: .default, overrides: [...])`.
public struct Theme: Sendable, Equatable {
    public var name: String
    public private(set) var styles: [Role: Style]

    /// A theme from an explicit table. Roles missing from `styles` fall back to the style of
    /// `.normal` (and to `Style.plain` if that is missing too).
    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    /// `base` with some roles replaced, e.g. a theme file that `inherits` another.
    public init(name: String, base: Theme, overrides: [Role: Style]) {
        self.name = name
        self.styles = base.styles.merging(overrides) { _, new in new }
    }

    public func style(for role: Role) -> Style {
        styles[role] ?? styles[.normal] ?? .plain
    }

    /// Returns a copy with one role restyled.
    public func with(_ role: Role, _ style: Style) -> Theme {
        var copy = self
        copy.styles[role] = style
        return copy
    }

    /// Roles this theme does not style explicitly (empty for every built-in theme).
    public var unstyledRoles: [Role] { Role.allCases.filter { styles[$0] == nil } }

    /// True when any role names a colour; false for attribute-only themes such as `mono`.
    public var usesColor: Bool { styles.values.contains { $0.usesColor } }
}

extension Theme {
    /// The roles a `production = true` profile takes from the production look, whatever theme
    /// is chosen: the header, its badge, and the confirm dialogs (title, danger lines, border).
    public static let productionAccentRoles: [Role] = [.header, .headerAccount, .productionBadge, .dialogTitle, .dialogDanger, .border]

    /// This theme with the production accent (those roles styled as in `production`).
    public func withProductionAccent(from production: Theme) -> Theme {
        var copy = self
        for role in Theme.productionAccentRoles { copy.styles[role] = production.style(for: role) }
        copy.name = name == production.name ? name : "\(name)+production"
        return copy
    }
}

extension Theme {
    /// The theme as drawn in `tier`: without colour (`none`), a theme that uses colours draws as
    /// `mono` (bold, reverse, underline, dim only), so nothing asks the terminal for a colour.
    public func effective(in tier: ColorTier) -> Theme {
        (tier == .none && usesColor) ? Theme.mono : self
    }
}
