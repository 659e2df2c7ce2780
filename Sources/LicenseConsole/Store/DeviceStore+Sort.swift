import Foundation
import ThingSpaceAPI

/// Sort keys: one 64-bit number per device and column, so a million devices sort with a radix
/// sort and no string comparisons.
///
/// - IMEI and MDN: a text of at most 17 digits is its length then its value (numbers in
///   numeric order, before any other text); any other text is a flag bit then its first seven
///   bytes (lowercased, as the search text holds them). Keys of the second kind that are equal
///   are told apart by the whole field (`fieldOrder`).
/// - Make, model, firmware: the rank of the interned string in case-insensitive order.
/// - FOTA eligibility and licence: `no` before `yes`.
/// - Last outcome: failed, unknown, not sent, pending, succeeded, none; then the reason's rank.
extension DeviceStore {
    /// Ranks of interned strings (make, model, firmware, outcome) or nothing for the other
    /// columns. Make and model are ranked per (make, model) pair.
    func sortRanks(for column: TableColumnKind) -> [UInt32] {
        switch column {
        case .imei, .mdn, .eligible, .licence: return []
        case .firmware, .outcome: return stringRanks()
        case .make, .model:
            let ranks = stringRanks()
            return (0..<pairs.count).map { p in
                ranks[Int(column == .make ? pairs.make(UInt32(p)) : pairs.model(UInt32(p)))]
            }
        }
    }

    /// Each interned string's place in case-insensitive order (ties by the exact text).
    private func stringRanks() -> [UInt32] {
        let all = strings.strings
        let folded = all.map { $0.lowercased() }
        let order = all.indices.sorted { a, b in
            folded[a] != folded[b] ? folded[a] < folded[b] : (all[a] != all[b] ? all[a] < all[b] : a < b)
        }
        var ranks = [UInt32](repeating: 0, count: all.count)
        for (rank, ref) in order.enumerated() { ranks[ref] = UInt32(rank) }
        return ranks
    }

    /// Whether the rank table still covers every interned string and pair.
    func ranksCover(_ ranks: [UInt32], for column: TableColumnKind) -> Bool {
        switch column {
        case .imei, .mdn, .eligible, .licence: return true
        case .firmware, .outcome: return ranks.count == strings.count
        case .make, .model: return ranks.count == pairs.count
        }
    }

    /// The outcome column's order: what needs a look first.
    static let outcomeOrder: [DeviceOutcome] = [.failed, .unknown, .skipped, .success, .alreadyLicensed, .notLicensed]

    /// Place of a store mark in the outcome column's order.
    static let outcomeRanks: [UInt64] = {
        var table = [UInt64](repeating: 5, count: 256)          // none: last
        table[Int(DeviceStore.markPending)] = 3
        for (n, outcome) in DeviceStore.outcomeOrder.enumerated() { table[DeviceStore.mark(of: outcome)] = UInt64(n < 3 ? n : 4) }
        return table
    }()

    /// Device `i`'s key for `column` (ascending); `ranks` from `sortRanks(for:)`.
    func sortKey(_ i: Int, _ column: TableColumnKind, ranks: [UInt32]) -> UInt64 {
        switch column {
        case .imei, .mdn:
            return searchBytes.withUnsafeBufferPointer { hay in
                let (p, len) = DeviceStore.field(column == .imei ? 0 : 1, of: i, hay, searchStarts)
                return DeviceStore.fieldKey(p, len)
            }
        case .make, .model: return UInt64(ranks[Int(makeModelRefs[i])])
        case .firmware: return UInt64(ranks[Int(firmwareRefs[i])])
        case .eligible: return flags[i] & Flags.fotaEligible.rawValue != 0 ? 1 : 0
        case .licence: return flags[i] & Flags.licensed.rawValue != 0 ? 1 : 0
        case .outcome: return DeviceStore.outcomeRanks[Int(marks[i])] << 32 | UInt64(ranks[Int(reasonRefs[i])])
        }
    }

