import Drawing
import Foundation
@testable import LicenseConsole
import RunJournal
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// `H`, the history view, with the real program and services against the simulator and a
/// private journal: open, move, inspect, filter, resume, undo, and the guards.
@Suite("Console history view", .timeLimit(.minutes(3))) @MainActor
struct HistoryFlowTests {
    static func history(_ h: ConsoleHarness) -> HistoryState? {
        if case .history(let state) = h.state.modal { return state }
        return nil
    }

    /// `H`, and the runs read.
    static func openHistory(_ h: ConsoleHarness, runs: Int) async throws {
        h.press(.char("H"))
        try await h.waitFor("the history to list \(runs) runs") { _ in history(h)?.runs?.count == runs }
    }

    /// A stopped run: `count` devices in batches of 10, the first batch held, then `S`.
    static func stoppedRun(_ h: ConsoleHarness, _ ids: [String]) async throws {
        try await ConsoleJournalTests.assign(h, ids)
        try await h.waitFor("the first batch held by the server") { await h.simulator.heldBatchCount() == 1 }
        h.press(.char("S"))
        await h.simulator.setHoldBatches(false)
        await h.simulator.releaseAllBatches()
        try await h.waitFor("the stopped run to finish") { $0.run?.summary != nil }
        try await h.waitUntilIdle("the counters read after the run")
    }

    @Test func openMoveInspectFilterAndClose() async throws {
        try await withJournaledConsole(devices: 200, hold: true) { h, store in
            let first = await unlicensedDevices(h.simulator, 30)
            try await Self.stoppedRun(h, first)
            let second = Array(await unlicensedDevices(h.simulator, 3))
            try await ConsoleJournalTests.assign(h, second)
            try await h.waitFor("the second run to finish") { $0.run?.summary?.results.count == 3 }
            try await h.waitUntilIdle("the counters read after the second run")

            try await Self.openHistory(h, runs: 2)
            #expect(h.state.keyContext == .history)
            let runs = try #require(Self.history(h)?.runs)
            // Newest first, to the millisecond: the completed run of 3, then the stopped run of 30.
            #expect(runs.map(\.state) == [.completed, .stopped])
            #expect(runs.map(\.devices) == [3, 30] && runs[1].succeeded == 10 && runs[1].unsent == 20)
            #expect(h.screen().contains("stopped") && h.screen().contains(runs[1].id))
            h.press(.char("j"))
            #expect(Self.history(h)?.cursor == 1)
            h.press(.char("j"))
            #expect(Self.history(h)?.cursor == 1, "the cursor stays on the last run")
            h.press(.char("g"))
            #expect(Self.history(h)?.cursor == 0)
            h.press(.char("j"))
            let stopped = 1

            // Enter inspects the stopped run: 30 results, 10 succeeded, 20 not sent.
            h.press(.enter)
            try await h.waitFor("the stopped run inspected") { _ in Self.history(h)?.inspected?.overview.id == runs[stopped].id }
            #expect(Self.history(h)?.shownResults.count == 30)
            h.press(.char("f"))   // failed
            #expect(Self.history(h)?.outcome == .failed && Self.history(h)?.shownResults.isEmpty == true)
            h.press(.char("f"))   // succeeded
            #expect(Self.history(h)?.shownResults.count == 10)
            #expect(Self.history(h)?.shownResults.allSatisfy { first.contains($0.deviceId) && $0.outcome == .success } == true)
            h.press(.char("f"), .char("f"))   // unknown, then not sent
            #expect(Self.history(h)?.outcome == .notSent && Self.history(h)?.shownResults.count == 20)
            let notSent = try #require(Self.history(h)?.shownResults.first)
            #expect(notSent.status == DeviceResult.notSentStatus && h.screen().contains(notSent.deviceId), "\(h.screen())")

            // Esc goes back to the runs, q closes the view.
            h.press(.escape)
            #expect(Self.history(h)?.inspected == nil && Self.history(h) != nil)
            h.press(.char("q"))
            #expect(h.state.modal == nil && !h.program.isFinished)
        }
    }

