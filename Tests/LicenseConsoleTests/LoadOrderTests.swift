import Drawing
import Foundation
@testable import LicenseConsole
import Testing
import ThingSpaceAPI

/// The counts and the first device page are read at the same time, so either may answer first.
@Suite struct LoadOrderTests {
    @Test("a first page before the counts ends in the same state as the other way round")
    func pageBeforeCounts() {
        let devices = Fixture.devices(40)
        let counts = LicenseCounts(total: 9000, used: 1000)
        func loaded(countsFirst: Bool) -> ConsoleState {
            var s = ConsoleState(context: Fixture.context, now: Fixture.t0)
            _ = update(&s, .resize(width: 80, height: 24))
            _ = update(&s, .start)
            let page = Message.devicePageLoaded(devices: devices, loadedSoFar: 40, done: true, generation: s.load.generation)
            for message in countsFirst ? [.countsLoaded(counts, at: Fixture.t0), page] : [page, .countsLoaded(counts, at: Fixture.t0)] {
                _ = update(&s, message)
            }
            return s
        }
        let a = loaded(countsFirst: true), b = loaded(countsFirst: false)
        #expect(a.counts == counts && b.counts == counts)
        #expect(a.store.count == 40 && b.store.count == 40)
        #expect(a.load == b.load)
        #expect(a.status == b.status)
        #expect(view(a, width: 80, height: 24) == view(b, width: 80, height: 24))
    }
}
