import Drawing
import Foundation
import LicenseConsole
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// The console against a server that dies mid-run, and the two-step `S`.
@Suite("Console: host unreachable, S and S again")
@MainActor
struct HostUnreachableTests {
    static let options = RunOptions(batchSize: 100, concurrency: 2,
                                    retry: RetryPolicy(maxAttempts: 6, initialBackoff: 0.05, maxBackoff: 0.1))

    @Test func aDeadServerAsksWhetherToTryAgainAndYSendsTheDevicesNotDone() async throws {
        try await withConsole(runOptions: Self.options, { c in
            c.devices = 300
            c.used = 0
            c.licenses = 1000
            c.faults.holdBatches = true
        }) { h in
            try await h.waitFor("all 300 devices loaded") { $0.load.done && $0.store.count == 300 }
            h.press(.char("v"), .char("a"), .char("y"))
            try await h.waitFor("two batches held by the server") { await h.simulator.heldBatchCount() == 2 }
            await h.simulator.kill()

            try await h.waitFor("the host-unreachable dialog") { s in
                if case .hostUnreachable = s.modal { return true }
                return false
            }
            guard case .hostUnreachable(let dialog) = h.state.modal else { return }
            // The two held batches got no answer; the third was never sent.
            #expect(h.state.run?.count(.unknown) == 200)
            #expect(h.state.run?.count(.skipped) == 100)
            #expect(dialog.retryIds.count == 300 && dialog.unknown == 200)
            let screen = h.screen()
            #expect(screen.contains("Host unreachable") && screen.contains("stopped answering"), "\(screen)")
            #expect(screen.contains("[y/n]"), "\(screen)")
            try await h.waitFor("the counts to be shown as not current") { !$0.countsCurrent }
            #expect(h.screen().contains("not current"), "\(h.screen())")

            // y: a new run of the 300 devices not done (the host is still dead: it stops again).
            let firstTag = try #require(h.state.run?.tag)
            h.press(.char("y"))
            #expect(h.state.run?.tag != firstTag)
            #expect(h.state.run?.requested == 300)
            try await h.waitFor("the retry to stop at the dead host too") { s in
                if case .hostUnreachable = s.modal { return s.run?.tag != firstTag }
                return false
            }
            #expect(h.state.run?.count(.skipped) == 300)
            h.press(.char("n"))
            #expect(h.state.modal == nil)
        }
    }

    @Test func sStopsAtOnceAndSAgainCancelsTheRequestsInFlight() async throws {
        try await withConsole(runOptions: Self.options, { c in
            c.devices = 300
            c.used = 0
            c.licenses = 1000
            c.faults.holdBatches = true
        }) { h in
            try await h.waitFor("all 300 devices loaded") { $0.load.done && $0.store.count == 300 }
            h.press(.char("v"), .char("a"), .char("y"))
            try await h.waitFor("two batches held by the server") { await h.simulator.heldBatchCount() == 2 }
            h.press(.char("S"))
            #expect(h.state.run?.stopRequested == true)
            try await h.waitFor(text: "S again cancels them")
            #expect(h.state.run?.isActive == true, "the batches in flight are still held")
            h.press(.char("S"))
            #expect(h.state.run?.cancelRequested == true)
            try await h.waitFor("the cancelled run to finish") { $0.run?.summary != nil }
            #expect(h.state.run?.count(.unknown) == 200)
            #expect(h.state.run?.count(.skipped) == 100)
            #expect(h.state.run?.failedIds.count == 200, "R sends the unanswered devices again")
            try await h.waitFor(text: "unknown 200")
        }
    }
}
