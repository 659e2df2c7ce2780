/// A mouse report as the console sees it, independent of ncurses: what happened and where
/// (0-based screen cell).
public struct MouseEvent: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The first (left) button was clicked (reported when it is released).
        case click
        /// The wheel turned up (away from the user).
        case wheelUp
        /// The wheel turned down.
        case wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }

    public var description: String {
        switch kind {
        case .click: return "click at \(x),\(y)"
        case .wheelUp: return "wheel up at \(x),\(y)"
        case .wheelDown: return "wheel down at \(x),\(y)"
        }
    }
}
