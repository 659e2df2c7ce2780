import Drawing
import Foundation
@testable import LicenseConsole
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// `r` once every device is known: the list is read again as ranges in parallel.
@Suite("Refresh in ranges", .timeLimit(.minutes(2))) @MainActor
struct RangeRefreshTests {
    @Test("r after a full load asks for ranges starting at devices of the list; a partial list reads sequentially")
    func refreshAsksForRanges() {
        let devices = Fixture.devices(4_000)
        var s = Fixture.state(devices: devices)
        let effects = Fixture.keys(&s, .char("r"))
        #expect(effects == [.loadInRanges(generation: 2, starts: [devices[1_000].deviceId, devices[2_000].deviceId,
                                                                  devices[3_000].deviceId])])
        var partial = Fixture.state(devices: devices, done: false)
        #expect(Fixture.keys(&partial, .char("r")) == [.loadAll(generation: 2)])
        var small = Fixture.state(devices: Fixture.devices(300))
        #expect(Fixture.keys(&small, .char("r")) == [.loadAll(generation: 2)])
    }

    @Test("ranges bring back every device once, in the account's order, with the selection kept")
    func refreshInRangesKeepsOrderAndSelection() async throws {
        try await withConsole({ c in
            c.devices = 3_000
            c.used = 100
            c.pageSize = 150
        }) { h in
            try await h.waitFor("the first load to end") { $0.load.done || $0.load.error != nil }
            let all = await h.simulator.allDeviceIds()
            #expect((0..<h.state.store.count).map { h.state.store.deviceId($0) } == all)
            h.press(.char(" "), .char(" "))
            #expect(h.state.store.selectedCount == 2)
            let before = await h.simulator.counters().deviceListRequests
            h.press(.char("r"))
            try await h.waitFor("the refresh to end") { $0.load.generation == 2 && ($0.load.done || $0.load.error != nil) }
            #expect(h.state.load.error == nil)
            #expect((0..<h.state.store.count).map { h.state.store.deviceId($0) } == all)
            #expect(h.state.store.selectedCount == 2)
            #expect(h.state.store.isSelected(0) && h.state.store.isSelected(1))
            // 20 pages of 150 read again; each of the 4 ranges may end on a page that goes past its end.
            let requests = await h.simulator.counters().deviceListRequests - before
            #expect(requests >= 20 && requests <= 23)
        }
    }
}
