import Foundation
import Drawing

/// The `?` overlay, generated from the action registry.
enum HelpView {
    static let keysWidth = 16

    /// Every line of the help for a screen `screenWidth` wide, before scrolling. Long help
    /// texts wrap under themselves.
    static func lines(_ state: ConsoleState, screenWidth: Int) -> [[Span]] {
        let textWidth = max(10, screenWidth - 8 - keysWidth - 2)
        var out: [[Span]] = []
        for section in state.registry.helpSections(for: state) {
            if !out.isEmpty { out.append([]) }
            out.append([Span(section.title, .dialogTitle)])
            for line in section.lines {
                var text: [Span] = [Span(line.help, .dialog)]
                if let reason = line.disabled { text.append(Span(" (not now: \(reason))", .keyHintDisabled)) }
                for (n, wrapped) in wrapSpans(text, width: textWidth).enumerated() {
                    let keys = n == 0 ? Format.fit("  " + line.keys, keysWidth) : String(repeating: " ", count: keysWidth)
                    let mark = n == 0 && line.dangerous ? "! " : "  "
                    out.append([Span(keys, .dialogKey), Span(mark, .dialogDanger)] + wrapped)
                }
            }
        }
        out.append([])
        out.append([Span("! changes licences on the account, always after a confirm dialog.", .dim)])
        return out
    }

    static func lineCount(_ state: ConsoleState) -> Int { lines(state, screenWidth: state.width).count }

    /// Rows of help text on screen at `height`.
    static func visibleRows(height: Int) -> Int { max(1, height - 5) }

    static func draw(_ state: ConsoleState, scroll: Int, into grid: inout CellGrid) {
        let x0 = 2, y0 = 1
        let width = grid.width - 4, height = grid.height - 2
        grid.fill(x: x0, y: y0, width: width, height: height, role: .dialog)
        DialogView.drawBorder(x: x0, y: y0, width: width, height: height, glyphs: state.glyphs, into: &grid)
        let all = lines(state, screenWidth: grid.width)
        let rows = visibleRows(height: grid.height)
        let start = min(max(0, scroll), max(0, all.count - rows))
        let g = state.glyphs, keys = state.registry
        let scrollKeys = "\(keys.keyName(.moveUp))\(keys.keyName(.moveDown)) \(keys.keyName(.pageUp)) \(keys.keyName(.pageDown))"
            .replacingOccurrences(of: "↑", with: String(g.up)).replacingOccurrences(of: "↓", with: String(g.down))
        let more = all.count > rows ? "  lines \(start + 1)-\(min(all.count, start + rows)) of \(all.count), \(scrollKeys) scroll" : ""
        let close = keys[.closeHelp].keys
        let closing = (close.filter { if case .char = $0 { return true } else { return false } }.prefix(1) + close.filter { $0 == .escape })
        let closeText = (closing.isEmpty ? Array(close.prefix(2)) : Array(closing)).map(\.description).joined(separator: " or ")
        grid.put(" Keys: \(closeText) closes\(more) ", x: x0 + 2, y: y0, role: .dialogTitle, maxWidth: width - 4)
        for (n, line) in all.dropFirst(start).prefix(rows).enumerated() {
            grid.put(line, x: x0 + 2, y: y0 + 2 + n, maxWidth: width - 4)
        }
    }
}
