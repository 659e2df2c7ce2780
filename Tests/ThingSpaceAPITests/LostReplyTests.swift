import Foundation
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// Lost replies over loopback: the simulator applies a batch and then closes the connection (or
/// never answers); the engine re-sends it at once, a bounded number of times, and says so.
@Suite struct LostReplyTests {
    /// Devices of a batch, by the batch's first device (how the simulator counts requests).
    static func batches(_ ids: [String], size: Int) -> [[String]] {
        stride(from: 0, to: ids.count, by: size).map { Array(ids[$0..<min(ids.count, $0 + size)]) }
    }

    @Test func lostAnswersAreSentAgainOnceAndEveryDeviceEndsLicensed() async throws {
        try await withSimulator({ $0.devices = 40; $0.used = 0; $0.faults.loseAnswerEvery = 3 }) { sim, client in
            let ids = await sim.allDeviceIds()
            let options = RunOptions(batchSize: 5, concurrency: 1)
            let summary = try await finish(RunEngine(client: client, options: options).start(.assign, deviceIds: ids))

            // Every device is in the wanted state, on the server and in the results.
            #expect(await sim.licensedDeviceIds() == Set(ids))
            #expect(summary.results.count == 40)
            #expect(summary.results.allSatisfy { $0.outcome.isDone })
            #expect(ExitStatus.code(for: summary) == ExitStatus.ok)

            let counters = await sim.counters()
            #expect(counters.answersLost >= 2)
            let byId = Dictionary(uniqueKeysWithValues: summary.results.map { ($0.deviceId, $0) })
            var resent = 0
            for batch in Self.batches(ids, size: 5) {
                let requests = counters.batchRequests[batch[0]] ?? 0
                let results = batch.compactMap { byId[$0] }
                #expect(results.count == 5)
                // A batch is sent once, or, when its answer was lost, exactly twice.
                #expect(requests == 1 || requests == 2, "batch of \(batch[0]) reached the server \(requests) times")
                #expect(results.allSatisfy { $0.attempts == requests })
                if requests == 2 {
                    resent += 1
                    // The first attempt licensed them: the second finds the licence and says it may be ours.
                    #expect(results.allSatisfy { $0.earlierAttemptUnanswered && $0.outcome == .alreadyLicensed && $0.possiblyOwnDoing })
                } else {
                    #expect(results.allSatisfy { !$0.earlierAttemptUnanswered && $0.outcome == .success })
                }
            }
            #expect(resent == counters.answersLost)
        }
    }

    @Test func aBatchNeverAnsweredEndsUnknownAfterThreeAttempts() async throws {
        // Every batch is applied and never answered; a short deadline turns that into a timeout.
        try await withSimulator({ $0.devices = 20; $0.used = 0; $0.faults.hangAfterApplyEvery = 1 }, timeout: 6) { sim, client in  // 6 s: under load a 2 s deadline could pass before the request reached the server
            let ids = Array(await sim.allDeviceIds().prefix(10))
            let options = RunOptions(batchSize: 5, concurrency: 2)
            let (events, summary) = try await collect(RunEngine(client: client, options: options).start(.assign, deviceIds: ids))

            #expect(summary.outcomeCounts[.unknown] == 10)
            #expect(summary.results.allSatisfy { $0.status == DeviceResult.noAnswerStatus && $0.attempts == 3 && $0.earlierAttemptUnanswered })
            #expect(summary.hostFailure == nil)   // timeouts are a slow host, not a dead one
            #expect(!summary.countsCurrent)
            #expect(ExitStatus.code(for: summary) == ExitStatus.someFailed)
            // Each attempt reaches the server (a late one may still be on its way on a loaded machine).
            let firsts = Self.batches(ids, size: 5).map { $0[0] }
            try await waitUntil("3 requests of each batch to reach the server") {
                let counts = await sim.counters().batchRequests
                return firsts.allSatisfy { (counts[$0] ?? 0) >= 3 }
            }
            let counters = await sim.counters()
            for first in firsts { #expect(counters.batchRequests[first] == 3) }
            let resends = events.filter { if case .batchRetrying(_, _, 0, _) = $0 { return true }; return false }.count
            #expect(resends == 4)
            // They were applied, although the run could not know it.
            #expect(await sim.licensedDeviceIds() == Set(ids))
        }
    }

    @Test func unknownOutcomeInJSONCSVAndTable() async throws {
        let results = [
            DeviceResult(deviceId: "352099001761481", status: "LicenseAssignSuccess", reason: "Success", outcome: .success, attempts: 1),
            DeviceResult(deviceId: "352099001761482", status: "LicenseAssignFailed", reason: "License preexists", outcome: .alreadyLicensed,
                         attempts: 2, earlierAttemptUnanswered: true),
            DeviceResult(deviceId: "352099001761483", status: DeviceResult.noAnswerStatus, reason: "no answer", outcome: .unknown,
                         attempts: 3, earlierAttemptUnanswered: true),
        ]
        let summary = RunSummary(runId: "r", operation: .assign, account: "0242078689-00001", results: results, unsent: [],
                                 elapsedMs: 10, counts: LicenseCounts(total: 10, used: 3), stopped: false, fatalError: nil)

        let json = try #require(try JSONSerialization.jsonObject(with: ResultWriter.json(summary)) as? [String: Any])
        #expect(json["countsCurrent"] as? Bool == false)
        #expect(json["total"] as? Int == 10)
        let rows = try #require(json["results"] as? [[String: Any]])
        #expect(rows.map { $0["outcome"] as? String } == ["success", "alreadyLicensed", "unknown"])
        #expect(rows.map { $0["attempts"] as? Int } == [1, 2, 3])
        #expect(rows.map { $0["earlierAttemptUnanswered"] as? Bool } == [false, true, true])
        let summaryJSON = try #require(json["summary"] as? [String: Any])
        #expect(summaryJSON["unknown"] as? Int == 1)

        let csv = ResultWriter.csv(results).split(separator: "\n").map(String.init)
        #expect(csv[0] == "deviceId,status,reason,outcome,attempts")
        #expect(csv[3] == "352099001761483,NoAnswer,no answer,unknown,3")
        #expect(try ResultWriter.readCSV(ResultWriter.csv(results)) == results.map {
            var r = $0
            r.earlierAttemptUnanswered = false   // not a CSV column
            return r
        })

        #expect(RunReport.row(results[2]).contains("unknown"))
        #expect(RunReport.row(results[1]).contains("possibly this run's own doing"))
        #expect(!RunReport.row(results[0]).contains("unanswered"))
        #expect(RunReport.summaryLine(summary).contains("1 unknown"))
        #expect(RunReport.summary(summary, format: .table).contains("not current"))
        #expect(ExitStatus.code(for: summary) == ExitStatus.someFailed)
    }
}
