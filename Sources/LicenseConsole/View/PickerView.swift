import Drawing
import ThingSpaceAPI

/// The device table: header and the rows on screen.
enum PickerView {
    static func draw(_ state: ConsoleState, _ layout: ScreenLayout, into grid: inout CellGrid) {
        drawHeader(state, layout, into: &grid)
        let store = state.store
        let shown = state.shownCount
        let height = layout.tableHeight
        guard shown > 0 else {
            drawEmpty(state, layout, into: &grid)
            return
        }
        let cursor = min(state.picker.cursor, shown - 1)
        // The state's scroll was computed for its own size; keep the cursor visible here too.
        var top = min(state.picker.top, max(0, shown - height))
        if cursor < top { top = cursor }
        if cursor >= top + height { top = cursor - height + 1 }

        for row in 0..<height {
            let position = top + row
            guard position < shown else { break }
            let i = state.picker.storeIndex(at: position, in: store)
            drawRow(store, i, isCursor: position == cursor, y: layout.tableY + row, layout,
                    charset: state.context.charset, into: &grid)
        }
    }

    /// Column titles; the sort column carries an arrow (up ascending, down descending).
    static func drawHeader(_ state: ConsoleState, _ layout: ScreenLayout, into grid: inout CellGrid) {
        let hy = layout.tableHeaderY
        grid.fill(x: 0, y: hy, width: layout.width, height: 1, role: .tableHeader)
        grid.put("SEL", x: layout.columns.mark.x, y: hy, role: .tableHeader, maxWidth: layout.columns.mark.width)
        let sort = state.picker.sort
        for c in layout.columns.shown {
            var title = c.kind.title
            if c.kind == .outcome && c.width >= 30 { title = "LAST OUTCOME / REASON" }
            var x = grid.put(title, x: c.x, y: hy, role: .tableHeader, maxWidth: c.width)
            if sort.column == c.kind {
                // The arrow may use the blank column after the title.
                x = min(x, c.x + c.width)
                let arrow = sort.descending ? state.glyphs.down : state.glyphs.up
                if x < layout.width { grid.put(String(arrow), x: x, y: hy, role: .tableHeader) }
            }
        }
    }

    static func drawRow(_ store: DeviceStore, _ i: Int, isCursor: Bool, y: Int, _ layout: ScreenLayout,
                        charset: TextCharset = .utf8, into grid: inout CellGrid) {
        let cols = layout.columns
        let selected = store.isSelected(i)
        let base: Role = isCursor ? (selected ? .rowCursorSelected : .rowCursor) : (selected ? .rowSelected : .row)
        grid.fill(x: 0, y: y, width: layout.width, height: 1, role: base)
        // Server text: sanitised and cut by display width, with `…` when it does not fit.
        func cell(_ text: String, x: Int, width: Int, _ role: Role? = nil) {
            guard width > 0, !text.isEmpty else { return }
            grid.put(TextWidth.truncate(text, to: width, charset: charset), x: x, y: y, role: isCursor ? base : (role ?? base), maxWidth: width)
        }
        cell(selected ? "[x]" : "[ ]", x: cols.mark.x, width: cols.mark.width)
        for c in cols.shown {
            switch c.kind {
            case .imei: cell(store.deviceId(i), x: c.x, width: c.width)
            case .mdn: cell(store.mdn(i), x: c.x, width: c.width)
            case .make: cell(store.make(i), x: c.x, width: c.width)
            case .model: cell(store.model(i), x: c.x, width: c.width)
            case .firmware: cell(store.firmware(i), x: c.x, width: c.width)
            case .eligible:
                let eligible = store.isFotaEligible(i)
                cell(eligible ? "yes" : "no", x: c.x, width: c.width, eligible ? nil : .statusWarn)
            case .licence:
                let licensed = store.isLicensed(i)
                cell(licensed ? "yes" : "no", x: c.x, width: c.width, licensed ? .licensed : .unlicensed)
            case .outcome:
                let last = store.lastOutcome(i)
                guard last != .none else { continue }
                let wordsWidth = min(c.width, TableColumns.outcomeWordsWidth)
                cell(last.words, x: c.x, width: wordsWidth, outcomeRole(last))
                let reasonX = c.x + wordsWidth + 1
                cell(store.reason(i), x: reasonX, width: c.x + c.width - reasonX)
            }
        }
    }

    static func outcomeRole(_ last: LastOutcome) -> Role {
        switch last {
        case .none: return .row
        case .pending: return .statusPending
        case .done(let outcome, _): return outcomeRole(outcome)
        }
    }

    static func outcomeRole(_ outcome: DeviceOutcome) -> Role {
        switch outcome {
        case .success, .alreadyLicensed, .notLicensed: return .statusOk
        case .failed: return .statusFailed
        case .unknown: return .statusWarn
        case .skipped: return .statusSkipped
        }
    }

    static func drawEmpty(_ state: ConsoleState, _ layout: ScreenLayout, into grid: inout CellGrid) {
        let text: String
        let keys = state.registry
        if state.store.count == 0 {
            if state.load.error != nil { text = "Loading devices failed; \(keys.keyName(.refresh)) tries again." }
            else if state.load.done { text = "The account has no devices." }
            else { text = "Loading devices..." }
        } else if state.picker.outcome != .all && state.picker.licence == .all && state.picker.query.isEmpty {
            text = "No \(state.picker.outcome.words) devices (\(keys.keyName(.cycleOutcome)) changes the outcome view)."
        } else if state.picker.licence != .all && state.picker.outcome == .all && state.picker.query.isEmpty {
            text = "No \(state.picker.licence.rawValue) devices (\(keys.keyName(.cycleLicence)) changes the licence filter)."
        } else {
            let outcome = state.picker.outcome == .all ? "" : "; \(keys.keyName(.cycleOutcome)) changes the outcome view"
            text = "No device matches the filter (\(keys.keyName(.filter)) then \(keys.keyName(.filterClear)) clears it; \(keys.keyName(.cycleLicence)) changes the licence filter\(outcome))."
        }
        grid.put(text, x: 2, y: layout.tableY + min(1, layout.tableHeight - 1), role: .dim, maxWidth: layout.width - 2)
    }
}
