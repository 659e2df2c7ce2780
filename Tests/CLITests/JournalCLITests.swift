import Foundation
import RunJournal
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// The journal from the outside: the real binary killed, hung up or terminated in the middle of a
/// run against the simulator, then `history` and `resume`.
@Suite("journal: kill, hang-up, terminate, resume")
struct JournalCLITests {
    static let devices = 60

    /// The sandbox's journal store.
    static func store(_ box: Sandbox) -> JournalStore {
        JournalStore(stateDirectory: (box.stateDirectory as NSString).appendingPathComponent("tslicense"))
    }

    /// Records of the one run in the sandbox (nil before it exists).
    static func records(_ box: Sandbox) -> [JournalRecord]? {
        guard let id = store(box).runIds().first else { return nil }
        return try? JournalReader.read(path: store(box).journalPath(id)).records
    }

    /// Batches answered and on record (the engine's own results, batch >= 0).
    static func answeredBatches(_ box: Sandbox) -> Int {
        (records(box) ?? []).filter { $0.type == .outcome && ($0.batch ?? -1) >= 0 }.count
    }

    /// An assign of 60 devices in batches of 5, two in flight, against a simulator that holds
    /// every batch: three batches are let through, then the fault hits with two batches on the
    /// wire. `SIGKILL`: no end record; `SIGHUP` / `SIGTERM`: the batches in flight are answered
    /// within the grace, the run is recorded as stopped, exit 128 + signal. Then `resume`: every
    /// device ends with exactly one final outcome, the used count is the start plus the devices
    /// newly licensed, and no device whose answer was on record is sent again.
    @Test(arguments: [SIGKILL, SIGHUP, SIGTERM])
    func aRunSurvivesTheSignalAndResumeFinishesIt(signal: Int32) async throws {
        try await withCLI({ $0.faults.holdBatches = true }) { sim, box in
            let ids = await sim.unlicensed(Self.devices)
            let usedAtStart = await sim.simulator.licenseCounts().used
            let list = try box.file("ids.txt", ids.joined(separator: "\n") + "\n")
            let cli = try box.start(["assign", "--yes", "--format", "json", "--batch-size", "5", "--concurrency", "2",
                                     "--note", "signal \(signal)", "--from-file", list], environment: sim.environment)
            defer { cli.kill() }
            // Let three batches through, one at a time, then hold two on the wire.
            for answered in 1...3 {
                let held = await cli.waitFor(timeout: 60) { await sim.simulator.heldBatchCount() >= 1 }
                #expect(held, "batch \(answered) reached the simulator: \(cli.stderrSoFar)")
                await sim.simulator.releaseBatches(1)
                let recorded = await cli.waitFor(timeout: 60) { Self.answeredBatches(box) >= answered }
                #expect(recorded, "batch \(answered)'s answer is on record")
            }
            let twoHeld = await cli.waitFor(timeout: 60) { await sim.simulator.heldBatchCount() == 2 }
            #expect(twoHeld, "two batches on the wire")
            let runId = try #require(Self.store(box).runIds().first)

            kill(cli.process.processIdentifier, signal)
            if signal != SIGKILL {
                let stopping = await cli.waitFor(timeout: 60) { cli.stderrSoFar.contains("stopping: no new batches") }
                #expect(stopping, "\(cli.stderrSoFar)")
            }
            await sim.simulator.setHoldBatches(false)
            await sim.simulator.releaseAllBatches()
            let ended = await cli.finish()
            // Killed: Foundation reports the signal's number; hung up or terminated: tslicense exits 128 + signal.
            #expect(ended.status == (signal == SIGKILL ? SIGKILL : 128 + signal), "\(ended)")

            let before = try JournaledRun.load(Self.store(box), runId: runId)
            let finalBefore = Set(before.devices.filter { before.isFinal($0) })
            #expect(finalBefore.count >= 15, "the three answered batches are on record")
            let history = try await box.run(["history", "--format", "json"], environment: sim.environment)
            let row = try #require(try history.jsonArray().first)
            #expect(row["state"] as? String == (signal == SIGKILL ? "interrupted" : "stopped"), "\(history)")
            #expect(row["devices"] as? Int == Self.devices && row["unsent"] as? Int == Self.devices - finalBefore.count)
            if signal == SIGKILL {
                #expect(ended.stdout.isEmpty, "killed: nothing printed, everything on record")
                #expect(before.sentUnanswered.count == 10, "the two batches on the wire are sent without an answer")
                let status = try await box.run(["status"], environment: sim.environment)
                #expect(status.stderr.contains("run \(runId) (assign, 60 devices) was interrupted"), "\(status)")
                #expect(status.stderr.contains("tslicense resume \(runId)"))
            } else {
                #expect(try ended.jsonObject()["summary"] != nil, "the summary is printed: \(ended)")
                #expect(before.lastEnd?.signal == signal && before.lastEnd?.state == "stopped")
                #expect(before.sentUnanswered.isEmpty, "the batches in flight were answered within the grace")
            }

            let requestsBefore = await sim.simulator.counters().assignRequests
            let resume = try await box.run(["resume", runId, "--yes", "--format", "json", "--batch-size", "5"],
                                           environment: sim.environment)
            #expect(resume.status == 0, "\(resume)")
            let after = try JournaledRun.load(Self.store(box), runId: runId)
            #expect(after.state(lockHeld: false) == .completed && after.parts == 2)
            #expect(after.devices.allSatisfy { after.isFinal($0) }, "every device has a final outcome")
            // Exactly one final outcome each: the resume sent precisely the devices without one.
            let resumeRecord = try #require(JournalReader.read(path: Self.store(box).journalPath(runId)).records
                .first { $0.type == .resume })
            let resent = Set(resumeRecord.devices ?? [])
            #expect(resent.isDisjoint(with: finalBefore), "no device whose answer was on record is sent again")
            #expect(resent.union(finalBefore) == Set(ids))
            let records = try JournalReader.read(path: Self.store(box).journalPath(runId)).records
            let resumeIntents = records.drop { $0.type != .resume }.filter { $0.type == .intent }
            #expect(resumeIntents.allSatisfy { Set($0.devices ?? []).isDisjoint(with: finalBefore) })
            #expect(await sim.simulator.counters().assignRequests - requestsBefore == resumeIntents.count,
                    "the simulator saw exactly the resume's batches")
            #expect(await sim.simulator.licenseCounts().used == usedAtStart + Self.devices)
            #expect(await sim.simulator.licensedDeviceIds().isSuperset(of: ids))
            let rows = try await box.run(["history", "--format", "json"], environment: sim.environment).jsonArray()
            #expect(rows.first?["state"] as? String == "completed" && rows.first?["succeeded"] as? Int == Self.devices)
        }
    }

    /// A run held by a live process: `history` says running; neither resume nor undo may touch it.
    @Test func aSecondProcessCannotResumeOrUndoARunningRun() async throws {
        try await withCLI({ $0.faults.holdBatches = true }) { sim, box in
            let ids = await sim.unlicensed(4)
            let cli = try box.start(["assign", "--yes", "--batch-size", "2", "--concurrency", "1"] + ids, environment: sim.environment)
            defer { cli.kill() }
            let held = await cli.waitFor(timeout: 60) { await sim.simulator.heldBatchCount() >= 1 }
            #expect(held, "the first batch reached the simulator: \(cli.stderrSoFar)")
            let runId = try #require(Self.store(box).runIds().first)
            let history = try await box.run(["history", "--format", "json"], environment: sim.environment)
            #expect(try history.jsonArray().first?["state"] as? String == "running", "\(history)")
            for command in ["resume", "undo"] {
                let second = try await box.run([command, runId, "--yes"], environment: sim.environment)
                #expect(second.status == 2, "\(second)")
                #expect(second.stderr.contains("run \(runId) is still running"), "\(second)")
            }
            #expect(await sim.simulator.counters().assignRequests == 1, "the refused commands sent nothing")
            await sim.simulator.setHoldBatches(false)
            await sim.simulator.releaseAllBatches()
            let done = await cli.finish()
            #expect(done.status == 0, "\(done)")
            let rows = try await box.run(["history", "--format", "json"], environment: sim.environment).jsonArray()
            #expect(rows.first?["state"] as? String == "completed")
        }
    }
}
