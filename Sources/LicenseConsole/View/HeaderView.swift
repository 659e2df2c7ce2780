import Drawing
import ThingSpaceAPI

/// The four header rows: title, licence gauge, selection, list line.
enum HeaderView {
    static func draw(_ state: ConsoleState, _ layout: ScreenLayout, into grid: inout CellGrid) {
        drawTitle(state, layout, into: &grid)
        drawGauge(state, layout, into: &grid)
        drawSelection(state, layout, into: &grid)
        drawListInfo(state, layout, into: &grid)
    }

    // MARK: Title: where actions go

    static func drawTitle(_ state: ConsoleState, _ layout: ScreenLayout, into grid: inout CellGrid) {
        let y = layout.titleY
        grid.fill(x: 0, y: y, width: layout.width, height: 1, role: .header)
        var right: [Span] = [Span("API \(state.context.apiVersion) ", .header)]
        if state.context.readonly { right.insert(Span("READ-ONLY ", .statusWarn), at: 0) }
        let rightX = layout.width - right.width
        let badge = [Span(" PRODUCTION ", .productionBadge)]
        var spans: [Span] = [
            Span(" tslicense  ", .title),
            Span("account ", .header),
            Span(state.context.account, .headerAccount),
            Span(" @ ", .header),
            Span(state.context.host, .headerAccount),
        ]
        // Narrow: the words go first, account and host stay.
        if spans.width + right.width + 1 + (state.context.production ? badge.width : 0) > layout.width {
            spans.removeFirst(2)
            spans.insert(Span(" ", .header), at: 0)
        }
        // A production account says so in words, whatever the colours.
        if state.context.production { spans.insert(contentsOf: badge, at: 0) }
        // Account and host win over the right side when space is short.
        let leftWidth = spans.width
        grid.put(spans, x: 0, y: y, maxWidth: layout.width)
        if rightX > leftWidth + 1 { grid.put(right, x: rightX, y: y, maxWidth: layout.width - rightX) }
    }

    // MARK: Gauge

    static func usedRole(_ counts: LicenseCounts, _ context: ConsoleContext) -> Role {
        guard counts.total > 0 else { return counts.used > 0 ? .gaugeCritical : .gaugeUsed }
        let fraction = Double(counts.used) / Double(counts.total)
        if fraction >= context.criticalFraction { return .gaugeCritical }
        if fraction >= context.warningFraction { return .gaugeWarning }
        return .gaugeUsed
    }

    static func drawGauge(_ state: ConsoleState, _ layout: ScreenLayout, into grid: inout CellGrid) {
        let y = layout.gaugeY
        guard let counts = state.counts else {
            grid.put([Span("Licences ", .normal), Span("reading counts...", .dim)], x: 0, y: y, maxWidth: layout.width)
            return
        }
        if state.billing == .event {
            // No gauge: licences do not limit an event-based account.
            grid.put([Span("Licences ", .normal), Span("not needed: event-based account (TS-HFOTA-EVNT), upgrades are billed per event", .statusWarn),
                      Span("  \(Format.count(counts.used)) / \(Format.count(counts.total)) assigned", .dim)],
                     x: 0, y: y, maxWidth: layout.width)
            return
        }
        let role = usedRole(counts, state.context)
        let numbers = "\(Format.count(counts.used)) / \(Format.count(counts.total))"
        let pct = Format.percent(counts.used, of: counts.total)
        let read = state.countsReadAt.map { Format.clock($0, timeZone: state.context.timeZone) }
        var tail: [Span] = [Span("] ", .normal), Span(numbers, role), Span(" used  ", .normal), Span(pct, role),
                            Span("  free \(Format.count(counts.free))", .normal)]
        if let read { tail.append(Span("  read \(read)", .dim)) }
        if !state.countsCurrent { tail.append(Span(" (not current)", .statusWarn)) }
        var label = "Licences ["
        var barWidth = min(60, layout.width - label.displayWidth - tail.width - 1)
        if barWidth < 10 {
            // Compact: every number stays, the words go.
            label = "Lic ["
            tail = [Span("] ", .normal), Span(numbers, role), Span(" ", .normal), Span(pct, role),
                    Span(" free \(Format.count(counts.free))", .normal)]
            if let read { tail.append(Span(" \(read)", .dim)) }
            if !state.countsCurrent { tail.append(Span(" (old)", .statusWarn)) }
            barWidth = max(6, min(60, layout.width - label.displayWidth - tail.width - 1))
        }
        var x = grid.put(label, x: 0, y: y, role: .normal)
        x = drawBar(state, counts, usedRole: role, x: x, y: y, width: barWidth, into: &grid)
        grid.put(tail, x: x, y: y, maxWidth: layout.width - x)
    }

    /// Cells of `part` out of `whole` in a bar of `width`; at least one for a non-zero part.
    static func cells(_ part: Int, of whole: Int, width: Int) -> Int {
        guard whole > 0, part > 0 else { return 0 }
        return min(width, max(1, Int((Double(part) * Double(width) / Double(whole)).rounded())))
    }

