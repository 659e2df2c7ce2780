import Foundation

/// Which devices the picker shows by licence.
public enum LicenceFilter: String, CaseIterable, Sendable {
    case all, unlicensed, licensed

    /// `l` cycles all -> unlicensed -> licensed -> all.
    public var next: LicenceFilter {
        switch self {
        case .all: return .unlicensed
        case .unlicensed: return .licensed
        case .licensed: return .all
        }
    }
}

extension DeviceStore {
    /// The query as the search text stores it: lowercased, tabs and newlines as spaces.
    public static func fold(_ query: String) -> [UInt8] {
        var out: [UInt8] = []
        appendFolded(query, to: &out, limit: Int.max)
        return out
    }

    @inline(__always)
    static func licenceAllows(_ flag: UInt8, _ licence: LicenceFilter) -> Bool {
        switch licence {
        case .all: return true
        case .licensed: return flag & Flags.licensed.rawValue != 0
        case .unlicensed: return flag & Flags.licensed.rawValue == 0
        }
    }

    /// Whether device `i` matches a folded query, a licence filter and an outcome view.
    public func matches(_ i: Int, query: [UInt8], licence: LicenceFilter, outcome: OutcomeView = .all) -> Bool {
        guard DeviceStore.licenceAllows(flags[i], licence) else { return false }
        if outcome != .all && !outcome.allowedMarks[Int(marks[i])] { return false }
        if query.isEmpty { return true }
        return searchBytes.withUnsafeBufferPointer { hay in
            query.withUnsafeBufferPointer { q in
                let s = Int(searchStarts[i]), e = Int(searchStarts[i + 1])
                return DeviceStore.find(q.baseAddress!, q.count, in: hay.baseAddress! + s, e - s) != nil
            }
        }
    }

    /// Whether testing `candidates` (a previous result the new query narrows) costs less than
    /// one pass over the whole search text. A few are tested one by one wherever they are; a
    /// larger list is tested in ascending store order (the text read forward, as the full scan
    /// reads it, skipping what is not a candidate), which pays while it is at most half the
    /// devices; above that the full scan is as cheap.
    public func narrowingPays(candidates: Int) -> Bool {
        candidates <= count / 2
    }

