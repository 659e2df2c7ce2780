import Drawing
import ThingSpaceAPI

/// The device table: header and the rows on screen.
enum PickerView {
    static func draw(_ state: ConsoleState, _ layout: ScreenLayout, into grid: inout CellGrid) {
        let cols = layout.columns
        let hy = layout.tableHeaderY
        grid.fill(x: 0, y: hy, width: layout.width, height: 1, role: .tableHeader)
        func title(_ text: String, _ c: TableColumns.Column) {
            if c.width > 0 { grid.put(text, x: c.x, y: hy, role: .tableHeader, maxWidth: c.width) }
        }
        title("SEL", cols.mark)
        title("IMEI", cols.imei)
        title("MDN", cols.mdn)
        title("MAKE / MODEL", cols.makeModel)
        title("FIRMWARE", cols.firmware)
        title("LIC", cols.licence)
        title(cols.outcome.width >= 30 ? "LAST OUTCOME / REASON" : "OUTCOME", cols.outcome)

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

    static func drawRow(_ store: DeviceStore, _ i: Int, isCursor: Bool, y: Int, _ layout: ScreenLayout,
                        charset: TextCharset = .utf8, into grid: inout CellGrid) {
        let cols = layout.columns
        let selected = store.isSelected(i)
        let base: Role = isCursor ? (selected ? .rowCursorSelected : .rowCursor) : (selected ? .rowSelected : .row)
        grid.fill(x: 0, y: y, width: layout.width, height: 1, role: base)
        // Server text: sanitised and cut by display width, with `…` when it does not fit.
        func cell(_ text: String, _ c: TableColumns.Column, _ role: Role? = nil) {
            guard c.width > 0 else { return }
            grid.put(TextWidth.truncate(text, to: c.width, charset: charset), x: c.x, y: y, role: isCursor ? base : (role ?? base), maxWidth: c.width)
        }
        cell(selected ? "[x]" : "[ ]", cols.mark)
        cell(store.deviceId(i), cols.imei)
        cell(store.mdn(i), cols.mdn)
        cell(store.makeModel(i), cols.makeModel)
        cell(store.firmware(i), cols.firmware)
        let licensed = store.isLicensed(i)
        cell(licensed ? "yes" : "no", cols.licence, licensed ? .licensed : .unlicensed)

        let last = store.lastOutcome(i)
        guard last != .none, cols.outcome.width > 0 else { return }
        let words = last.words
        let wordsWidth = min(cols.outcome.width, TableColumns.outcomeWordsWidth)
        grid.put(words, x: cols.outcome.x, y: y, role: isCursor ? base : outcomeRole(last), maxWidth: wordsWidth)
        let reason = store.reason(i)
        let reasonX = cols.outcome.x + wordsWidth + 1
        let reasonWidth = cols.outcome.x + cols.outcome.width - reasonX
        if !reason.isEmpty && reasonWidth > 0 {
            grid.put(TextWidth.truncate(reason, to: reasonWidth, charset: charset), x: reasonX, y: y, role: base, maxWidth: reasonWidth)
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
        } else if state.picker.licence != .all && state.picker.query.isEmpty {
            text = "No \(state.picker.licence.rawValue) devices (\(keys.keyName(.cycleLicence)) changes the licence filter)."
        } else {
            text = "No device matches the filter (\(keys.keyName(.filter)) then \(keys.keyName(.filterClear)) clears it; \(keys.keyName(.cycleLicence)) changes the licence filter)."
        }
        grid.put(text, x: 2, y: layout.tableY + min(1, layout.tableHeight - 1), role: .dim, maxWidth: layout.width - 2)
    }
}
