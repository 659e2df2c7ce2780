/// How many colours the console uses on this terminal. `none` sends no colour at all: the
/// terminal's own colours with bold, reverse and underline (`NO_COLOR`, `TERM=vt100`).
public enum ColorTier: String, Sendable, CaseIterable, Comparable {
    case none
    case ansi8 = "8"
    case ansi16 = "16"
    case palette256 = "256"
    case truecolor

    private var rank: Int { ColorTier.allCases.firstIndex(of: self)! }
    public static func < (a: ColorTier, b: ColorTier) -> Bool { a.rank < b.rank }

    /// The tier a terminal description supports: its colour count (`colors`, 0 or -1 without
    /// colour) and whether it is a direct-colour entry (the `RGB` capability). `COLORTERM=truecolor`
    /// alone does not give truecolor: ncurses can only send 24-bit colour through such an entry.
    public static func supported(terminfoColors: Int, terminfoHasRGB: Bool) -> ColorTier {
        if terminfoColors >= 256 && terminfoHasRGB { return .truecolor }
        if terminfoColors >= 256 { return .palette256 }
        if terminfoColors >= 16 { return .ansi16 }
        if terminfoColors >= 8 { return .ansi8 }
        return .none
    }

    /// The tier to use: `NO_COLOR` (any non-empty value) means none unless `--colors` names a
    /// tier; `--colors` never goes above what the terminal can show, except that it may ask
    /// for less.
    public static func choose(_ choice: ColorChoice, supported: ColorTier, environment: [String: String]) -> ColorTier {
        switch choice {
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
            return supported
        case .tier(let wanted):
            return min(wanted, supported)
        }
    }
}

/// `--colors auto|none|8|16|256|truecolor`.
public enum ColorChoice: Sendable, Equatable, CustomStringConvertible {
    case auto
    case tier(ColorTier)

    public init?(argument: String) {
        let text = argument.lowercased()
        if text == "auto" { self = .auto; return }
        if text == "24bit" || text == "direct" { self = .tier(.truecolor); return }
        guard let tier = ColorTier(rawValue: text) else { return nil }
        self = .tier(tier)
    }

    public static let argumentNames = ["auto", "none", "8", "16", "256", "truecolor"]

    public var description: String {
        switch self {
        case .auto: return "auto"
        case .tier(let t): return t.rawValue
        }
    }
}
