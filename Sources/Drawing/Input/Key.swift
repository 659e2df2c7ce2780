/// A key press as the console sees it, independent of ncurses.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)      // printable, including space
    case ctrl(Character)      // ctrl + a lowercase letter, e.g. .ctrl("c")
    case enter
    case escape
    case backspace
    case tab
    case backTab
    case delete
    case up, down, left, right
    case pageUp, pageDown
    case home, end
    case function(Int)

    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .delete: return "Del"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .function(let n): return "F\(n)"
        }
    }
}
