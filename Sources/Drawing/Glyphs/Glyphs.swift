/// The characters views draw for lines, gauges and separators, one set per `DisplayCharset`.
/// Every glyph is one column wide; the ASCII set is printable ASCII only, and each gauge segment
/// has its own glyph, so meaning never rests on colour alone.
public struct Glyphs: Sendable, Equatable {
    // Boxes and rules
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    // The licence gauge: used, what a remove would free, what an assign would use, free, and
    // the end mark when the selection needs more than the free licences.
    public var gaugeUsed: Character
    public var gaugeFreeing: Character
    public var gaugeAssigning: Character
    public var gaugeFree: Character
    public var gaugeOver: Character
    // The run's progress bar
    public var progressDone: Character
    public var progressTodo: Character
    /// Between items of a line (`3 selected · assign needs 1`).
    public var separator: Character
    /// Scrolling hints.
    public var up: Character
    public var down: Character
    /// Between two thoughts in a status line.
    public var dash: Character

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        gaugeUsed: "█", gaugeFreeing: "▒", gaugeAssigning: "▓", gaugeFree: "░", gaugeOver: "!",
        progressDone: "█", progressTodo: "░", separator: "·", up: "↑", down: "↓", dash: "—")

    /// `#` used, `-` what a remove would free, `+` what an assign would use, `.` free, `!` over.
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        gaugeUsed: "#", gaugeFreeing: "-", gaugeAssigning: "+", gaugeFree: ".", gaugeOver: "!",
        progressDone: "#", progressTodo: ".", separator: "-", up: "^", down: "v", dash: "-")

    public static func `for`(_ charset: DisplayCharset) -> Glyphs {
        charset == .ascii ? .ascii : .unicode
    }

    /// `" · "` with this set's separator.
    public var sep: String { " \(separator) " }
}
