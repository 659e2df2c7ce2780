import Drawing
import Foundation
import Testing
import TestSupport
@testable import LicenseConsole
import ThingSpaceAPI

@Suite("Device store: columns, search, selection")
struct DeviceStoreTests {
    /// A varied generated account: makes in mixed case, some non-ASCII, MDNs, firmware.
    static func generated(_ count: Int) -> [DeviceInfo] {
        let makes = ["Sierra Wireless", "TELIT", "quectel", "Sequans", "u-blox", "Nordic Semi", "Ström AB"]
        let models = ["RV50X", "LE910C4-NF", "BG96", "Monarch 2", "SARA-R410M", "nRF9160", "Ålvik 3"]
        var rng = SplitMix(seed: 42)
        return (0..<count).map { n in
            let m = Int(rng.next() % UInt64(makes.count))
            return DeviceInfo(deviceId: Fixture.imei(n), mdn: String(2_000_000_000 + Int(rng.next() % 7_000_000_000)),
                              make: makes[m], model: models[(m + n) % models.count], firmware: "FW\(n % 13)",
                              licenseAssigned: rng.next() % 4 == 0)
        }
    }

    struct Reference: Sendable {
        var licensed: [Bool]
        var fields: [[String]]   // lowercased IMEI, MDN, make, model
    }

    /// 100,000 generated devices in a store, and the reference the naive filter reads. Built once
    /// (seconds in a debug build): touch it only inside `offPool`, never on the cooperative pool.
    static let hundredK: (DeviceStore, Reference) = {
        let devices = generated(100_000)
        var store = DeviceStore()
        for d in devices { store.upsert(d) }
        let reference = Reference(licensed: devices.map(\.licenseAssigned),
                                  fields: devices.map { d in [d.deviceId, d.mdn, d.make, d.model].map { $0.lowercased() } })
        return (store, reference)
    }()

    /// What the filter must return, computed the obvious way: the lowercased query's bytes
    /// anywhere inside one lowercased field (libc's `strstr`).
    static func naive(_ reference: Reference, _ query: String, _ licence: LicenceFilter) -> [Int32] {
        let q = query.lowercased()
        func contains(_ field: String) -> Bool {
            field.withCString { f in q.withCString { strstr(f, $0) != nil } }
        }
        return reference.fields.indices.filter { i in
            switch licence {
            case .all: break
            case .licensed: if !reference.licensed[i] { return false }
            case .unlicensed: if reference.licensed[i] { return false }
            }
            return q.isEmpty || reference.fields[i].contains(where: contains)
        }.map(Int32.init)
    }

    @Test(arguments: ["", "3", "35345609000", "telit", "TELIT", "Quectel", "monarch 2", "-nf", "r410",
                      "ström", "ÅLVIK", "nordic semi", "999", "zzz", "fw1", "\(Fixture.imei(77_777))"])
    func filterMatchesNaiveOn100k(_ query: String) async {
        let mismatches = await offPool { () -> [LicenceFilter] in
            let (store, reference) = Self.hundredK
            let all = Self.naive(reference, query, .all)
            return LicenceFilter.allCases.filter { licence in
                let want = all.filter { licence == .all || reference.licensed[Int($0)] == (licence == .licensed) }
                return store.filter(query: DeviceStore.fold(query), licence: licence) != want
            }
        }
        #expect(mismatches.isEmpty, "query \(query): licence views that differ from the naive filter: \(mismatches)")
    }

    @Test func firmwareIsNotSearched() async {
        // "fw1" appears only in firmware, which the filter does not cover.
        let found = await offPool { Self.hundredK.0.filter(query: DeviceStore.fold("fw1"), licence: .all).count }
        #expect(found == 0)
    }

    @Test func narrowingEqualsAFullScan() async {
        let (differing, last) = await offPool { () -> ([String], Int) in
            let (store, _) = Self.hundredK
            var list = store.filter(query: DeviceStore.fold("3"), licence: .unlicensed)
            var differing: [String] = []
            for q in ["35", "353", "3534", "35345609001"] {
                let narrowed = store.filter(query: DeviceStore.fold(q), licence: .unlicensed, within: list)
                if narrowed != store.filter(query: DeviceStore.fold(q), licence: .unlicensed) { differing.append(q) }
                list = narrowed
            }
            return (differing, list.count)
        }
        #expect(differing.isEmpty, "queries whose narrowing differs from a full scan: \(differing)")
        #expect(last > 0)
    }

    @Test func matchesDoesNotCrossDevicesOrFields() {
        var store = DeviceStore()
        store.upsert(DeviceInfo(deviceId: "111", mdn: "222", make: "Ab", model: "Cd", licenseAssigned: false))
        store.upsert(DeviceInfo(deviceId: "333", mdn: "444", make: "Ef", model: "Gh", licenseAssigned: true))
        #expect(store.filter(query: DeviceStore.fold("cd3"), licence: .all).isEmpty)   // end of one device + start of next
        #expect(store.filter(query: DeviceStore.fold("bc"), licence: .all).isEmpty)    // across make|model
        #expect(store.filter(query: DeviceStore.fold("GH"), licence: .all) == [1])
        #expect(store.matches(0, query: DeviceStore.fold("ab"), licence: .unlicensed))
        #expect(!store.matches(0, query: DeviceStore.fold("ab"), licence: .licensed))
    }

