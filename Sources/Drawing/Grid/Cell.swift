/// One screen cell: a character and its semantic role.
///
/// A wide character (two columns, see `DisplayWidth`) takes two cells: the first holds the
/// character, the second is a *continuation* cell that holds nothing of its own and is drawn
/// by the first. `CellGrid` keeps the pair together: overwriting either half blanks the other.
public struct Cell: Equatable, Sendable {
    public var char: Character
    public var role: Role
    /// True for the right half of a wide character.
    public var isContinuation: Bool

    public init(_ char: Character = " ", _ role: Role = .normal) {
        self.char = char
        self.role = role
        isContinuation = false
    }

    /// The right half of a wide character drawn in `role`.
    public static func continuation(_ role: Role) -> Cell {
        var cell = Cell(" ", role)
        cell.isContinuation = true
        return cell
    }

    public static let blank = Cell()
}
