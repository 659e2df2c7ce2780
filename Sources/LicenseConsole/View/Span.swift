import Drawing

/// A run of text in one role; a line of a dialog or the help is a list of spans.
struct Span: Sendable, Equatable {
    var text: String
    var role: Role
    init(_ text: String, _ role: Role) {
        self.text = text
        self.role = role
    }
}

extension CellGrid {
    /// Writes spans one after another from (x, y), clipped to `maxWidth` columns.
    /// Returns the column after the last one written.
    @discardableResult
    mutating func put(_ spans: [Span], x: Int, y: Int, maxWidth: Int) -> Int {
        var col = x
        let limit = x + maxWidth
        for span in spans where col < limit {
            col = put(span.text, x: col, y: y, role: span.role, maxWidth: limit - col)
        }
        return col
    }
}

extension Array where Element == Span {
    var width: Int { reduce(0) { $0 + $1.text.displayWidth } }
}

/// Wraps a line of spans to `width` columns at spaces, keeping each span's role. Runs of
/// spaces become one; text with no space between spans stays joined.
func wrapSpans(_ spans: [Span], width: Int) -> [[Span]] {
    guard width > 0 else { return [] }
    var words: [(text: String, role: Role, spaced: Bool)] = []
    var pendingSpace = false
    for span in spans {
        var word = ""
        for ch in span.text {
            if ch == " " {
                if !word.isEmpty { words.append((word, span.role, pendingSpace)); word = "" }
                pendingSpace = true
            } else {
                word.append(ch)
            }
        }
        if !word.isEmpty { words.append((word, span.role, pendingSpace)); pendingSpace = false }
    }
    var lines: [[Span]] = []
    var line: [Span] = []
    var used = 0
    for (text, role, spaced) in words {
        var w = text
        let gap = (used > 0 && spaced) ? 1 : 0
        if used > 0 && used + gap + w.displayWidth > width {
            lines.append(line)
            line = []
            used = 0
        } else if gap == 1 {
            line.append(Span(" ", role))
            used += 1
        }
        while used == 0 && w.displayWidth > width {
            lines.append([Span(String(w.prefix(width)), role)])
            w = String(w.dropFirst(width))
        }
        line.append(Span(w, role))
        used += w.displayWidth
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
}
