import Foundation
import Testing
import ThingSpaceSimulator

@Suite("signals during a run")
struct SignalTests {
    /// SIGTERM or SIGHUP (the SSH link dropping) during an assign: the batch in flight finishes,
    /// nothing new is sent, and the run ends with its summary (the unsent devices named).
    @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
    func aSignalStopsTheRunAfterTheBatchInFlight(signal: Int32) async throws {
        try await withCLI({ $0.faults.holdBatches = true }) { sim, box in
            let ids = await sim.unlicensed(3)
            let cli = try box.start(["assign", "--yes", "--batch-size", "1", "--concurrency", "1"] + ids,
                                    environment: sim.environment)
            defer { cli.kill() }
            let held = await cli.waitFor(timeout: 60) { await sim.simulator.heldBatchCount() >= 1 }
            #expect(held, "the first batch never reached the simulator: \(cli.stderrSoFar)")
            kill(cli.process.processIdentifier, signal)
            let stopping = await cli.waitFor(timeout: 60) { cli.stderrSoFar.contains("stopping: no new batches") }
            #expect(stopping, "the run says it is stopping: \(cli.stderrSoFar)")
            await sim.simulator.setHoldBatches(false)
            await sim.simulator.releaseAllBatches()
            let result = await cli.finish()
            // SIGINT: unsent devices make exit 1; SIGTERM and SIGHUP: 128 + the signal, after the run is recorded.
            #expect(result.status == (signal == SIGINT ? 1 : 128 + signal), "\(result)")
            #expect(result.stdout.contains("2 not sent") && result.stdout.contains("(stopped)"), "\(result.stdout)")
            #expect(await sim.simulator.licensedDeviceIds().intersection(ids) == [ids[0]],
                    "only the batch in flight changed the account")
        }
    }
}
