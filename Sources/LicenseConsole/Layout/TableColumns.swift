/// The device table's columns for one terminal width, laid out by constraints (ratatui-style)
/// and recomputed for every frame:
///
/// - the selection mark, IMEI, MDN, FOTA eligibility and licence keep their width;
/// - make, model, firmware and the last outcome have a minimum, grow in turn towards what
///   their widest text needs, and the last outcome takes whatever is left;
/// - below 100 columns the FOTA eligibility column is left out; when the minimums still do
///   not fit, the MDN goes next, then the outcome, firmware, model, make and licence.
///
/// One blank column separates neighbours. Text cut to its column ends with `…`.
public struct TableColumns: Equatable, Sendable {
    public struct Column: Equatable, Sendable {
        public var kind: TableColumnKind
        public var x: Int
        public var width: Int
    }

    /// The selection mark (`[x]`) at the left of every row.
    public let mark: (x: Int, width: Int) = (0, 3)
    /// The columns on screen, left to right.
    public let shown: [Column]

    /// Below this width the FOTA eligibility column is left out.
    public static let eligibleFromWidth = 100
    /// Width of the outcome words before the reason.
    public static let outcomeWordsWidth = 16
    /// Who leaves first when the minimums do not fit.
    static let dropOrder: [TableColumnKind] = [.eligible, .mdn, .outcome, .firmware, .model, .make, .licence]

    public init(width: Int, columns chosen: [TableColumnKind] = TableColumnKind.standard,
                content: ColumnContentWidths = ColumnContentWidths()) {
        var kinds = chosen
        if width < TableColumns.eligibleFromWidth { kinds.removeAll { $0 == .eligible } }
        func needed(_ kinds: [TableColumnKind]) -> Int {
            4 + kinds.reduce(0) { $0 + TableColumns.limits($1, content).min } + max(0, kinds.count - 1)
        }
        while needed(kinds) > width, let victim = TableColumns.dropOrder.first(where: kinds.contains) {
            kinds.removeAll { $0 == victim }
        }
        var widths = kinds.map { TableColumns.limits($0, content).min }
        var extra = max(0, width - needed(kinds))
        // Grow make, model, firmware and outcome in turn towards what their text needs.
        var growing = true
        while extra > 0 && growing {
            growing = false
            for (n, kind) in kinds.enumerated() where extra > 0 && widths[n] < TableColumns.limits(kind, content).preferred {
                widths[n] += 1
                extra -= 1
                growing = true
            }
        }
        // The outcome's reason takes the rest.
        if let n = kinds.firstIndex(of: .outcome) { widths[n] += extra }
        var x = mark.width + 1
        var columns: [Column] = []
        for (n, kind) in kinds.enumerated() {
            columns.append(Column(kind: kind, x: x, width: widths[n]))
            x += widths[n] + 1
        }
        shown = columns
    }

    /// The smallest width and the width the text needs (fixed columns: both the same).
    static func limits(_ kind: TableColumnKind, _ content: ColumnContentWidths) -> (min: Int, preferred: Int) {
        func between(_ value: Int, _ low: Int, _ high: Int) -> Int { min(high, max(low, value)) }
        switch kind {
        case .imei: return (15, 15)
        case .mdn: return (10, 10)
        case .eligible: return (4, 4)
        case .licence: return (3, 3)
        case .make: return (6, between(content.make, 6, 24))
        case .model: return (6, between(content.model, 6, 24))
        case .firmware: return (8, between(content.firmware, 8, 32))
        case .outcome: return (9, outcomeWordsWidth)
        }
    }

    /// The column of `kind`, nil when it is not on screen.
    public subscript(kind: TableColumnKind) -> Column? { shown.first { $0.kind == kind } }

    /// The licence column (width 0 when it is not on screen).
    public var licence: Column { self[.licence] ?? Column(kind: .licence, x: 0, width: 0) }

    public static func == (a: TableColumns, b: TableColumns) -> Bool { a.shown == b.shown }
}
