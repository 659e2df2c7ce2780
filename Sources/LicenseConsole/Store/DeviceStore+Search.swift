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

    /// Whether testing `candidates` one by one costs less than one pass over the whole search
    /// text. Testing a device alone costs several times what the pass spends on it (a lookup
    /// of where its text starts, a call, cache misses when the list is in a sorted order), so
    /// only a list of at most a sixteenth of the devices is tested alone.
    public func narrowingPays(candidates: Int) -> Bool {
        candidates <= count / 16
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
                                if let candidates {
                                    for c in candidates {
                                        let i = Int(c)
                                        guard allows(i) else { continue }
                                        let s = Int(st[i]), e = Int(st[i + 1])
                                        if DeviceStore.findShort(q, qlen, in: hay + s, e - s) { out.append(c) }
                                    }
                                    return
                                }
                                // One pass over the whole text; after a hit, resume at the next device.
                                let total = hayBuf.count
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