    @Test func resumeAppendsToTheSameRunUntilItReadsCompleted() async throws {
        try await withJournaledConsole(devices: 200, hold: true) { h, store in
            let ids = await unlicensedDevices(h.simulator, 30)
            try await Self.stoppedRun(h, ids)
            let runId = try #require(store.runIds().first)

            try await Self.openHistory(h, runs: 1)
            h.press(.char("R"))
            try await h.waitFor("the resume's confirm dialog") { s in
                if case .confirm = s.modal { return true } else { return false }
            }
            guard case .confirm(let dialog) = h.state.modal else { return }
            let before = try RunCatalog(store: store).load(runId).run
            #expect(dialog.deviceIds.count == 20 && dialog.deviceIds == before.pending)
            guard case .resume(let plan)? = dialog.followUp else { Issue.record("not a resume: \(dialog)"); return }
            #expect(plan.runId == runId)
            #expect(h.screen().contains("Resume \(runId)"))
            h.press(.char("y"))
            try await h.waitFor("the resume to finish") { $0.run?.summary != nil && $0.run?.followUp != nil }
            try await h.waitUntilIdle("the counters read after the resume")

            #expect(store.runIds() == [runId], "the resume appends to the run's own journal")
            let (run, state) = try RunCatalog(store: store).load(runId)
            #expect(state == .completed && run.parts == 2)
            #expect(run.succeeded == 30 && run.unsent == 0)
            #expect(await h.simulator.licenseCounts().used == 30)
            #expect(h.program.runsMade.map(\.runId) == [runId, runId])
        }
    }

    @Test func undoReturnsTheUsedCount() async throws {
        try await withJournaledConsole(devices: 200, used: 40) { h, store in
            let ids = await unlicensedDevices(h.simulator, 6)
            try await ConsoleJournalTests.assign(h, ids)
            try await h.waitFor("the assign to finish") { $0.run?.summary != nil }
            try await h.waitUntilIdle("the counters read after the assign")
            #expect(await h.simulator.licenseCounts().used == 46)
            let assignId = try #require(store.runIds().first)

            try await Self.openHistory(h, runs: 1)
            h.press(.char("u"))
            try await h.waitFor("the undo's confirm dialog") { s in
                if case .confirm = s.modal { return true } else { return false }
            }
            guard case .confirm(let dialog) = h.state.modal else { return }
            #expect(dialog.operation == .remove && Set(dialog.deviceIds) == Set(ids) && dialog.uncertain.isEmpty)
            #expect(dialog.followUp == .undo(runId: assignId))
            // A removal is confirmed with y only.
            h.press(.char("y"))
            try await h.waitFor("the undo to finish") { $0.run?.summary != nil && $0.run?.operation == .remove }
            try await h.waitUntilIdle("the counters read after the undo")
            #expect(await h.simulator.licenseCounts().used == 40)

            let runs = RunCatalog(store: store).list().runs
            #expect(runs.count == 2)
            // The undo is the newer run, even when both started in the same second.
            let undo = try #require(runs.first)
            #expect(undo.undoes == assignId && undo.operation == .remove && undo.state == .completed)
            #expect(undo.succeeded == 6)
        }
    }

    @Test func refusesARunOfAnotherAccountNamingBoth() async throws {
        try await withJournalStore { store in
            // A stopped run of another account on another host.
            let plan = RunPlanner.plan(deviceIds: ["356938035643809"], luhn: .ignore)
            let header = RunHeader(runId: RunId.make(), account: "1111111111-00001", baseURL: "https://other.example", apiVersion: "v1",
                                   operation: .assign)
            let recorder = try await RunRecorder.begin(store, header: header, plan: plan)
            try await recorder.finish(RunSummary(runId: header.runId, operation: .assign, account: header.account, results: [],
                                                 unsent: plan.toSend, elapsedMs: 0, counts: nil, stopped: true, fatalError: nil))
            try await withConsole(journal: store, { c in
                c.devices = 50
                c.used = 0
            }) { h in
                try await h.waitFor("all 50 devices loaded") { $0.load.done && $0.store.count == 50 }
                try await Self.openHistory(h, runs: 1)
                h.press(.char("R"))
                try await h.waitFor("the refusal") { s in
                    if case .info = s.modal { return true } else { return false }
                }
                guard case .info(let info) = h.state.modal else { return }
                let text = info.lines.joined(separator: " ")
                #expect(text.contains("1111111111-00001") && text.contains("https://other.example"))
                #expect(text.contains(h.configuration.account) && text.contains(h.client.configuration.baseURL.absoluteString))
                #expect(h.state.run == nil, "nothing was sent")
            }
        }
    }
}
