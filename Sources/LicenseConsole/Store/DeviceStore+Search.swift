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

    /// Whether device `i` matches a folded query and a licence filter.
    public func matches(_ i: Int, query: [UInt8], licence: LicenceFilter) -> Bool {
        guard DeviceStore.licenceAllows(flags[i], licence) else { return false }
        if query.isEmpty { return true }
        return searchBytes.withUnsafeBufferPointer { hay in
            query.withUnsafeBufferPointer { q in
                let s = Int(searchStarts[i]), e = Int(searchStarts[i + 1])
                return DeviceStore.find(q.baseAddress!, q.count, in: hay.baseAddress! + s, e - s) != nil
            }
        }
    }

    /// Devices matching a folded query (case-insensitive substring over IMEI, MDN, make and
    /// model) and a licence filter, ascending. With `candidates` only those are tested (the
    /// query narrowed a previous result); otherwise the whole search text is scanned once.
    public func filter(query: [UInt8], licence: LicenceFilter, within candidates: [Int32]? = nil) -> [Int32] {
        var out: [Int32] = []
        if query.isEmpty {
            flags.withUnsafeBufferPointer { fl in
                if let candidates {
                    for c in candidates where DeviceStore.licenceAllows(fl[Int(c)], licence) { out.append(c) }
                } else {
                    for i in 0..<count where DeviceStore.licenceAllows(fl[i], licence) { out.append(Int32(i)) }
                }
            }
            return out
        }
        guard count > 0 else { return out }
        searchBytes.withUnsafeBufferPointer { hayBuf in
            searchStarts.withUnsafeBufferPointer { st in
                flags.withUnsafeBufferPointer { fl in
                    query.withUnsafeBufferPointer { qBuf in
                        let hay = hayBuf.baseAddress!, q = qBuf.baseAddress!, qlen = qBuf.count
                        if let candidates {
                            for c in candidates {
                                let i = Int(c)
                                guard DeviceStore.licenceAllows(fl[i], licence) else { continue }
                                let s = Int(st[i]), e = Int(st[i + 1])
                                if DeviceStore.find(q, qlen, in: hay + s, e - s) != nil { out.append(c) }
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
                            if DeviceStore.licenceAllows(fl[d], licence) { out.append(Int32(d)) }
                            d += 1
                            if d >= count { break }
                            pos = Int(st[d])
                        }
                    }
                }
            }
        }
        return out
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
