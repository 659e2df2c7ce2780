import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

/// Sorting the device table: `<` / `>` walk the shown columns, `~` reverses; stable, kept
/// across filters, merged with pages that stream in, the cursor stays on its device.
@Suite("Picker: sort")
struct SortTests {
    /// Devices whose makes, firmware and licences repeat, IMEIs in a shuffled order.
    static func mixed(_ count: Int, seed: UInt64 = 7) -> [DeviceInfo] {
        var rng = SplitMix(seed: seed)
        let makes = [("Telit", "LE910C4"), ("quectel", "BG96"), ("Sierra Wireless", "RV50X"), ("u-blox", "SARA-R410M"), ("Sequans", "GM01Q")]
        return (0..<count).map { n in
            let (make, model) = makes[Int(rng.next() % 5)]
            // Distinct IMEIs in a shuffled order (7919 is prime and does not divide 900,000).
            return DeviceInfo(deviceId: Fixture.imei(n * 7919 % 900_000), mdn: String(5_550_000_000 + Int(rng.next() % 9_999)),
                              make: make, model: model, firmware: "FW-\(rng.next() % 9)", fotaEligible: rng.next() % 5 != 0,
                              licenseAssigned: rng.next() % 3 == 0)
        }
    }

    /// The order a sort must give, the obvious way: by the column's value, ties in load order.
    static func reference(_ store: DeviceStore, _ column: TableColumnKind, descending: Bool) -> [Int32] {
        func value(_ i: Int) -> String {
            switch column {
            case .imei: return store.deviceId(i)
            case .mdn: return store.mdn(i)
            case .make: return store.make(i).lowercased()
            case .model: return store.model(i).lowercased()
            case .firmware: return store.firmware(i).lowercased()
            case .eligible: return store.isFotaEligible(i) ? "1" : "0"
            case .licence: return store.isLicensed(i) ? "1" : "0"
            case .outcome: return store.lastOutcome(i).words
            }
        }
        return (0..<store.count).sorted { a, b in
            let va = value(a), vb = value(b)
            if va != vb { return descending ? va > vb : va < vb }
            return a < b
        }.map(Int32.init)
    }

    static func shown(_ s: ConsoleState) -> [Int] {
        (0..<s.shownCount).map { s.picker.storeIndex(at: $0, in: s.store) }
    }

    @Test func aSortKeyChangesTheFirstRowAndTheHeaderMarksIt() throws {
        var s = Fixture.state(devices: Self.mixed(200).reversed(), width: 120, height: 30)
        let firstBefore = s.picker.storeIndex(at: 0, in: s.store)
        Fixture.keys(&s, .char(">"))                       // IMEI
        #expect(s.picker.sort == TableSort(column: .imei))
        let byImei = Self.shown(s)
        #expect(byImei.map(Int32.init) == Self.reference(s.store, .imei, descending: false))
        #expect(byImei[0] != firstBefore)
        #expect(s.cursorDevice == firstBefore, "the cursor stays on its device")
        Fixture.keys(&s, .home)
        var grid = view(s, width: 120, height: 30)
        #expect(grid.lines[s.layout.tableHeaderY].contains("IMEI↑"), "\(grid.lines[s.layout.tableHeaderY])")
        #expect(grid.lines[s.layout.tableY].contains(s.store.deviceId(byImei[0])))
        #expect(s.status?.text.contains("sorted by IMEI") == true)

        Fixture.keys(&s, .char("~"))
        #expect(Self.shown(s).map(Int32.init) == Self.reference(s.store, .imei, descending: true))
        grid = view(s, width: 120, height: 30)
        #expect(grid.lines[s.layout.tableHeaderY].contains("IMEI↓"))
        #expect(s.status?.text.contains("descending") == true)
    }

    @Test func theKeysWalkTheShownColumnsAndLoadOrderBetween() {
        let columns: [TableColumnKind] = [.model, .imei, .licence]
        let context = ConsoleContext(account: "a", host: "h", timeZone: Fixture.utc, columns: columns)
        var s = Fixture.state(devices: Self.mixed(50), context: context, width: 120, height: 30)
        var seen: [TableColumnKind?] = []
        for _ in 0..<4 {
            Fixture.keys(&s, .char(">"))
            seen.append(s.picker.sort.column)
        }
        #expect(seen == [.model, .imei, .licence, nil])
        #expect(Self.shown(s) == Array(0..<50), "after the last column: load order")
        Fixture.keys(&s, .char("<"))
        #expect(s.picker.sort.column == .licence)
        // `~` needs a sort column.
        Fixture.keys(&s, .char(">"), .char("~"))
        #expect(s.picker.sort.column == nil && !s.picker.sort.descending)
        #expect(s.status?.level == .warning)
    }