    /// `#` used (the last `-` cells would be freed by removing the selection), `+` the
    /// selection an assign would use, `.` free, `!` at the end when the selection needs more
    /// than the free licences.
    static func drawBar(_ state: ConsoleState, _ counts: LicenseCounts, usedRole: Role, x: Int, y: Int, width: Int,
                        into grid: inout CellGrid) -> Int {
        let g = state.glyphs
        let total = max(counts.total, counts.used)
        let usedEnd = cells(counts.used, of: total, width: width)
        let freeing = min(state.store.selectedLicensedCount, counts.used)
        // Keep at least one `#` while some used licences would stay used.
        let freed = max(0, min(usedEnd - (counts.used > freeing ? 1 : 0), cells(freeing, of: total, width: width)))
        let needing = state.store.selectedUnlicensedCount
        let over = RunForecast.excess(needing: needing, counts: counts) > 0
        let assignEnd = min(width, usedEnd + cells(min(needing, counts.free), of: total, width: width))
        for col in 0..<width {
            let cell: (Character, Role)
            if over && col == width - 1 {
                cell = (g.gaugeOver, .gaugeOver)
            } else if col < usedEnd - freed {
                cell = (g.gaugeUsed, usedRole)
            } else if col < usedEnd {
                cell = (g.gaugeFreeing, .gaugeSelected)
            } else if col < assignEnd {
                cell = (g.gaugeAssigning, .gaugeSelected)
            } else {
                cell = (g.gaugeFree, .gaugeFree)
            }
            grid.put(String(cell.0), x: x + col, y: y, role: cell.1)
        }
        return x + width
    }

    // MARK: Selection

    static func drawSelection(_ state: ConsoleState, _ layout: ScreenLayout, into grid: inout CellGrid) {
        let g = state.glyphs
        let store = state.store
        var spans: [Span] = [Span("\(Format.count(store.selectedCount)) selected", .title)]
        let needing = store.selectedUnlicensedCount
        if needing > 0 {
            spans.append(Span(" \(g.separator) assign needs \(Format.count(needing))", .gaugeSelected))
            if let counts = state.counts, case let excess = RunForecast.excess(needing: needing, counts: counts), excess > 0 {
                spans.append(Span(" (! \(Format.count(excess)) more than free)", .gaugeOver))
            }
        }
        if store.selectedLicensedCount > 0 {
            spans.append(Span(" \(g.separator) remove frees \(Format.count(store.selectedLicensedCount))", .gaugeSelected))
        }
        if !state.pendingFileSelect.isEmpty {
            spans.append(Span(" \(g.separator) \(Format.count(state.pendingFileSelect.count)) from file not loaded yet", .dim))
        }
        if store.selectedCount == 0 && state.pendingFileSelect.isEmpty {
            let keys = state.registry
            spans.append(Span("\(g.sep)\(keys.keyName(.toggle)) selects, \(keys.keyName(.selectShown)) selects all shown, \(keys.keyName(.loadFile)) reads a file", .dim))
        }
        grid.put(spans, x: 0, y: layout.selectionY, maxWidth: layout.width)
    }

    // MARK: List line

    static func drawListInfo(_ state: ConsoleState, _ layout: ScreenLayout, into grid: inout CellGrid) {
        let g = state.glyphs
        let picker = state.picker
        var spans: [Span] = []
        if picker.editingFilter {
            spans.append(Span("/" + picker.query + "_", .input))
            spans.append(Span("  ", .normal))
        } else if !picker.query.isEmpty {
            spans.append(Span("filter \"\(picker.query)\"  ", .keyHintKey))
        }
        if picker.licence != .all {
            spans.append(Span("\(picker.licence.rawValue) only  ", .keyHintKey))
        }
        if picker.outcome != .all {
            spans.append(Span("\(picker.outcome.words) only  ", .keyHintKey))
        }
        let shown = state.shownCount
        if shown > 0 {
            spans.append(Span("row \(Format.count(min(picker.cursor, shown - 1) + 1)) of \(Format.count(shown))", .normal))
        } else {
            spans.append(Span("none shown", .normal))
        }
        if let error = state.load.error {
            spans.append(Span(" \(g.separator) \(Format.count(state.store.count)) loaded, then loading failed"
                              + (error.code.map { " (\($0))" } ?? ""), .error))
        } else if state.load.isLoading, let retry = state.load.retry {
            spans.append(Span(" · loading \(Format.count(state.load.loaded)) / ? · \(retry.summary)", .statusPending))
        } else if state.load.isLoading {
            spans.append(Span(" \(g.separator) loading \(Format.count(state.load.loaded)) / ?", .statusPending))
        } else {
            spans.append(Span(" \(g.separator) \(Format.count(state.store.count, "device"))", .normal))
        }
        grid.put(spans, x: 0, y: layout.listInfoY, maxWidth: layout.width)
    }
}
