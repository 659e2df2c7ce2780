/// One screen cell: a character and its semantic role.
public struct Cell: Equatable, Sendable {
    public var char: Character
    public var role: Role
    public init(_ char: Character = " ", _ role: Role = .normal) {
        self.char = char
        self.role = role
    }
    public static let blank = Cell()
}
