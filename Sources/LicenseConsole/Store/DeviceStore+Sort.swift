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
        case .imei: return imeiKeys[i]
        case .mdn: return mdnKeys[i]
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
        let flip: UInt64 = descending ? .max : 0
        if let indices {
            return [UInt64](unsafeUninitializedCapacity: n) { out, initialized in
                for j in 0..<n { out[j] = sortKey(Int(indices[j]), column, ranks: ranks) ^ flip }
                initialized = n
            }
        }
        return withAllSortKeys(column, ranks: ranks) { keys in
            [UInt64](unsafeUninitializedCapacity: n) { out, initialized in
                for j in 0..<n { out[j] = keys[j] ^ flip }
                initialized = n
            }
        }
    }

    /// Calls `body` with every device's key for `column` (ascending, not inverted): the kept
    /// IMEI and MDN keys as they are, the other columns' keys made in one tight loop each.
    func withAllSortKeys<R>(_ column: TableColumnKind, ranks: [UInt32], _ body: (UnsafeBufferPointer<UInt64>) -> R) -> R {
        switch column {
        case .imei: return imeiKeys.withUnsafeBufferPointer(body)
        case .mdn: return mdnKeys.withUnsafeBufferPointer(body)
        default: break
        }
        let n = count
        let keys = [UInt64](unsafeUninitializedCapacity: n) { out, initialized in
            ranks.withUnsafeBufferPointer { rk in
                switch column {
                case .make, .model:
                    makeModelRefs.withUnsafeBufferPointer { refs in for j in 0..<n { out[j] = UInt64(rk[Int(refs[j])]) } }
                case .firmware:
                    firmwareRefs.withUnsafeBufferPointer { refs in for j in 0..<n { out[j] = UInt64(rk[Int(refs[j])]) } }
                case .eligible, .licence:
                    let bit = column == .eligible ? Flags.fotaEligible.rawValue : Flags.licensed.rawValue
                    flags.withUnsafeBufferPointer { f in for j in 0..<n { out[j] = f[j] & bit != 0 ? 1 : 0 } }
                case .outcome:
                    DeviceStore.outcomeRanks.withUnsafeBufferPointer { order in
                        marks.withUnsafeBufferPointer { m in
                            reasonRefs.withUnsafeBufferPointer { refs in
                                for j in 0..<n { out[j] = order[Int(m[j])] << 32 | UInt64(rk[Int(refs[j])]) }
                            }
                        }
                    }
                case .imei, .mdn: break
                }
            }
            initialized = n
        }
        return keys.withUnsafeBufferPointer(body)
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

    /// The key of an IMEI or MDN text as the search text holds it (`bytes[range]`, folded).
    static func textKey(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64 {
        bytes.withUnsafeBufferPointer { b in textKey(b.baseAddress! + range.lowerBound, range.count) }
    }

    /// The key of an IMEI or MDN text, folded and cut as the search text does it.
    static func textKey(_ text: String) -> UInt64 {
        var folded: [UInt8] = []
        appendFolded(text, to: &folded)
        return textKey(folded, 0..<folded.count)
    }

    /// Where the keys of numbers of each length start: numbers of `len` digits take the keys
    /// `numberKeyBase[len] ..< numberKeyBase[len + 1]`, so shorter numbers come first and the
    /// keys of a column of same-length numbers span no more than their values do.
    static let numberKeyBase: [UInt64] = {
        var bases: [UInt64] = [0]
        var power: UInt64 = 1
        for _ in 0...17 {
            bases.append(bases.last! + power)
            power *= 10
        }
        return bases
    }()

    /// Up to 17 digits: the number's place by length then value; otherwise a flag bit and the
    /// first seven bytes.
    @inline(__always)
    static func textKey(_ p: UnsafePointer<UInt8>, _ len: Int) -> UInt64 {
        if len <= 17 {
            var v: UInt64 = 0
            var k = 0
            while k < len {
                let d = p[k] &- 48
                if d > 9 { break }
                v = v &* 10 &+ UInt64(d)
                k += 1
            }
            if k == len { return numberKeyBase[len] + v }
        }
        var prefix: UInt64 = 0
        for k in 0..<7 { prefix = prefix << 8 | (k < len ? UInt64(p[k]) : 0) }
        return 1 << 63 | prefix
    }
}
