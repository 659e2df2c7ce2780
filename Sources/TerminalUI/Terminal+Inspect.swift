import CNcurses
import Drawing

/// One cell as ncurses holds it (read back from its virtual screen), for tests and for
/// screen dumps.
public struct ScreenCell: Equatable, Sendable {
    public var char: Character
    /// Colour pair and its colours (-1 = terminal default; pair 0 = default pair).
    public var pair: Int16
    public var foreground: Int16
    public var background: Int16
    /// Bold, reverse, underline and dim as set on the cell.
    public var attributes: TextAttributes
}

extension Terminal {
    /// The cell at (x, y) of the ncurses screen, or nil outside it.
    public func screenCell(x: Int, y: Int) -> ScreenCell? {
        guard isStarted, let win = ts_stdscr() else { return nil }
        var wc: wchar_t = 0
        var attrs: attr_t = 0
        var pair: Int16 = 0
        guard ts_read_cell(win, Int32(y), Int32(x), &wc, &attrs, &pair) == OK else { return nil }
        var fg: Int16 = -1, bg: Int16 = -1
        if hasColors { pair_content(pair, &fg, &bg) }
        var result = TextAttributes()
        if attrs & ts_A_BOLD() != 0 { result.insert(.bold) }
        if attrs & ts_A_REVERSE() != 0 { result.insert(.reverse) }
        if attrs & ts_A_UNDERLINE() != 0 { result.insert(.underline) }
        if attrs & ts_A_DIM() != 0 { result.insert(.dim) }
        let scalar = Unicode.Scalar(UInt32(bitPattern: wc)) ?? " "
        return ScreenCell(char: Character(scalar), pair: pair, foreground: fg, background: bg, attributes: result)
    }

    /// Row `y` of the ncurses screen as text (a screen dump line, tig-style).
    public func screenLine(_ y: Int) -> String {
        let width = size.width
        return String((0..<width).map { screenCell(x: $0, y: y)?.char ?? " " })
    }
}
