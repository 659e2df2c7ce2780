import Foundation
import Testing
import ThingSpaceSimulator

/// The commands with requests that never get an answer: a second Ctrl-C, and a server that dies.
@Suite("assign without answers")
struct LostAnswerCLITests {
    @Test func secondInterruptCancelsTheBatchInFlight() async throws {
        try await withCLI({ $0.faults.holdBatches = true }) { sim, box in
            let ids = await sim.unlicensed(3)
            let cli = try box.start(["assign", "--yes", "--batch-size", "1", "--concurrency", "1", "--format", "json"] + ids,
                                    environment: sim.environment)
            defer { cli.kill() }
            let held = await cli.waitFor(timeout: 60) { await sim.simulator.heldBatchCount() >= 1 }
            #expect(held, "the first batch never reached the simulator: \(cli.stderrSoFar)")
            kill(cli.process.processIdentifier, SIGINT)
            let stopping = await cli.waitFor(timeout: 60) { cli.stderrSoFar.contains("stopping:") }
            #expect(stopping, "the run says it is stopping: \(cli.stderrSoFar)")
            kill(cli.process.processIdentifier, SIGINT)
            // The batch stays held by the server: only the cancellation ends the run.
            let result = await cli.finish()
            #expect(result.status == 1, "\(result)")
            let doc = try result.jsonObject()
            let results = try #require(doc["results"] as? [[String: Any]])
            #expect(results.map { $0["outcome"] as? String } == ["unknown", "skipped", "skipped"], "\(result.stdout)")
            #expect(results.map { $0["status"] as? String } == ["NoAnswer", "NotSent", "NotSent"])
            #expect(results.map { $0["attempts"] as? Int } == [1, 0, 0])
            let summary = try #require(doc["summary"] as? [String: Any])
            #expect(summary["unknown"] as? Int == 1)
            #expect(doc["countsCurrent"] as? Bool == false)
        }
    }

    @Test func aServerThatDiesEndsTheRunAndTheCountsAreNotCurrent() async throws {
        try await withCLI({ $0.used = 0; $0.faults.holdBatches = true }) { sim, box in
            let ids = await sim.unlicensed(300)
            let output = box.root.appendingPathComponent("io/results.json").path
            let cli = try box.start(["assign", "--yes", "--batch-size", "10", "--concurrency", "2", "--output", output] + ids,
                                    environment: sim.environment)
            defer { cli.kill() }
            // One batch answered, then both batches in flight held when the server dies.
            let twoHeld = await cli.waitFor(timeout: 60) { await sim.simulator.heldBatchCount() == 2 }
            #expect(twoHeld, "\(cli.stderrSoFar)")
            await sim.simulator.releaseBatches(1)
            let heldAgain = await cli.waitFor(timeout: 60) {
                let licensed = await sim.simulator.licensedDeviceIds().count
                let held = await sim.simulator.heldBatchCount()
                return licensed == 10 && held == 2
            }
            #expect(heldAgain, "\(cli.stderrSoFar)")
            await sim.simulator.kill()
            let result = await cli.finish()
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("stopped answering") && result.stderr.contains("assigning batch "), "\(result.stderr)")
            #expect(result.stderr.contains(sim.url.host ?? "?"), "the error names the host: \(result.stderr)")
            let lines = result.stdoutLines
            #expect(lines.last?.contains("not current") == true, "the licence count is marked as not current:\n\(result.stdout)")
            #expect(lines.contains { $0.contains("10 success") && $0.contains("20 unknown") && $0.contains("0 skipped, 270 not sent") },
                    "\(result.stdout)")
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
            #expect(doc["countsCurrent"] as? Bool == false)
            let results = try #require(doc["results"] as? [[String: Any]])
            #expect(results.filter { $0["status"] as? String == "NotSent" }.count == 270)
            #expect(results.filter { $0["status"] as? String == "NoAnswer" }.count == 20)
        }
    }
}
