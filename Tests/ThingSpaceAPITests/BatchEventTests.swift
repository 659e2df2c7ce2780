import Foundation
import Testing
@testable import ThingSpaceAPI
import ThingSpaceSimulator

/// Results reach front ends one batch at a time (`RunEvent.batchResults`), carrying exactly the
/// results the summary records; each IMEI is validated once (by the planner) and the batch body
/// is written without an encoder.
@Suite struct BatchEventTests {
    @Test("each batch's event holds the results of exactly that batch's devices, the same as the summary's")
    func batchEventsMatchSummary() async throws {
        try await withSimulator({ $0.devices = 400; $0.used = 0; $0.faults.failingDeviceCount = 7 }) { sim, client in
            let failing = await sim.failingDeviceIds()
            var ids = Array(failing) + (await sim.allDeviceIds()).filter { !failing.contains($0) }.prefix(243)
            ids += ["12345", ids[3]]   // an invalid entry and a duplicate: skipped, announced as batch -1
            let run = RunEngine(client: client, options: RunOptions(batchSize: 40, concurrency: 3)).start(.assign, deviceIds: ids)
            let (events, summary) = try await collect(run)
            var sentByBatch: [Int: [String]] = [:]
            var resultsByBatch: [Int: [DeviceResult]] = [:]
            for event in events {
                if case .batchSent(let batch, let deviceIds, 1) = event { sentByBatch[batch] = deviceIds }
                if case .batchResults(let results, let batch) = event {
                    #expect(resultsByBatch[batch] == nil, "batch \(batch) reported once")
                    resultsByBatch[batch] = results
                }
            }
            #expect(sentByBatch.count == 7, "250 devices in batches of 40")
            for (batch, sent) in sentByBatch {
                #expect(resultsByBatch[batch]?.map(\.deviceId) == sent, "batch \(batch): one result per device, in order")
            }
            #expect(resultsByBatch[-1]?.map(\.status) == ["Invalid", "Duplicate"])
            let streamed = resultsByBatch.values.joined()
            #expect(streamed.count == summary.results.count)
            let byId = Dictionary(summary.results.map { ($0.deviceId + $0.status, $0) }, uniquingKeysWith: { a, _ in a })
            for result in streamed { #expect(byId[result.deviceId + result.status] == result) }
            #expect(summary.outcomeCounts[.failed] == 7, "failing devices are reported in their batch")
            #expect(summary.outcomeCounts[.success] == 243)
        }
    }

    @Test("after a stop, each batch never sent is reported by one event with its devices not sent")
    func unsentBatchesTogether() async throws {
        try await withSimulator({ $0.devices = 300; $0.used = 0; $0.faults.holdBatches = true }) { sim, client in
            let ids = Array(await sim.allDeviceIds().prefix(100))
            let run = RunEngine(client: client, options: RunOptions(batchSize: 10, concurrency: 1)).start(.assign, deviceIds: ids)
            try await waitUntil("the server to hold the first batch") { await sim.heldBatchCount() >= 1 }
            run.stop()
            await sim.releaseAllBatches()
            let (events, summary) = try await collect(run)
            var notSent: [Int: [DeviceResult]] = [:]
            for case .batchResults(let results, let batch) in events where results.allSatisfy({ $0.status == DeviceResult.notSentStatus }) {
                notSent[batch] = results
            }
            #expect(notSent.count == 9)
            #expect(notSent.values.allSatisfy { $0.count == 10 })
            #expect(summary.unsent.count == 90)
        }
    }

    @Test("the batch body is what an encoder writes; anything but digits is refused")
    func bodyWithoutEncoder() throws {
        let ids = ["352099001761481", "990008624003211", "000000000000000"]
        let written = try #require(ThingSpaceClient.deviceListBody(ids))
        #expect(written == (try JSONEncoder().encode(V1.DeviceListRequest(deviceList: ids))))
        #expect(ThingSpaceClient.deviceListBody(["35209900176148\""]) == nil)
        #expect(ThingSpaceClient.deviceListBody([]) == nil)
    }
}
