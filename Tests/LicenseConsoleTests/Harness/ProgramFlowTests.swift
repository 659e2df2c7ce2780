import Drawing
import Foundation
import LicenseConsole
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// The whole console (program, services, run engine) against a real simulator over loopback,
/// driven by keys through the headless harness. These are the flows the tmux tests drove before.
@Suite("Console program flows", .timeLimit(.minutes(2))) @MainActor
struct ProgramFlowTests {
    static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    /// Store indices of the devices the picker shows.
    static func shown(_ s: ConsoleState) -> [Int] {
        (0..<s.shownCount).map { s.picker.storeIndex(at: $0, in: s.store) }
    }

    @Test func filterSelectAssignAndRemove() async throws {
        try await withConsole({ c in
            c.devices = 2000
            c.used = 1000
            c.licenses = 9000
        }) { h in
            try await h.waitFor("all 2,000 devices loaded") { $0.load.done && $0.store.count == 2000 }
            #expect(h.state.counts == LicenseCounts(total: 9000, used: 1000))
            #expect(Self.matches(h.screen(), "1,000 / 9,000"))

            // Filter: only matching devices are shown, case-insensitively.
            h.press(.char("/"))
            h.type("quectel")
            h.press(.enter)
            let filtered = Self.shown(h.state)
            #expect(!filtered.isEmpty && filtered.count < 2000)
            #expect(filtered.allSatisfy { h.state.store.makeModel($0).lowercased().contains("quectel") })
            #expect(!h.deviceRows().isEmpty && h.deviceRows().allSatisfy { $0.lowercased().contains("quectel") })

            // Unlicensed only, select three, assign, confirm.
            h.press(.char("l"))
            #expect(h.state.picker.licence == .unlicensed)
            #expect(Self.shown(h.state).allSatisfy { !h.state.store.isLicensed($0) })
            h.press(.char(" "), .char(" "), .char(" "))
            #expect(h.state.store.selectedCount == 3)
            #expect(h.screen().contains("3 selected"))
            let chosen = h.state.store.selectedIndices.map { h.state.store.deviceId($0) }
            h.press(.char("a"))
            guard case .confirm(let dialog)? = h.state.modal else {
                Issue.record("no confirm dialog after a:\n\(h.screen())")
                return
            }
            #expect(dialog.operation == .assign && Set(dialog.deviceIds) == Set(chosen))
            let dialogScreen = h.screen()
            #expect(dialogScreen.contains("[y/n]") && dialogScreen.contains("0242078689-00001") && dialogScreen.contains("127.0.0.1"))
            h.press(.char("y"))
            #expect(h.state.run?.operation == .assign && h.state.run?.isActive == true)

            // The gauge's used count rises by the number of successes.
            try await h.waitFor("the assign run to finish and the counters to read 1,003 used") {
                $0.run?.summary != nil && $0.counts?.used == 1003
            }
            // The counters read after the run are in before the next run starts: a read that
            // answers after a later run ends would show its older count.
            try await h.waitUntilIdle("the counters read after the assign")
            #expect(h.state.counts?.used == 1003)
            #expect(h.state.run?.count(.success) == 3)
            #expect(await h.simulator.licensedDeviceIds().isSuperset(of: chosen))
            let after = h.screen()
            #expect(Self.matches(after, "1,003 / 9,000 used") && after.contains("3 / 3"), "\(after)")
            #expect(h.deviceRows().filter { $0.contains("Success") }.count == 3, "\(after)")

            // The selection drops the devices that reached the wanted state (a second x must not
            // remove what was just assigned); select the same three again from a file's list.
            #expect(h.state.store.selectedCount == 0, "\(after)")
            h.send(.fileLoaded(path: "chosen.txt", imeis: chosen, problems: []))
            #expect(h.state.store.selectedCount == 3)
            h.press(.escape)   // the file report

            // Remove the same three: Enter does not confirm a remove, y does.
            let assignTag = h.state.run?.tag
            h.press(.char("x"))
            guard case .confirm(let removeDialog)? = h.state.modal, removeDialog.operation == .remove else {
                Issue.record("no remove dialog after x:\n\(h.screen())")
                return
            }
            #expect(h.screen().lowercased().contains("remove"))
            h.press(.enter)
            #expect(h.state.modal == .confirm(removeDialog), "Enter must not confirm a remove")
            #expect(h.state.run?.tag == assignTag && h.state.run?.operation == .assign, "Enter must not start a run")
            #expect(await h.simulator.counters().removeRequests == 0)
            h.press(.char("y"))
            #expect(h.state.modal == nil && h.state.run?.operation == .remove)
            try await h.waitFor("the remove run to finish and the counters to read 1,000 used") {
                $0.run?.operation == .remove && $0.run?.summary != nil && $0.counts?.used == 1000
            }
            try await h.waitUntilIdle("the counters read after the remove")
            #expect(h.state.counts?.used == 1000)
            #expect(await h.simulator.licensedDeviceIds().isDisjoint(with: chosen))
            #expect(Self.matches(h.screen(), "1,000 / 9,000 used"))

            // q quits when no run is going.
            h.press(.char("q"))
            #expect(h.program.isFinished)
        }
    }