    /// Keys of every device (`indices` nil) or of `indices`, inverted when `descending` so that
    /// ascending keys give the descending order.
    func sortKeys(_ column: TableColumnKind, descending: Bool, ranks: [UInt32], for indices: [Int32]? = nil) -> [UInt64] {
        let n = indices?.count ?? count
        var keys = [UInt64](repeating: 0, count: n)
        keys.withUnsafeMutableBufferPointer { out in
            if column == .imei || column == .mdn {
                let field = column == .imei ? 0 : 1
                searchBytes.withUnsafeBufferPointer { hay in
                    searchStarts.withUnsafeBufferPointer { st in
                        for j in 0..<n {
                            let i = indices.map { Int($0[j]) } ?? j
                            let (p, len) = DeviceStore.field(field, of: i, hay, st)
                            out[j] = DeviceStore.fieldKey(p, len)
                        }
                    }
                }
            } else {
                for j in 0..<n { out[j] = sortKey(indices.map { Int($0[j]) } ?? j, column, ranks: ranks) }
            }
            if descending { for j in 0..<n { out[j] = ~out[j] } }
        }
        return keys
    }

    /// Whether two devices with equal keys may still differ (IMEI or MDN texts beyond the key).
    static func keyIsPartial(_ key: UInt64, _ column: TableColumnKind, descending: Bool) -> Bool {
        guard column == .imei || column == .mdn else { return false }
        return (key >> 63 == 1) != descending
    }

    /// Order of two devices' whole IMEI or MDN texts: negative, zero or positive.
    func fieldOrder(_ a: Int, _ b: Int, _ column: TableColumnKind) -> Int {
        searchBytes.withUnsafeBufferPointer { hay in
            let field = column == .imei ? 0 : 1
            let (pa, la) = DeviceStore.field(field, of: a, hay, searchStarts)
            let (pb, lb) = DeviceStore.field(field, of: b, hay, searchStarts)
            let c = memcmp(pa, pb, min(la, lb))
            return c != 0 ? Int(c) : la - lb
        }
    }

    /// Whether device `a` comes before device `b` sorted by `column`; equal values keep load order.
    func sortPrecedes(_ a: Int, _ b: Int, _ column: TableColumnKind, descending: Bool, ranks: [UInt32]) -> Bool {
        let ka = sortKey(a, column, ranks: ranks), kb = sortKey(b, column, ranks: ranks)
        if ka != kb { return descending ? ka > kb : ka < kb }
        if DeviceStore.keyIsPartial(ka, column, descending: false) {
            let c = fieldOrder(a, b, column)
            if c != 0 { return descending ? c > 0 : c < 0 }
        }
        return a < b
    }

    /// The bytes of field `field` (0 IMEI, 1 MDN) of device `i` in the search text.
    @inline(__always)
    static func field(_ field: Int, of i: Int, _ hay: UnsafeBufferPointer<UInt8>,
                      _ starts: UnsafeBufferPointer<UInt32>) -> (UnsafePointer<UInt8>, Int) {
        let base = hay.baseAddress!
        var s = Int(starts[i])
        let end = Int(starts[i + 1])
        if field == 1 {
            while s < end && base[s] != 9 { s += 1 }
            s += 1
        }
        var e = s
        while e < end && base[e] != 9 && base[e] != 10 { e += 1 }
        return (base + s, e - s)
    }

    @inline(__always)
    static func field(_ field: Int, of i: Int, _ hay: UnsafeBufferPointer<UInt8>, _ starts: [UInt32]) -> (UnsafePointer<UInt8>, Int) {
        starts.withUnsafeBufferPointer { DeviceStore.field(field, of: i, hay, $0) }
    }

    /// Length and value for up to 17 digits; otherwise a flag bit and the first seven bytes.
    @inline(__always)
    static func fieldKey(_ p: UnsafePointer<UInt8>, _ len: Int) -> UInt64 {
        if len <= 17 {
            var v: UInt64 = 0
            var k = 0
            while k < len {
                let d = p[k] &- 48
                if d > 9 { break }
                v = v &* 10 &+ UInt64(d)
                k += 1
            }
            if k == len { return UInt64(len) << 57 | v }
        }
        var prefix: UInt64 = 0
        for k in 0..<7 { prefix = prefix << 8 | (k < len ? UInt64(p[k]) : 0) }
        return 1 << 63 | prefix
    }
}
