extension ConsoleState {
    // MARK: Sort (`<`, `>`, `~`)

    /// `>` (`delta` 1) or `<` (-1): the next or previous column shown on screen, load order
    /// before the first and after the last.
    mutating func stepSortColumn(by delta: Int) {
        let cycle: [TableColumnKind?] = [nil] + layout.columns.shown.map { Optional($0.kind) }
        let at = cycle.firstIndex(of: picker.sort.column) ?? 0
        let next = cycle[(at + delta + cycle.count) % cycle.count]
        applySort(TableSort(column: next, descending: next == nil ? false : picker.sort.descending))
    }

    /// `~`: the same column the other way round.
    mutating func reverseSort() {
        applySort(TableSort(column: picker.sort.column, descending: !picker.sort.descending))
    }

    /// Sorts every device by `sort` (one radix sort), puts the shown list in that order and
    /// keeps the cursor on the same device.
    mutating func applySort(_ sort: TableSort) {
        let keep = cursorDevice
        picker.sort = sort
        if let column = sort.column {
            picker.order = DeviceOrder(store: store, column: column, descending: sort.descending)
            if let list = picker.list { picker.list = picker.order!.arrange(list) }
        } else {
            picker.order = nil
            if let list = picker.list { picker.list = ConsoleState.ascending(list, below: store.count) }
        }
        placeCursor(on: keep)
        let keys = "\(registry.keyName(.sortPrevious)) \(registry.keyName(.sortNext)) choose the column, \(registry.keyName(.sortReverse)) reverses"
        status = StatusMessage("Devices \(sort.words) (\(keys))")
    }

    /// Store indices of `list` in ascending order (a bitset walk: linear, no comparisons).
    static func ascending(_ list: [Int32], below count: Int) -> [Int32] {
        var bits = [UInt64](repeating: 0, count: count / 64 + 1)
        for i in list { bits[Int(i) >> 6] |= 1 << UInt64(i & 63) }
        var out: [Int32] = []
        out.reserveCapacity(list.count)
        for (w, word) in bits.enumerated() where word != 0 {
            var b = word
            while b != 0 {
                out.append(Int32(w << 6 | b.trailingZeroBitCount))
                b &= b - 1
            }
        }
        return out
    }

    // MARK: Outcome view (`f`)

    /// `f`: all -> failed -> succeeded -> unknown -> not sent -> all, with the filter and the
    /// licence view; the status line names the view.
    mutating func cycleOutcomeView() {
        picker.outcome = picker.outcome.next
        refilter()
        let key = registry.keyName(.cycleOutcome)
        if picker.outcome == .all {
            status = StatusMessage("Showing every outcome (\(key) shows failed, succeeded, unknown or not sent devices)")
        } else {
            status = StatusMessage("Showing \(picker.outcome.words) devices: \(Format.count(shownCount)) (\(key) changes the outcome view)")
        }
    }

    /// After a run's results: the outcome view shows what the devices' outcomes are now.
    mutating func refreshOutcomeView() {
        if picker.outcome != .all { refilter(rescan: true) }
    }

    // MARK: Devices streaming in

    /// Devices just added to the store (ascending): merged into the sort order and, when they
    /// pass the filter, into the shown list. The cursor stays on its device.
    mutating func showAddedDevices(_ added: [Int32]) {
        guard !added.isEmpty else { return }
        let hadRows = (picker.list?.count ?? store.count - added.count) > 0
        let cursorBefore = picker.cursor
        var inOrder = added
        var slots: [Int] = []
        if picker.order != nil {
            let merged = picker.order!.merge(added, store: store)
            inOrder = merged.sorted
            slots = merged.slots
        }
        if picker.list != nil {
            let matching = inOrder.filter {
                store.matches(Int($0), query: picker.appliedQuery, licence: picker.appliedLicence, outcome: picker.appliedOutcome)
            }
            if let order = picker.order {
                slots = order.mergeSorted(into: &picker.list!, matching, store: store)
            } else {
                picker.list!.append(contentsOf: matching)
                slots = []
            }
        }
        // Rows merged in above the cursor push it down with its device.
        let shift = slots.reduce(0) { $0 + ($1 <= cursorBefore ? 1 : 0) }
        if hadRows && shift > 0 {
            picker.cursor += shift
            picker.top += shift
        }
    }
}
