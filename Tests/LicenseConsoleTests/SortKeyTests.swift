import Foundation
import Testing
import TestSupport
@testable import LicenseConsole
import ThingSpaceAPI

/// The sort's parts under the console: the IMEI and MDN keys the store keeps per device, the
/// packed radix sort of every device, and narrowing a filter within the previous result.
@Suite("Device store: sort keys, full sorts, narrowing")
struct SortKeyTests {
    /// IMEI or MDN texts of every kind: 15-digit numbers, short and long numbers, leading
    /// zeros, repeats (ties), empty, text in mixed case sharing long prefixes, over 64 bytes.
    static func texts(_ count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix(seed: seed)
        let words = ["ABCDEFGH-2", "abcdefgh-10", "ABCDEFGHI", "x", "Ström-1", "imei 35", String(repeating: "z", count: 70) + "1"]
        return (0..<count).map { n in
            switch rng.next() % 10 {
            case 0: return words[Int(rng.next() % UInt64(words.count))] + (rng.next() % 2 == 0 ? "" : String(n % 7))
            case 1: return String(rng.next() % 1000)                                        // short numbers, many ties
            case 2: return "0" + String(rng.next() % 100)                                  // leading zeros
            case 3: return rng.next() % 3 == 0 ? "" : "123456789012345678" + String(rng.next() % 9)   // 19 digits: text
            case 4: return String(5_550_000_000 + rng.next() % 50)                         // ties among 10 digits
            default: return String(350_000_000_000_000 + rng.next() % 9_999_999_999_999)   // 15 digits
            }
        }
    }

    /// A text's place in the order the keys promise: numbers of up to 17 digits by length then
    /// value, before any other text, which goes by its folded bytes (lowercased, cut to 64 bytes).
    /// Worked out once per text, so the reference sort compares plain values.
    enum Place: Comparable {
        case number(Int, UInt64)
        case text([UInt8])

        init(_ s: String) {
            if s.utf8.count <= 17, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                self = .number(s.utf8.count, s.utf8.reduce(0) { $0 * 10 + UInt64($1 - 48) })
            } else {
                self = .text(Array(DeviceStore.fold(s).prefix(DeviceStore.searchFieldLimit)))
            }
        }

