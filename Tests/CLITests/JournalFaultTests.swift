import Foundation
import RunJournal
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// The journal when the server goes away mid-run, and when answers are lost.
@Suite("journal: server gone, lost answers")
struct JournalFaultTests {
    /// The server dies with two batches on the wire: the run ends `failed`, the answered devices
    /// keep their outcomes, the rest are pending; once a server answers on the same address
    /// again, `resume` sends exactly the pending devices.
    @Test func aRunWhoseServerDiedIsResumedWhenItIsBack() async throws {
        try await withCLI({ $0.faults.holdBatches = true }) { sim, box in
            let ids = await sim.unlicensed(40)
            let list = try box.file("ids.txt", ids.joined(separator: "\n") + "\n")
            let cli = try box.start(["assign", "--yes", "--format", "json", "--batch-size", "5", "--concurrency", "2",
                                     "--from-file", list], environment: sim.environment)
            defer { cli.kill() }
            for answered in 1...2 {
                let held = await cli.waitFor(timeout: 60) { await sim.simulator.heldBatchCount() >= 1 }
                #expect(held, "batch \(answered) reached the simulator: \(cli.stderrSoFar)")
                await sim.simulator.releaseBatches(1)
                let recorded = await cli.waitFor(timeout: 60) { JournalCLITests.answeredBatches(box) >= answered }
                #expect(recorded, "batch \(answered)'s answer is on record")
            }
            let twoHeld = await cli.waitFor(timeout: 60) { await sim.simulator.heldBatchCount() == 2 }
            #expect(twoHeld, "two batches on the wire")
            await sim.simulator.kill()
            let ended = await cli.finish()
            #expect(ended.status == 1, "\(ended)")
            let store = JournalCLITests.store(box)
            let runId = try #require(store.runIds().first)
            let gone = try JournaledRun.load(store, runId: runId)
            #expect(gone.state(lockHeld: false) == .failed)
            let final = Set(gone.devices.filter { gone.isFinal($0) })
            #expect(final.count == 10 && gone.pending.count == 30, "two batches answered, the rest pending")

            // The server is back on the same address (a fresh account: nothing of the first run applied).
            var config = sim.configuration
            config.port = sim.url.port ?? 0
            config.faults.holdBatches = false
            let back = ThingSpaceSimulator(configuration: config)
            _ = try await back.start()
            do {
                let usedBefore = await back.licenseCounts().used
                let resume = try await box.run(["resume", runId, "--yes", "--format", "json"], environment: sim.environment)
                #expect(resume.status == 0, "\(resume)")
                let done = try JournaledRun.load(store, runId: runId)
                #expect(done.state(lockHeld: false) == .completed && done.pending.isEmpty)
                #expect(await back.licenseCounts().used == usedBefore + 30, "exactly the pending devices were sent")
                #expect(await back.licensedDeviceIds().isDisjoint(with: final), "no answered device was sent again")
            } catch {
                await back.stop()
                throw error
            }
            await back.stop()
        }
    }

    /// Every third answer is lost (the request applied, the answer never sent): the re-sent
    /// batches answer "preexisting", so those devices may be the run's own doing. `undo` leaves
    /// them alone and names them; `--include-uncertain` reverses them too, and the used count is
    /// back where it started.
    @Test func lostAnswersMakeUncertainDevicesThatUndoLeavesAloneUnlessAsked() async throws {
        try await withCLI({ $0.faults.loseAnswerEvery = 3 }) { sim, box in
            let usedAtStart = await sim.simulator.licenseCounts().used
            let ids = await sim.unlicensed(30)
            let assign = try await box.run(["assign", "--yes", "--batch-size", "5", "--concurrency", "1", "--timeout", "10"] + ids,
                                           environment: sim.environment)
            #expect(assign.status == 0, "\(assign)")
            #expect(await sim.simulator.counters().answersLost >= 2)
            let store = JournalCLITests.store(box)
            let runId = try #require(store.runIds().first)
            let run = try JournaledRun.load(store, runId: runId)
            let uncertain = run.devices.filter { run.results[$0]?.possiblyOwnDoing == true }
            #expect(!uncertain.isEmpty && uncertain.count % 5 == 0, "whole batches answered preexisting after a lost answer")

            var quiet = sim.configuration.faults
            quiet.loseAnswerEvery = 0
            await sim.simulator.setFaults(quiet)
            let undo = try await box.run(["undo", runId, "--yes"], environment: sim.environment)
            #expect(undo.status == 0, "\(undo)")
            #expect(undo.stderr.contains("\(uncertain.count) devices may or may not have been changed by the run"), "\(undo)")
            #expect(uncertain.allSatisfy { undo.stderr.contains("  \($0)") })
            #expect(await sim.simulator.licenseCounts().used == usedAtStart + uncertain.count, "the uncertain ones are left alone")

            let all = try await box.run(["undo", runId, "--yes", "--include-uncertain"], environment: sim.environment)
            #expect(all.status == 0, "\(all)")
            #expect(await sim.simulator.licenseCounts().used == usedAtStart)
        }
    }
}
