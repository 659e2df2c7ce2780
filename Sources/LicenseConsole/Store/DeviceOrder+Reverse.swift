extension DeviceOrder {
    /// The same column the other way round (`~`), made from this order in one pass: runs of
    /// equal values are taken from the end, each run kept in load order, which is exactly the
    /// stable sort the other way. Nil when this order no longer holds for the store's values
    /// (a licence or an outcome changed since it was made, devices or strings were added): the
    /// caller sorts afresh then.
    public func reversed(store: DeviceStore) -> DeviceOrder? {
        let n = indices.count
        guard n == store.count, store.ranksCover(ranks, for: column) else { return nil }
        let column = self.column, descending = self.descending
        let partialKeys = column == .imei || column == .mdn
        let flipped: [Int32]? = store.withAllSortKeys(column, ranks: ranks) { keys in
            indices.withUnsafeBufferPointer { order -> [Int32]? in
                /// Where `a` stands against `b` (neighbours, `a` first) in this order's
                /// direction: negative before, zero equal, positive after.
                func place(_ a: Int, _ b: Int) -> Int {
                    let ka = keys[a], kb = keys[b]
                    var c = ka == kb ? 0 : (ka < kb ? -1 : 1)
                    if c == 0 && partialKeys && DeviceStore.keyIsPartial(ka, column, descending: false) {
                        c = store.fieldOrder(a, b, column)
                    }
                    return descending ? -c : c
                }
                var out: [Int32] = []
                out.reserveCapacity(n)
                var end = n
                while end > 0 {
                    var start = end - 1
                    while start > 0 {
                        let a = Int(order[start - 1]), b = Int(order[start])
                        let c = place(a, b)
                        if c < 0 { break }
                        // Out of order, or equal values not in load order: a value changed.
                        if c > 0 || a > b { return nil }
                        start -= 1
                    }
                    out.append(contentsOf: order[start..<end])
                    end = start
                }
                return out
            }
        }
        guard let flipped else { return nil }
        return DeviceOrder(column: column, descending: !descending, indices: flipped, ranks: ranks)
    }
}
