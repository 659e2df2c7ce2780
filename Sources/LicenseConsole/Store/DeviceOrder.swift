import Foundation

/// Every device of a store sorted by one column, ascending or descending; equal values keep
/// load order (a stable sort). Built once per sort change with a radix sort over precomputed
/// keys; devices that stream in later are sorted among themselves and merged in, never a full
/// re-sort. Values that change later (a licence, an outcome) keep their place until the next
/// sort change.
public struct DeviceOrder: Sendable {
    public let column: TableColumnKind
    public let descending: Bool
    /// Store indices in sort order: every device of the store.
    public private(set) var indices: [Int32]
    /// Ranks of interned strings for text columns (see `DeviceStore.sortRanks`).
    private var ranks: [UInt32]
    /// Position of each device in `indices`; empty until asked for after a change.
    private var positions: [Int32] = []

    /// Sorts every device of `store`.
    public init(store: DeviceStore, column: TableColumnKind, descending: Bool) {
        self.column = column
        self.descending = descending
        let ranks = store.sortRanks(for: column)
        self.ranks = ranks
        indices = store.withAllSortKeys(column, ranks: ranks) { keys in
            let (sorted, union) = RadixSort.sortedIndices(keys: keys, descending: descending)
            // Only IMEI and MDN texts that are not short numbers need a second look at ties.
            guard (column == .imei || column == .mdn) && union >> 63 == 1 else { return sorted }
            var items = sorted
            let flip: UInt64 = descending ? .max : 0
            let inOrder = sorted.map { keys[Int($0)] ^ flip }
            DeviceOrder.settleTies(&items, keys: inOrder, store, column, descending)
            return items
        }
    }

    /// Orders runs of equal partial keys (IMEIs or MDNs that are not short numbers) by their
    /// whole text; the radix sort left each run in load order.
    private static func settleTies(_ items: inout [Int32], keys: [UInt64], _ store: DeviceStore,
                                   _ column: TableColumnKind, _ descending: Bool) {
        guard column == .imei || column == .mdn else { return }
        var start = 0
        while start < items.count {
            var end = start + 1
            while end < items.count && keys[end] == keys[start] { end += 1 }
            if end - start > 1 && DeviceStore.keyIsPartial(keys[start], column, descending: descending) {
                items[start..<end].sort { store.sortPrecedes(Int($0), Int($1), column, descending: descending, ranks: []) }
            }
            start = end
        }
    }

    /// Merges devices just added to `store` (ascending store indices, not yet in this order).
    /// Returns them sorted, and for each the position in the old order it went before.
    @discardableResult
    public mutating func merge(_ added: [Int32], store: DeviceStore) -> (sorted: [Int32], slots: [Int]) {
        guard !added.isEmpty else { return ([], []) }
        let sorted = sortedAmongThemselves(added, store: store)
        let slots = mergeSorted(into: &indices, sorted, store: store)
        positions = []
        return (sorted, slots)
    }

    /// `devices` sorted among themselves (a page, or the new matches of a filter).
    public mutating func sortedAmongThemselves(_ devices: [Int32], store: DeviceStore) -> [Int32] {
        if !store.ranksCover(ranks, for: column) { ranks = store.sortRanks(for: column) }
        var items = devices
        var keys = store.sortKeys(column, descending: descending, ranks: ranks, for: devices)
        RadixSort.sort(&items, keys: &keys)
        DeviceOrder.settleTies(&items, keys: keys, store, column, descending)
        return items
    }

    /// Merges `added` (sorted this way) into `base` (in this order) in place: a binary search
    /// per added device, then one backward pass that moves each element of `base` at most once
    /// (no new array, so a page costs one move of the devices after its first place). Returns,
    /// for each added device, the position in the old `base` it went before.
    @discardableResult
    public func mergeSorted(into base: inout [Int32], _ added: [Int32], store: DeviceStore) -> [Int] {
        guard !added.isEmpty else { return [] }
        var slots: [Int] = []
        slots.reserveCapacity(added.count)
        var from = 0
        for a in added {
            var lo = from, hi = base.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if store.sortPrecedes(Int(base[mid]), Int(a), column, descending: descending, ranks: ranks) { lo = mid + 1 } else { hi = mid }
            }
            slots.append(lo)
            from = lo
        }
        let oldCount = base.count
        base.append(contentsOf: repeatElement(0, count: added.count))
        base.withUnsafeMutableBufferPointer { buffer in
            let p = buffer.baseAddress!
            var end = oldCount
            for k in stride(from: added.count - 1, through: 0, by: -1) {
                let lo = slots[k]
                if end > lo { memmove(p + lo + k + 1, p + lo, (end - lo) * MemoryLayout<Int32>.stride) }
                p[lo + k] = added[k]
                end = lo
            }
        }
        return slots
    }

    /// The devices of `matches` (ascending store indices) in this order.
    public mutating func arrange(_ matches: [Int32]) -> [Int32] {
        let n = indices.count
        if matches.count == n { return indices }
        if matches.count <= n / 16 {
            // Few: sort them by their positions.
            ensurePositions()
            var items = matches
            var keys = positions.withUnsafeBufferPointer { pos in matches.map { UInt64(pos[Int($0)]) } }
            RadixSort.sort(&items, keys: &keys)
            return items
        }
        // Many: mark them, then walk the order once.
        var bits = [UInt64](repeating: 0, count: n / 64 + 1)
        for m in matches { bits[Int(m) >> 6] |= 1 << UInt64(m & 63) }
        var out: [Int32] = []
        out.reserveCapacity(matches.count)
        bits.withUnsafeBufferPointer { b in
            indices.withUnsafeBufferPointer { order in
                for i in order where b[Int(i) >> 6] & (1 << UInt64(i & 63)) != 0 { out.append(i) }
            }
        }
        return out
    }

    /// Position of `device` in this order: a lookup once positions are known, else one read
    /// of the order (cheaper than making every position just after a sort change).
    public mutating func position(of device: Int) -> Int {
        if positions.count == indices.count { return Int(positions[device]) }
        let target = Int32(device)
        return indices.withUnsafeBufferPointer { order in
            for j in 0..<order.count where order[j] == target { return j }
            return order.count
        }
    }

    /// First position in `list` (devices in this order) of a device at or after `device`.
    public mutating func lowerBound(in list: [Int32], of device: Int) -> Int {
        ensurePositions()
        let target = positions[device]
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if positions[Int(list[mid])] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private mutating func ensurePositions() {
        guard positions.count != indices.count else { return }
        var pos = [Int32](repeating: 0, count: indices.count)
        pos.withUnsafeMutableBufferPointer { p in
            for (at, i) in indices.enumerated() { p[Int(i)] = Int32(at) }
        }
        positions = pos
    }
}