    /// Devices matching a folded query (case-insensitive substring over IMEI, MDN, make and
    /// model), a licence filter and an outcome view. With `candidates` only those are tested, and
    /// the result keeps their order (the query narrowed a previous result, in any order);
    /// otherwise the whole search text is scanned once and the result ascends.
    public func filter(query: [UInt8], licence: LicenceFilter, outcome: OutcomeView = .all,
                       within candidates: [Int32]? = nil) -> [Int32] {
        var out: [Int32] = []
        let allowed = outcome.allowedMarks
        let checksOutcome = outcome != .all
        guard count > 0 else { return out }
        flags.withUnsafeBufferPointer { fl in
            marks.withUnsafeBufferPointer { mk in
                allowed.withUnsafeBufferPointer { ok in
                    @inline(__always) func allows(_ i: Int) -> Bool {
                        DeviceStore.licenceAllows(fl[i], licence) && (!checksOutcome || ok[Int(mk[i])])
                    }
                    if query.isEmpty {
                        if let candidates {
                            for c in candidates where allows(Int(c)) { out.append(c) }
                        } else {
                            for i in 0..<count where allows(i) { out.append(Int32(i)) }
                        }
                        return
                    }
                    searchBytes.withUnsafeBufferPointer { hayBuf in
                        searchStarts.withUnsafeBufferPointer { st in
                            query.withUnsafeBufferPointer { qBuf in
                                let hay = hayBuf.baseAddress!, q = qBuf.baseAddress!, qlen = qBuf.count
                                let total = hayBuf.count
                                @inline(__always) func hit(_ i: Int) -> Bool {
                                    DeviceStore.occurs(q, qlen, in: hay, from: Int(st[i]), to: Int(st[i + 1]), total: total)
                                }
                                if let candidates {
                                    // A list in ascending store order, or a short one, is tested as it is.
                                    if candidates.count <= count / 16 || DeviceStore.ascends(candidates) {
                                        out.reserveCapacity(candidates.count)
                                        candidates.withUnsafeBufferPointer { cands in
                                            for c in cands where allows(Int(c)) && hit(Int(c)) { out.append(c) }
                                        }
                                    } else {
                                        out = narrowedInAscendingOrder(candidates, allows: allows, hit: hit)
                                    }
                                    return
                                }
                                // One pass over the whole text; after a hit, resume at the next device.
                                var pos = 0
                                var d = 0
                                while let offset = DeviceStore.find(q, qlen, in: hay + pos, total - pos) {
                                    let p = pos + offset
                                    while Int(st[d + 1]) <= p { d += 1 }
                                    if allows(d) { out.append(Int32(d)) }
                                    d += 1
                                    if d >= count { break }
                                    pos = Int(st[d])
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Whether `list` is in ascending store order.
    static func ascends(_ list: [Int32]) -> Bool {
        list.withUnsafeBufferPointer { c in
            var j = 1
            while j < c.count && c[j - 1] < c[j] { j += 1 }
            return j >= c.count
        }
    }

    /// The candidates (in another order than the store's, a sort order) that pass `allows` and
    /// `hit`, in their order: marked in a bitset, tested in ascending store order (the text read
    /// forward), then kept in their order.
    private func narrowedInAscendingOrder(_ candidates: [Int32], allows: (Int) -> Bool, hit: (Int) -> Bool) -> [Int32] {
        var out: [Int32] = []
        var bits = [UInt64](repeating: 0, count: count / 64 + 1)
        bits.withUnsafeMutableBufferPointer { b in
            for c in candidates { b[Int(c) >> 6] |= 1 << UInt64(c & 63) }
            for w in 0..<b.count where b[w] != 0 {
                var word = b[w], kept: UInt64 = 0
                while word != 0 {
                    let bit = word.trailingZeroBitCount
                    let i = w << 6 | bit
                    if allows(i) && hit(i) { kept |= 1 << UInt64(bit) }
                    word &= word - 1
                }
                b[w] = kept
            }
        }
        out.reserveCapacity(candidates.count)
        bits.withUnsafeBufferPointer { b in
            for c in candidates where b[Int(c) >> 6] & (1 << UInt64(c & 63)) != 0 { out.append(c) }
        }
        return out
    }

    /// Whether `needle` occurs in `hay[from ..< to]` (one device's text), reading eight bytes
    /// at a time for the needle's first byte (no library call for a few dozen bytes). Reads up
    /// to seven bytes past `to` while they are inside the text (`total` bytes).
    @inline(__always)
    static func occurs(_ needle: UnsafePointer<UInt8>, _ nlen: Int, in hay: UnsafePointer<UInt8>,
                       from: Int, to: Int, total: Int) -> Bool {
        let last = to - nlen            // the last place a match may start
        guard last >= from else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let pattern = UInt64(needle[0]) &* ones
        var p = from
        while p <= last {
            guard p + 8 <= total else { return findShort(needle, nlen, in: hay + p, to - p) }
            let x = UnsafeRawPointer(hay + p).loadUnaligned(as: UInt64.self) ^ pattern
            var zeros = (x &- ones) & ~x & highs     // a high bit per byte equal to the first byte (low bytes exact)
            while zeros != 0 {
                let at = p + zeros.trailingZeroBitCount >> 3
                if at > last { return false }
                var k = 1
                while k < nlen && hay[at + k] == needle[k] { k += 1 }
                if k == nlen && hay[at] == needle[0] { return true }
                zeros &= zeros - 1
            }
            p += 8
        }
        return false
    }

    /// Whether `needle` occurs in a short `hay` (one device's text): a plain loop, cheaper than
    /// `memchr` on a few dozen bytes.
    @inline(__always)
    static func findShort(_ needle: UnsafePointer<UInt8>, _ nlen: Int, in hay: UnsafePointer<UInt8>, _ hlen: Int) -> Bool {
        guard hlen >= nlen else { return false }
        let first = needle[0]
        var p = 0
        let last = hlen - nlen
        while p <= last {
            if hay[p] == first {
                var k = 1
                while k < nlen && hay[p + k] == needle[k] { k += 1 }
                if k == nlen { return true }
            }
            p += 1
        }
        return false
    }

    /// Offset of the first occurrence of `needle` in `hay`, or nil: memchr for the first byte,
    /// memcmp for the rest.
    @inline(__always)
    static func find(_ needle: UnsafePointer<UInt8>, _ nlen: Int, in hay: UnsafePointer<UInt8>, _ hlen: Int) -> Int? {
        guard nlen > 0 else { return 0 }
        guard hlen >= nlen else { return nil }
        let first = Int32(needle[0])
        var pos = 0
        let last = hlen - nlen
        while pos <= last {
            guard let hit = memchr(hay + pos, first, last - pos + 1) else { return nil }
            let p = UnsafeRawPointer(hay).distance(to: UnsafeRawPointer(hit))
            if nlen == 1 || memcmp(hay + p + 1, needle + 1, nlen - 1) == 0 { return p }
            pos = p + 1
        }
        return nil
    }
}