    @Test func upsertUpdatesInPlaceAndKeepsCounts() {
        var store = DeviceStore()
        let a = Fixture.device(1, licensed: false)
        #expect(store.upsert(a).inserted)
        store.setSelected(0, true)
        #expect(store.selectedLicensedCount == 0)
        var again = a
        again.licenseAssigned = true
        again.firmware = "FW-9"
        let r = store.upsert(again)
        #expect(!r.inserted && r.index == 0 && store.count == 1)
        #expect(store.licensedCount == 1 && store.selectedLicensedCount == 1)
        #expect(store.firmware(0) == "FW-9")
        #expect(store.index(of: a.deviceId) == 0)
        #expect(store.index(of: "nope") == nil)
    }

    /// A reloaded device whose MDN or model changed is found by its new text, not its old one,
    /// whether the line kept its length (rewritten in place) or not (rebuilt once settled).
    @Test func aReloadedDeviceIsSearchedByItsNewText() {
        var store = DeviceStore()
        store.upsert(DeviceInfo(deviceId: "111", mdn: "2025550001", make: "Ab", model: "Cd", licenseAssigned: false))
        store.upsert(DeviceInfo(deviceId: "333", mdn: "2025550002", make: "Ef", model: "Gh", licenseAssigned: false))
        store.upsert(DeviceInfo(deviceId: "555", mdn: "2025550003", make: "Ij", model: "Kl", licenseAssigned: false))
        // Same length: in place.
        store.upsert(DeviceInfo(deviceId: "111", mdn: "2025559999", make: "Ab", model: "Cd", licenseAssigned: false))
        #expect(store.filter(query: DeviceStore.fold("2025559999"), licence: .all) == [0])
        #expect(store.filter(query: DeviceStore.fold("2025550001"), licence: .all).isEmpty)
        // Longer and shorter lines: rebuilt in one pass.
        store.upsert(DeviceInfo(deviceId: "333", mdn: "12025550777", make: "Ef", model: "Gh-Long", licenseAssigned: false))
        store.upsert(DeviceInfo(deviceId: "555", mdn: "88", make: "Ij", model: "K", licenseAssigned: false))
        store.settleSearchText()
        #expect(store.filter(query: DeviceStore.fold("12025550777"), licence: .all) == [1])
        #expect(store.filter(query: DeviceStore.fold("gh-long"), licence: .all) == [1])
        #expect(store.filter(query: DeviceStore.fold("\t88\t"), licence: .all).isEmpty, "no tab in a fold")
        #expect(store.filter(query: DeviceStore.fold("88"), licence: .all) == [2])
        #expect(store.filter(query: DeviceStore.fold("2025550003"), licence: .all).isEmpty)
        #expect(store.filter(query: DeviceStore.fold("2025559999"), licence: .all) == [0], "the line before is kept")
        #expect(store.filter(query: DeviceStore.fold("kl"), licence: .all).isEmpty)
    }

    @Test func selectionCountsAcrossToggleInvertClearAndResults() {
        var store = DeviceStore()
        for d in Fixture.devices(200) { store.upsert(d) }   // every third licensed
        func brute() -> (Int, Int) {
            var sel = 0, lic = 0
            for i in 0..<store.count where store.isSelected(i) { sel += 1; if store.isLicensed(i) { lic += 1 } }
            return (sel, lic)
        }
        for i in stride(from: 0, to: 200, by: 2) { store.toggleSelected(i) }
        #expect(brute() == (store.selectedCount, store.selectedLicensedCount))
        for i in 0..<200 { store.toggleSelected(i) }   // invert
        #expect(store.selectedCount == 100)
        #expect(brute() == (store.selectedCount, store.selectedLicensedCount))
        store.record(1, outcome: .success, operation: .assign, reason: "")          // licence gained
        store.record(3, outcome: .success, operation: .remove, reason: "")          // licence lost
        store.record(5, outcome: .failed, operation: .assign, reason: "nope")       // unchanged
        #expect(brute() == (store.selectedCount, store.selectedLicensedCount))
        #expect(store.selectedIndices.count == store.selectedCount)
        store.clearSelection()
        #expect(store.selectedCount == 0 && store.selectedLicensedCount == 0 && brute() == (0, 0))
    }

    @Test func lastOutcomeAndReason() {
        var store = DeviceStore()
        store.upsert(Fixture.device(0, licensed: false))
        #expect(store.lastOutcome(0) == .none)
        store.setPending(0, .remove)
        #expect(store.lastOutcome(0) == .pending(.remove))
        store.record(0, outcome: .failed, operation: .assign, reason: "Device is not FOTA eligible")
        #expect(store.lastOutcome(0) == .done(.failed, .assign))
        #expect(store.reason(0) == "Device is not FOTA eligible")
        #expect(LastOutcome.done(.success, .assign).words == "assigned")
        #expect(LastOutcome.done(.success, .remove).words == "removed")
        #expect(LastOutcome.done(.notLicensed, .remove).words == "not licensed")
    }
}

/// A small deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
