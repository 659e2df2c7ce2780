/// A frame: width x height cells, built by a view, drawn by the terminal layer, compared
/// by tests as text plus a role map. Text is written in its display form (`TextWidth.display`):
/// server text is sanitised on the way in, and a wide character takes two cells (the second a
/// continuation cell), so `put` advances exactly `TextWidth.of(text)` columns.
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// A cell. Setting one half of a wide character blanks the other half.
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            store(newValue, x: x, y: y)
        }
    }

    /// Writes `text` at (x, y) in `role`, clipped to the grid and to `maxWidth` columns: a wide
    /// character that would not fit whole is not written. The text is sanitised and written in
    /// its display form (`TextWidth.display`). Returns the column after the last character written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        var col = x
        for ch in TextSanitizer.clean(text) {
            let cell = DisplayWidth.cell(for: ch)
            if col + cell.width > limit { break }
            if col >= 0 {
                store(Cell(cell.char, role), x: col, y: y)
                if cell.width == 2 { store(.continuation(role), x: col + 1, y: y) }
            } else if col + cell.width > 0 {
                store(Cell(" ", role), x: 0, y: y)     // the right half of a character cut by the left edge
            }
            col += cell.width
        }
        return col
    }

    /// Fills a rectangle with `char` (a one-column character) in `role`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, char: Character = " ", role: Role) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            for col in x0..<x1 { store(Cell(char, role), x: col, y: row) }
        }
    }

    /// Sets the role of a span without changing its characters (both halves of a wide
    /// character the span touches).
    public mutating func setRole(_ role: Role, x: Int, y: Int, width w: Int) {
        guard y >= 0, y < height else { return }
        let x0 = max(0, x), x1 = min(width, x + max(0, w))
        guard x0 < x1 else { return }
        for col in x0..<x1 { cells[y * width + col].role = role }
        if cells[y * width + x0].isContinuation, x0 > 0 { cells[y * width + x0 - 1].role = role }
        if x1 < width, cells[y * width + x1].isContinuation { cells[y * width + x1].role = role }
    }

    /// The rows as plain text (trailing spaces kept, a wide character once), for snapshot tests.
    public var lines: [String] {
        (0..<height).map { y in
            String(cells[(y * width)..<((y + 1) * width)].filter { !$0.isContinuation }.map(\.char))
        }
    }

    /// Stores one cell; a wide character whose other half this overwrites becomes a blank.
    private mutating func store(_ cell: Cell, x: Int, y: Int) {
        let i = y * width + x
        if cells[i].isContinuation, x > 0, !cells[i - 1].isContinuation {
            cells[i - 1] = Cell(" ", cells[i - 1].role)
        }
        if x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(" ", cells[i + 1].role)
        }
        cells[i] = cell
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
