extension ConsoleState {
    /// Recomputes the shown list after the query, the licence filter or the outcome view
    /// changed. When the new query contains the previous one (typing on), the views are the
    /// same and at most half the devices are shown, only those are tested (in store order, see
    /// `DeviceStore.filter`); otherwise the whole search text is scanned once, so narrowing
    /// costs no more than that scan. The list follows the sort order. The cursor stays on the same device when it is still shown, else on the next one.
    ///
    /// `rescan` when devices changed under the same filter (a run's outcomes): the previous
    /// list no longer bounds the new one.
    mutating func refilter(rescan: Bool = false) {
        let folded = DeviceStore.fold(picker.query)
        let licence = picker.licence
        let outcome = picker.outcome
        let keep = cursorDevice

        if folded.isEmpty && licence == .all && outcome == .all {
            picker.list = nil
        } else {
            var candidates: [Int32]?
            if !rescan, let list = picker.list, picker.appliedLicence == licence, picker.appliedOutcome == outcome,
               store.narrowingPays(candidates: list.count), ConsoleState.bytes(folded, contain: picker.appliedQuery) {
                candidates = list
            }
            // Candidates keep their (sorted) order; a full scan ascends and is put in order.
            let found = store.filter(query: folded, licence: licence, outcome: outcome, within: candidates)
            if candidates == nil, picker.order != nil {
                picker.list = picker.order!.arrange(found)
            } else {
                picker.list = found
            }
        }
        picker.appliedQuery = folded
        picker.appliedLicence = licence
        picker.appliedOutcome = outcome
        placeCursor(on: keep)
    }

    /// Puts the cursor on `device` when it is shown, else on the next shown device in order.
    mutating func placeCursor(on device: Int?) {
        guard let keep = device, keep < store.count else {
            picker.cursor = 0
            scrollToCursor()
            return
        }
        switch (picker.list, picker.order != nil) {
        case (let list?, false): picker.cursor = ConsoleState.lowerBound(list, Int32(keep))
        case (let list?, true): picker.cursor = picker.order!.lowerBound(in: list, of: keep)
        case (nil, true): picker.cursor = picker.order!.position(of: keep)
        case (nil, false): picker.cursor = keep
        }
        scrollToCursor()
    }

    static func bytes(_ hay: [UInt8], contain needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        guard hay.count >= needle.count else { return false }
        for start in 0...(hay.count - needle.count) where hay[start] == needle[0] {
            if hay[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// First position in an ascending list whose value is >= `value`.
    static func lowerBound(_ list: [Int32], _ value: Int32) -> Int {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