    @Test func intermediateScreenWhileBatchesAreHeld() async throws {
        try await withConsole({ c in
            c.devices = 300
            c.used = 0
            c.licenses = 1000
            c.faults.holdBatches = true
        }) { h in
            try await h.waitFor("all 300 devices loaded") { $0.load.done && $0.store.count == 300 }
            h.press(.char("v"))
            #expect(h.state.store.selectedCount == 300)
            h.press(.char("a"))
            try await h.waitFor(text: "[y/n]")
            h.press(.char("y"))
            // Three batches of 100, two in flight, both held by the server.
            try await h.waitFor("two batches held by the server") { await h.simulator.heldBatchCount() == 2 }
            #expect(h.program.isTicking, "the clock ticks while a run is active")
            let before = h.state.now
            try await h.waitFor("a clock tick while the batches are held") { $0.now > before }

            await h.simulator.releaseBatches(1)
            try await h.waitFor("100 of 300 results") { $0.run?.done == 100 }
            let partial = try await h.waitFor(screen: "the gauge to follow the responses") { Self.matches($0, "100 / 1,000 used") }
            // Some but not all devices have results: the panel counts 100 done and 200 pending.
            #expect(Self.matches(partial, "100 / 300"), "intermediate screen:\n\(partial)")
            #expect(Self.matches(partial, "assigned 100 .*pending 200"), "intermediate screen:\n\(partial)")
            #expect(await h.simulator.heldBatchCount() >= 1)

            // A device of the answered batch shows its outcome, one of a held batch is pending.
            let answered = try #require(await h.simulator.licensedDeviceIds().sorted().first)
            let licensed = await h.simulator.licensedDeviceIds()
            let held = try #require(await h.simulator.allDeviceIds().filter { !licensed.contains($0) }.first)
            let answeredIndex = try #require(h.state.store.index(of: answered))
            let heldIndex = try #require(h.state.store.index(of: held))
            #expect(h.state.store.lastOutcome(answeredIndex) == .done(.success, .assign))
            #expect(h.state.store.lastOutcome(heldIndex) == .pending(.assign))
            h.press(.char("/"))
            h.type(answered)
            #expect(h.deviceRows().count == 1 && h.deviceRows().first?.contains("Success") == true, "\(h.screen())")
            h.press(.escape, .char("/"))
            h.type(held)
            #expect(h.deviceRows().count == 1 && h.deviceRows().first?.contains("pending") == true, "\(h.screen())")
            h.press(.escape)

            await h.simulator.setHoldBatches(false)
            await h.simulator.releaseAllBatches()
            try await h.waitFor("all 300 results and the counters read again") {
                $0.run?.summary != nil && $0.counts?.used == 300
            }
            #expect(!h.program.isTicking, "the clock stops when the run ends")
            let final = h.screen()
            #expect(Self.matches(final, "300 / 300") && Self.matches(final, "300 / 1,000 used"), "\(final)")
            #expect(!h.deviceRows().isEmpty && h.deviceRows().allSatisfy { $0.contains("Success") }, "\(final)")
        }
    }

    @Test func quitDuringARunStopsAfterTheBatchesInFlight() async throws {
        try await withConsole({ c in
            c.devices = 300
            c.used = 0
            c.licenses = 1000
            c.faults.holdBatches = true
        }) { h in
            try await h.waitFor("all 300 devices loaded") { $0.load.done && $0.store.count == 300 }
            h.press(.char("v"), .char("a"), .char("y"))
            try await h.waitFor("two batches held by the server") { await h.simulator.heldBatchCount() == 2 }
            h.press(.char("q"))
            #expect(h.state.modal == .quitDuringRun)
            #expect(!h.program.isFinished)
            h.press(.char("y"))
            #expect(h.state.quitWhenRunEnds && h.state.run?.stopRequested == true)
            #expect(!h.program.isFinished, "the console waits for the batches in flight")
            await h.simulator.releaseAllBatches()
            try await h.waitFor("the console to quit once the run has stopped") { _ in h.program.isFinished }
            // The third batch was never sent.
            #expect(await h.simulator.counters().assignRequests == 2)
            #expect(await h.simulator.licensedDeviceIds().count == 200)
        }
    }

    @Test func quitAgainWhileStoppingQuitsAtOnceAndEndsEveryEffect() async throws {
        try await withConsole({ c in
            c.devices = 300
            c.used = 0
            c.licenses = 1000
            c.faults.holdBatches = true
        }) { h in
            try await h.waitFor("all 300 devices loaded") { $0.load.done && $0.store.count == 300 }
            h.press(.char("v"), .char("a"), .char("y"))
            try await h.waitFor("two batches held by the server") { await h.simulator.heldBatchCount() == 2 }
            h.press(.char("q"), .ctrl("c"))
            #expect(h.state.quitWhenRunEnds && !h.program.isFinished)
            h.press(.char("q"))
            #expect(h.program.isFinished, "a second q while stopping quits at once")
            #expect(await h.simulator.heldBatchCount() == 2, "the batches were still held when the console quit")
            #expect(!h.program.isTicking, "the clock stopped with the console")
            // The batches in flight are answered; the third is never sent, and then nothing is left running.
            await h.simulator.releaseAllBatches()
            #expect(await h.program.waitUntilIdle(timeout: 20), "every effect ends after the console quit")
            #expect(h.program.runningEffectCount == 0)
            #expect(await h.simulator.counters().assignRequests == 2)
        }
    }
}
