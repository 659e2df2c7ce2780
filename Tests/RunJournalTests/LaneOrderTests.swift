import Foundation
import RunJournal
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// The journal of one lane, read from disk while the lane's request waits at the server.
@Suite("journal order per lane")
struct LaneOrderTests {
    /// Each request reaches the server only once the lane's previous results and its own intent
    /// are on disk, results first; the two went to disk in one fsync.
    @Test func eachRequestLeavesAfterThePreviousResultsAndItsIntentSharedOneFsync() async throws {
        try await withStore { store, _ in
            try await withSimulator({ $0.faults.holdBatches = true }) { sim, client in
                let ids = await unlicensed(sim, 6)
                let plan = RunPlanner.plan(deviceIds: ids, luhn: .ignore)
                let header = RunHeader(runId: RunId.make(), account: client.account,
                                       baseURL: client.configuration.baseURL.absoluteString, apiVersion: "v1", operation: .assign)
                let recorder = try await RunRecorder.begin(store, header: header, plan: plan)
                let run = RunEngine(client: client, options: RunOptions(batchSize: 2, concurrency: 1), hook: recorder)
                    .start(.assign, plan: plan, runId: header.runId)
                let events = Task {
                    var summary: RunSummary?
                    for await event in run.events {
                        recorder.observe(event)
                        if case .finished(let s) = event { summary = s }
                    }
                    return summary
                }
                for batch in 0..<3 {
                    let deadline = ContinuousClock.now + .seconds(60)
                    while await sim.heldBatchCount() < 1 && ContinuousClock.now < deadline {
                        try await Task.sleep(for: .milliseconds(5))
                    }
                    guard await sim.heldBatchCount() == 1 else {
                        run.cancel()
                        Issue.record("batch \(batch + 1) never reached the simulator within 60 s")
                        break
                    }
                    let onDisk = try JournalReader.read(path: recorder.path).records.map(LaneOrderTests.shape)
                    let expected = ["start"] + (0..<batch).flatMap { ["intent \($0)", "outcome \($0)"] } + ["intent \(batch)"]
                    #expect(onDisk == expected, "on disk while batch \(batch + 1) waits at the server")
                    // The start, the first intent, then one fsync per answer that carries the next intent.
                    #expect(recorder.syncCount == 2 + batch, "fsyncs before batch \(batch + 1) left")
                    await sim.releaseAllBatches()
                }
                let summary = try #require(await events.value, "the run ended without a summary")
                try await recorder.finish(summary)
                #expect(summary.outcomeCounts[.success] == 6)
                let all = try JournalReader.read(path: recorder.path).records.map(LaneOrderTests.shape)
                #expect(all == ["start", "intent 0", "outcome 0", "intent 1", "outcome 1", "intent 2", "outcome 2", "end"])
            }
        }
    }

    static func shape(_ record: JournalRecord) -> String {
        switch record.type {
        case .intent, .outcome: return "\(record.type.rawValue) \(record.batch.map(String.init) ?? "?")"
        default: return record.type.rawValue
        }
    }
}