    @Test(arguments: TableColumnKind.allCases)
    func everyColumnSortsStablyBothWays(_ column: TableColumnKind) {
        var s = Fixture.state(devices: Self.mixed(3000), width: 200, height: 40)
        for descending in [false, true] {
            s.picker.sort = TableSort()
            s.applySort(TableSort(column: column, descending: descending))
            #expect(Self.shown(s).map(Int32.init) == Self.reference(s.store, column, descending: descending),
                    "\(column) descending \(descending)")
        }
    }

    @Test func theCursorStaysOnItsDevice() {
        var s = Fixture.state(devices: Self.mixed(500), width: 120, height: 30)
        Fixture.keys(&s, .pageDown, .pageDown, .down, .down)
        let device = s.cursorDevice
        for key: Character in [">", ">", ">", "~", ">", "<"] {
            Fixture.keys(&s, .char(key))
            #expect(s.cursorDevice == device, "after \(key)")
            let top = s.picker.top
            #expect(s.picker.cursor >= top && s.picker.cursor < top + s.layout.tableHeight, "the cursor row is on screen")
        }
    }

    @Test func theSortHoldsAcrossFiltersAndViews() {
        var s = Fixture.state(devices: Self.mixed(2000), width: 120, height: 30)
        Fixture.keys(&s, .char(">"), .char(">"), .char(">"), .char("~"))   // make, descending
        #expect(s.picker.sort == TableSort(column: .make, descending: true))
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "bg")
        let full = Self.reference(s.store, .make, descending: true)
        let want = full.filter { s.store.matches(Int($0), query: DeviceStore.fold("bg"), licence: .all) }
        #expect(Self.shown(s).map(Int32.init) == want)
        Fixture.type(&s, "9")                                               // narrowing keeps the order
        Fixture.keys(&s, .enter, .char("l"))
        let unlicensed = full.filter {
            s.store.isLicensed(Int($0)) == false && s.store.matches(Int($0), query: DeviceStore.fold("bg9"), licence: .all)
        }
        #expect(!unlicensed.isEmpty && Self.shown(s).map(Int32.init) == unlicensed)
        // Back to load order: the filtered list ascends again.
        Fixture.keys(&s, .char(">"), .char(">"), .char(">"), .char(">"), .char(">"), .char(">"))
        #expect(s.picker.sort.column == nil)
        #expect(Self.shown(s) == Self.shown(s).sorted())
    }

    /// Pages that stream in while sorted are merged; the result is what one full sort gives.
    @Test(arguments: [TableColumnKind.imei, .make, .firmware, .licence])
    func streamedPagesMergeToTheFullSort(_ column: TableColumnKind) {
        let devices = Self.mixed(5000, seed: 11)
        var s = ConsoleState(context: Fixture.context, now: Fixture.t0)
        _ = update(&s, .resize(width: 200, height: 40))
        _ = update(&s, .start)
        _ = update(&s, .devicePageLoaded(devices: Array(devices[0..<100]), loadedSoFar: 100, done: false, generation: 1))
        s.applySort(TableSort(column: column, descending: column == .firmware))
        Fixture.keys(&s, .down, .down, .down)
        let device = s.cursorDevice
        var filtered = s
        Fixture.keys(&filtered, .char("/"))
        Fixture.type(&filtered, "bg9")
        Fixture.keys(&filtered, .enter)
        for start in stride(from: 100, to: 5000, by: 700) {
            let page = Array(devices[start..<min(5000, start + 700)])
            for var state in [s, filtered] {
                _ = update(&state, .devicePageLoaded(devices: page, loadedSoFar: start + page.count, done: false, generation: 1))
                if state.picker.isFiltered { filtered = state } else { s = state }
            }
            #expect(s.cursorDevice == device, "the cursor stays on its device while pages merge in")
        }
        let full = DeviceOrder(store: s.store, column: column, descending: column == .firmware)
        #expect(s.picker.order?.indices == full.indices)
        #expect(Self.shown(s).map(Int32.init) == Self.reference(s.store, column, descending: column == .firmware))
        let want = full.indices.filter { filtered.store.matches(Int($0), query: DeviceStore.fold("bg9"), licence: .all) }
        #expect(Self.shown(filtered).map(Int32.init) == want)
    }

    @Test func idsThatAreNotShortNumbersSortByTheirWholeText() {
        let ids = ["ABCDEFGH-2", "ABCDEFGH-10", "99", "100", "abcdefgh-1", "A", "", "1234567890123456789012", "1234567890123456789011"]
        let devices = ids.map { DeviceInfo(deviceId: $0, mdn: "", licenseAssigned: false) }
        var store = DeviceStore()
        for d in devices { store.upsert(d) }
        let order = DeviceOrder(store: store, column: .imei, descending: false).indices.map { store.deviceId(Int($0)) }
        // Short numbers first in numeric order, then the rest by text (case folded), ties in load order.
        #expect(order == ["", "99", "100", "1234567890123456789011", "1234567890123456789012", "A", "abcdefgh-1", "ABCDEFGH-10", "ABCDEFGH-2"])
        let reversed = DeviceOrder(store: store, column: .imei, descending: true).indices.map { store.deviceId(Int($0)) }
        #expect(reversed == order.reversed())
    }

    @Test func radixSortIsAStableSort() {
        var rng = SplitMix(seed: 3)
        for bits in [1, 8, 20, 30, 47, 64] {
            let keys = (0..<5000).map { _ in bits == 64 ? rng.next() : rng.next() % (1 << UInt64(bits)) }
            var items = (0..<5000).map(Int32.init)
            var sortedKeys = keys
            RadixSort.sort(&items, keys: &sortedKeys)
            let want = (0..<5000).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map(Int32.init)
            #expect(items == want, "\(bits)-bit keys")
            #expect(sortedKeys == keys.sorted())
        }
        // Items not in ascending order, wide keys with ties: equal keys still keep their order.
        let keys: [UInt64] = (0..<3000).map { _ in (rng.next() % 50) << 30 }
        var items: [Int32] = (0..<3000).map { Int32(2999 - $0) }
        var sortedKeys = keys
        let positions: [Int] = (0..<3000).sorted { (a: Int, b: Int) -> Bool in keys[a] != keys[b] ? keys[a] < keys[b] : a < b }
        let want: [Int32] = positions.map { Int32(2999 - $0) }
        RadixSort.sort(&items, keys: &sortedKeys)
        #expect(items == want)
    }
}
