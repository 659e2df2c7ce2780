extension Key {
    /// Reads a key as a keymap file names it: a single printable character (`"a"`, `"A"`, `"/"`),
    /// or a name, any case: `Space`, `Enter`, `Esc`, `Tab`, `Shift-Tab`, `Backspace`, `Del`, `Up`,
    /// `Down`, `Left`, `Right`, `PgUp`, `PgDn`, `Home`, `End`, `F1`-`F12`, `Ctrl-x` (or `C-x`).
    /// Nil for anything else.
    public init?(name: String) {
        if name.count == 1, let c = name.first, c.isASCII, let v = c.asciiValue, v > 0x20, v < 0x7F {
            self = .char(c)
            return
        }
        let lower = name.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let c = rest.first, c.isASCII, c.isLetter else { return nil }
            self = .ctrl(c)
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) {
            self = .function(n)
            return
        }
        guard let key = Key.named[lower] else { return nil }
        self = key
    }

    static let named: [String: Key] = [
        "space": .char(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
        "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace,
        "del": .delete, "delete": .delete, "up": .up, "down": .down, "left": .left, "right": .right,
        "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
        "home": .home, "end": .end,
    ]

    /// How a keymap file writes this key (`Key(name:)` reads it back).
    public var configName: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c)"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        default: return description
        }
    }
}
