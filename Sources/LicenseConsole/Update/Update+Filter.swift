extension ConsoleState {
    /// Recomputes the shown list after the query or the licence filter changed. When the
    /// new query contains the previous one (typing on) and the licence filter is the same,
    /// only the devices shown are tested; otherwise the whole search text is scanned once.
    /// The cursor stays on the same device when it is still shown, else on the next one.
    mutating func refilter() {
        let folded = DeviceStore.fold(picker.query)
        let licence = picker.licence
        let keep = cursorDevice

        if folded.isEmpty && licence == .all {
            picker.list = nil
        } else {
            var candidates: [Int32]?
            // Testing devices one by one only pays when few remain; one pass over the whole
            // text is faster otherwise.
            if let list = picker.list, picker.appliedLicence == licence, list.count <= store.count / 4,
               ConsoleState.bytes(folded, contain: picker.appliedQuery) {
                candidates = list
            }
            picker.list = store.filter(query: folded, licence: licence, within: candidates)
        }
        picker.appliedQuery = folded
        picker.appliedLicence = licence

        if let keep {
            if let list = picker.list {
                picker.cursor = ConsoleState.lowerBound(list, Int32(keep))
            } else {
                picker.cursor = keep
            }
        } else {
            picker.cursor = 0
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
