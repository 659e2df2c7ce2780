/// A frame: width x height cells, built by a view, drawn by the terminal layer, compared
/// by tests as text plus a role map. Every character occupies one column (views keep to
/// single-width text; `TextWidth` measures text the same way).
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` at (x, y) in `role`, clipped to the grid and to `maxWidth` columns.
    /// Returns the column after the last character written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        var col = x
        for ch in text {
            if col >= limit { break }
            if col >= 0 { cells[y * width + col] = Cell(ch, role) }
            col += 1
        }
        return col
    }

    /// Fills a rectangle with `char` in `role`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, char: Character = " ", role: Role) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            for col in x0..<x1 { cells[row * width + col] = Cell(char, role) }
        }
    }

    /// Sets the role of a span without changing its characters.
    public mutating func setRole(_ role: Role, x: Int, y: Int, width w: Int) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + max(0, w)) { cells[y * width + col].role = role }
    }

    /// The rows as plain text (trailing spaces kept), for snapshot tests.
    public var lines: [String] {
        (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].map(\.char)) }
    }

    public var text: String { lines.joined(separator: "\n") }

    /// The role of every cell, one character per cell from `legend`, for snapshot tests.
    public func roleMap(legend: [Role: Character]) -> String {
        (0..<height).map { y in
            String((0..<width).map { x in legend[self[x, y].role] ?? "?" })
        }.joined(separator: "\n")
    }

    /// Finds the first row containing `needle`, for tests.
    public func row(containing needle: String) -> Int? {
        lines.firstIndex { $0.contains(needle) }
    }
}