        static func < (a: Place, b: Place) -> Bool {
            switch (a, b) {
            case let (.number(la, va), .number(lb, vb)): return (la, va) < (lb, vb)
            case (.number, .text): return true
            case (.text, .number): return false
            case let (.text(x), .text(y)): return x.lexicographicallyPrecedes(y)
            }
        }
    }

    /// -1, 0 or 1 as `a` comes before, with or after `b`.
    static func precedes(_ a: String, _ b: String) -> Int {
        let (pa, pb) = (Place(a), Place(b))
        return pa == pb ? 0 : (pa < pb ? -1 : 1)
    }

    /// The stable sort the radix sort must equal, done the obvious way.
    static func reference(_ values: [String], descending: Bool) -> [Int32] {
        let places = values.map(Place.init)
        return places.indices.sorted { a, b in
            if places[a] != places[b] { return descending ? places[b] < places[a] : places[a] < places[b] }
            return a < b
        }.map(Int32.init)
    }

    static func store(ids: [String], mdns: [String]) -> DeviceStore {
        var store = DeviceStore()
        for (n, id) in ids.enumerated() {
            // Ids must be unique in a store: repeats get a suffix that keeps their kind of text.
            store.upsert(DeviceInfo(deviceId: id, mdn: mdns[n], licenseAssigned: n % 2 == 0))
        }
        return store
    }

    @Test func keysStayInStepWithAppendedPagesAndUpdates() {
        let ids = (0..<3000).map { Fixture.imei($0 * 7919 % 900_000) }
        let mdns = Self.texts(3000, seed: 5)
        var store = DeviceStore()
        for start in stride(from: 0, to: 3000, by: 700) {
            for n in start..<min(3000, start + 700) {
                store.upsert(DeviceInfo(deviceId: ids[n], mdn: mdns[n], licenseAssigned: false))
            }
            #expect(store.imeiKeys.count == store.count && store.mdnKeys.count == store.count)
            for i in 0..<store.count {
                #expect(store.imeiKeys[i] == DeviceStore.textKey(ids[i]) && store.mdnKeys[i] == DeviceStore.textKey(mdns[i]))
            }
        }
        // An update of a listed device (a reload) brings its new MDN's key.
        store.upsert(DeviceInfo(deviceId: ids[10], mdn: "1", licenseAssigned: false))
        #expect(store.count == 3000)
        #expect(store.mdnKeys[10] == DeviceStore.textKey("1"))
        let order = DeviceOrder(store: store, column: .mdn, descending: false).indices
        var values = mdns
        values[10] = "1"
        #expect(order == Self.reference(values, descending: false))
    }

    @Test func keysOrderTextsAsPromised() {
        let values = Self.texts(400, seed: 9)
        for a in values.indices {
            let b = (a * 37 + 11) % values.count
            let ka = DeviceStore.textKey(values[a]), kb = DeviceStore.textKey(values[b])
            let c = Self.precedes(values[a], values[b])
            // Keys of texts beyond short numbers keep only a prefix: equal keys may still differ.
            if c < 0 { #expect(ka <= kb, "\(values[a]) \(values[b])") }
            if c > 0 { #expect(ka >= kb, "\(values[a]) \(values[b])") }
            if ka >> 63 == 0 && kb >> 63 == 0 { #expect((ka < kb) == (c < 0) && (ka == kb) == (c == 0)) }
        }
    }

    @Test(arguments: [1, 2, 3, 64, 5000, 20_000])
    func fullSortsEqualAStableComparisonSort(_ count: Int) async {
        // Seconds of work: on a thread of its own, so the async tests keep the pool.
        let mismatches = await offPool { () -> [String] in
            var ids = Self.texts(count, seed: UInt64(count))
            var seen: [String: Int] = [:]
            for n in ids.indices {
                seen[ids[n], default: 0] += 1
                if seen[ids[n]]! > 1 { ids[n] = "dup-\(n)-" + ids[n] }
            }
            let mdns = Self.texts(count, seed: UInt64(count) + 1)
            let store = Self.store(ids: ids, mdns: mdns)
            var mismatches: [String] = []
            for descending in [false, true] {
                for (column, values) in [(TableColumnKind.imei, ids), (.mdn, mdns)]
                where DeviceOrder(store: store, column: column, descending: descending).indices != Self.reference(values, descending: descending) {
                    mismatches.append("\(column) descending \(descending)")
                }
            }
            return mismatches
        }
        #expect(mismatches.isEmpty, "orders that differ from the reference: \(mismatches)")
    }

    /// Keys laid out to take every way through `RadixSort.sortedIndices`.
    static func keys(_ kind: String, _ n: Int, _ rng: inout SplitMix) -> [UInt64] {
        switch kind {
        case "ascending": return (0..<n).map { UInt64($0 / 3) }                           // ties, already in order
        case "non-increasing": return (0..<n).map { UInt64((n - $0) / 4) * 1_000_003 }     // backwards with ties
        case "equal": return Array(repeating: 42, count: n)
        case "narrow": return (0..<n).map { _ in rng.next() % 300 }                       // the top digit alone
        case "mdn": return (0..<n).map { _ in 5_550_000_000 + rng.next() % 8_000_000_000 }  // scatter, then insertion
        case "crowded": return (0..<n).map { _ in (rng.next() % 64) << 30 | rng.next() % 4096 }  // many share a digit
        case "ties": return (0..<n).map { _ in (rng.next() % 40) << 24 }
        default: return (0..<n).map { _ in rng.next() }                                   // too wide to pack
        }
    }

    @Test(arguments: ["ascending", "non-increasing", "equal", "narrow", "mdn", "crowded", "ties", "wide"])
    func sortedIndicesIsAStableSort(_ kind: String) async {
        let mismatches = await offPool { () -> [String] in
            var rng = SplitMix(seed: 17)
            var mismatches: [String] = []
            for n in [0, 1, 2, 7, 3000, 70_000] {
                let keys = Self.keys(kind, n, &rng)
                for descending in [false, true] {
                    let got = keys.withUnsafeBufferPointer { RadixSort.sortedIndices(keys: $0, descending: descending).indices }
                    let want = (0..<n).sorted { a, b in
                        keys[a] != keys[b] ? (descending ? keys[a] > keys[b] : keys[a] < keys[b]) : a < b
                    }.map(Int32.init)
                    if got != want { mismatches.append("\(n) keys, descending \(descending)") }
                }
            }
            return mismatches
        }
        #expect(mismatches.isEmpty, "\(kind): \(mismatches)")
    }

    @Test func narrowingEqualsAFreshFullScanInAnyOrder() async {
        let mismatches = await offPool { () -> [String] in
            let (store, _) = DeviceStoreTests.hundredK
            let sorted = DeviceOrder(store: store, column: .mdn, descending: true)
            var mismatches: [String] = []
            for (first, next) in [("3", "35"), ("e", "el"), ("u", "u-b"), ("9", "99"), ("a", "al")] {
                for licence in LicenceFilter.allCases {
                    let ascending = store.filter(query: DeviceStore.fold(first), licence: licence)
                    var order = sorted
                    let inSortOrder = order.arrange(ascending)
                    let fresh = store.filter(query: DeviceStore.fold(next), licence: licence)
                    if store.filter(query: DeviceStore.fold(next), licence: licence, within: ascending) != fresh {
                        mismatches.append("\(first) then \(next), \(licence)")
                    }
                    if store.filter(query: DeviceStore.fold(next), licence: licence, within: inSortOrder) != order.arrange(fresh) {
                        mismatches.append("\(first) then \(next) in sort order, \(licence)")
                    }
                    // A short list in sort order takes the one-by-one way.
                    let few = Array(inSortOrder.prefix(store.count / 20))
                    let matching = Set(fresh)
                    if store.filter(query: DeviceStore.fold(next), licence: licence, within: few) != few.filter({ matching.contains($0) }) {
                        mismatches.append("\(first) then \(next) within a short list, \(licence)")
                    }
                }
            }
            return mismatches
        }
        #expect(mismatches.isEmpty, "narrowings that differ from a full scan: \(mismatches)")
    }

    @Test func narrowingFindsMatchesAtTheVeryEndOfTheText() {
        var store = DeviceStore()
        for n in 0..<300 {
            store.upsert(DeviceInfo(deviceId: Fixture.imei(n), mdn: "", make: "m", model: n == 299 ? "tail-xyz" : "mid-xy", licenseAssigned: false))
        }
        let all = Array(0..<Int32(300))
        #expect(store.filter(query: DeviceStore.fold("xyz"), licence: .all, within: all) == [299])
        #expect(store.filter(query: DeviceStore.fold("xy"), licence: .all, within: all).count == 300)
        #expect(store.filter(query: DeviceStore.fold("yz\n"), licence: .all, within: all).isEmpty, "the newline is folded to a space")
    }
}
