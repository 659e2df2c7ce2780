import Drawing
import Testing
@testable import TerminalUI

/// Every test that touches ncurses, setlocale or process signal dispositions lives under this
/// suite: they are process-global, so these tests run one at a time (the nested suites
/// inherit `.serialized`), while the pure suites run in parallel.
@Suite(.serialized) @MainActor struct NcursesTests {}

/// Starts a terminal on a fresh pseudo-terminal, runs `body`, and always stops the terminal
/// and closes both ends, even when `body` throws.
@MainActor
func withTerminal(width: Int = 100, height: Int = 30, term: String = "xterm-256color",
                  locale: String = "C.UTF-8", asciiOnly: Bool = false,
                  environment: [String: String] = [:], colors: ColorChoice = .auto, mouse: Bool = false,
                  _ body: (Terminal, PseudoTerminal) throws -> Void) throws {
    let pty = try PseudoTerminal(width: width, height: height)
    defer { pty.close() }
    let terminal = Terminal(inputFD: pty.slave, outputFD: pty.slave, term: term, locale: locale,
                            asciiOnly: asciiOnly, environment: environment, colors: colors, mouse: mouse)
    try terminal.start()
    defer { terminal.stop() }
    _ = pty.drain()
    try body(terminal, pty)
}

/// A console-like frame: header bar, table header, `rows` device rows with the cursor on
/// `cursor`, a border column and a key bar.
func sampleGrid(width: Int, height: Int, cursor: Int) -> CellGrid {
    var grid = CellGrid(width: width, height: height)
    grid.fill(x: 0, y: 0, width: width, height: 1, role: .header)
    grid.put(" tslicense  ", x: 0, y: 0, role: .header)
    grid.put("ACME Fleet @ api.example", x: 12, y: 0, role: .headerAccount)
    grid.put(" IMEI             State       Licence", x: 0, y: 1, role: .tableHeader)
    for row in 0..<(height - 4) {
        let y = row + 2
        let imei = String(356938035643809 + row * 7)
        grid.put(" \(imei)  ", x: 0, y: y, role: .row)
        grid.put(row % 3 == 0 ? "licensed" : "unlicensed", x: 18, y: y, role: row % 3 == 0 ? .licensed : .unlicensed)
        grid.put(row % 5 == 0 ? "✗ failed" : "✓ ok", x: 32, y: y, role: row % 5 == 0 ? .statusFailed : .statusOk)
        grid.put("│", x: width - 1, y: y, role: .border)
        if row == cursor { grid.setRole(.rowCursor, x: 0, y: y, width: width - 1) }
    }
    var x = 0
    for (key, label) in [("Enter", "assign"), ("Space", "select"), ("/", "filter"), ("q", "quit")] {
        x = grid.put(key, x: x, y: height - 1, role: .keyHintKey)
        x = grid.put(" \(label)  ", x: x, y: height - 1, role: .keyHint)
    }
    return grid
}
