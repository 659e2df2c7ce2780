import Foundation
import LicenseConsole
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator
import RunJournal

/// The console's device load under throttling and server errors: it retries, keeps every row,
/// and `r` after a failure continues from the page that failed.
@MainActor
@Suite struct LoadRetryTests {
    static let quick = RetryPolicy(maxAttempts: 30, initialBackoff: 0.005, maxBackoff: 0.02, maxRetryAfter: 0.02,
                                   lostReplyResends: 0)

    @Test func theDeviceListLoadsThrough429sAnd503s() async throws {
        try await withConsole(readRetry: Self.quick, { c in
            c.devices = 1500
            c.pageSize = 100
            c.faults.rateLimitRate = 0.25
            c.faults.serverErrorRate = 0.2
            c.seed = 5
        }) { console in
            try await console.waitFor("every page to load") { $0.load.done }
            #expect(console.state.load.error == nil)
            #expect(console.state.store.count == 1500)
            let counters = await console.simulator.counters()
            #expect(counters.rateLimited + counters.serverErrors > 0, "the faults were injected")
        }
    }

    @Test func rKeepsTheRowsAndContinuesWhereLoadingStopped() async throws {
        try await withConsole(readRetry: .never, { c in
            c.devices = 1000
            c.pageSize = 100
            c.faults.serverErrorRate = 0.3
            c.seed = 21
        }) { console in
            try await console.waitFor("loading to stop at a failed page (no retries)") { $0.load.error != nil || $0.load.done }
            try #require(!console.state.load.done, "seed 21 must fail some page before the last")
            let kept = console.state.store.count
            #expect(kept % 100 == 0, "whole pages kept")
            #expect(console.screen().contains("loading failed"))

            await console.simulator.setFaults(FaultConfiguration())
            let before = await console.simulator.counters().deviceListRequests
            console.press(.escape, .char("r"))   // close the error dialog, then r
            try await console.waitFor("the rest of the pages to load") { $0.load.done }
            #expect(console.state.store.count == 1000)
            let ids = (0..<console.state.store.count).map { console.state.store.deviceId($0) }
            #expect(Set(ids) == Set(await console.simulator.allDeviceIds()))
            let after = await console.simulator.counters().deviceListRequests
            #expect(after - before == (1000 - kept) / 100, "only the pages not yet loaded were read again")
        }
    }
}

/// `r` after a failed page while the load's counter read is still on the wire: the device read
/// has ended, so `r` continues it. (It was ignored while the load's task, still waiting for the
/// counters, had not ended: loading then hung at "Continuing to load devices", 1 run in 8 on a
/// loaded machine.)
@MainActor
@Suite struct LoadResumeTests {
    @Test func rContinuesWhileTheCountersAreStillBeingRead() async throws {
        let gate = ReadGate()
        try await withConsole(readRetry: .never, wrap: { HeldCounts(base: $0, gate: gate) }, { c in
            c.devices = 500
            c.used = 100
            c.pageSize = 100
            c.faults.serverErrorRate = 1   // every licence request fails: the first page too
        }) { console in
            defer { gate.open() }   // a failing test must not leave the counter read held
            try await console.waitFor("the first page to fail") { $0.load.error != nil }
            #expect(console.state.store.count == 0)
            #expect(gate.waiting >= 1, "the counter read is held in flight")
            await console.simulator.setFaults(FaultConfiguration())
            console.press(.escape, .char("r"))
            try await console.waitFor("every page to load, the counters still unread") { $0.load.done }
            #expect(console.state.store.count == 500)
            #expect(gate.waiting >= 1, "the counters were still on the wire while the devices loaded")
            gate.open()
            try await console.waitFor("the counters to arrive") { $0.counts != nil }
        }
    }
}
