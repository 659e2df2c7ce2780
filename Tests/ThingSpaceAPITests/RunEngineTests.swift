import Foundation
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// The run engine against the simulator with fault injection, over real loopback sockets.
@Suite struct RunEngineTests {
    static let fast = RunOptions(batchSize: 10, concurrency: 2, retry: RetryPolicy(maxAttempts: 8, initialBackoff: 0.01, maxBackoff: 0.05),
                                 successesBeforeRaise: 2)

    @Test func firstResultsArriveWhileLaterBatchesAreHeld() async throws {
        try await withSimulator({ $0.devices = 100; $0.used = 0; $0.faults.holdBatches = true }) { sim, client in
            let ids = Array(await sim.allDeviceIds().prefix(50))
            let run = RunEngine(client: client, options: RunOptions(batchSize: 10, concurrency: 2)).start(.assign, deviceIds: ids)
            var iterator = run.events.makeAsyncIterator()
            try await waitUntil("the server to hold 2 batches") { await sim.heldBatchCount() >= 2 }
            await sim.releaseBatches(1)
            var results: [DeviceResult] = []
            try await withDeadline("the first batch's 10 results", onTimeout: { run.cancel() }) {
                while results.count < 10, let e = await iterator.next() {
                    if case .batchResults(let rs, _) = e { results += rs }
                }
            }
            // Ten results are in while the other batches are still unanswered.
            #expect(results.count == 10)
            #expect(results.allSatisfy { $0.outcome == .success })
            #expect(await sim.heldBatchCount() >= 1)
            #expect(await sim.licensedDeviceIds().count == 10)
            await sim.setHoldBatches(false)
            await sim.releaseAllBatches()
            var last: RunSummary?
            try await withDeadline("the run to finish", onTimeout: { run.cancel() }) {
                while let e = await iterator.next() { if case .finished(let s) = e { last = s } }
            }
            let summary = try #require(last)
            #expect(summary.results.count == 50)
            #expect(summary.outcomeCounts[.success] == 50)
            #expect(summary.counts == LicenseCounts(total: 1000, used: 50))
        }
    }

    @Test func eventsAreOrderedAndComplete() async throws {
        try await withSimulator({ $0.devices = 60; $0.used = 10 }) { sim, client in
            let all = await sim.allDeviceIds()
            let input = all + ["bad-imei", all[0]]
            let (events, summary) = try await collect(RunEngine(client: client, options: Self.fast).start(.assign, deviceIds: input))
            guard case .started(let plan)? = events.first else { Issue.record("first event is not .started"); return }
            #expect(plan.batchCount == 6)
            #expect(plan.skipped.count == 2)
            #expect(summary.results.count == 62)
            #expect(summary.outcomeCounts[.success] == 50)
            #expect(summary.outcomeCounts[.alreadyLicensed] == 10)
            #expect(summary.outcomeCounts[.skipped] == 2)
            #expect(summary.results.map(\.deviceId) == input.map { $0 })
            // Each device's result follows its batch being sent.
            var sent = Set<String>()
            for e in events {
                if case .batchSent(_, let ids, _) = e { sent.formUnion(ids) }
                if case .batchResults(let rs, let batch) = e, batch >= 0 { for r in rs { #expect(sent.contains(r.deviceId)) } }
            }
        }
    }

    @Test func elapsedTimeCoversTheBatchesSentAndIsZeroWhenNothingWasSent() async throws {
        try await withSimulator({ $0.devices = 30; $0.used = 0; $0.latencyMs = 40 }) { sim, client in
            let ids = await sim.allDeviceIds()
            let options = RunOptions(batchSize: 10, concurrency: 1)
            let sent = try await finish(RunEngine(client: client, options: options).start(.assign, deviceIds: ids))
            #expect(sent.outcomeCounts[.success] == 30)
            // Three batches one after the other, each answered after at least 40 ms.
            #expect(sent.elapsedMs >= 3 * 40, "elapsed \(sent.elapsedMs) ms for three batches of 40 ms latency")

            let nothing = try await finish(RunEngine(client: client, options: options).start(.assign, deviceIds: ["bad", "12345"]))
            #expect(nothing.results.count == 2 && nothing.outcomeCounts[.skipped] == 2)
            #expect(nothing.elapsedMs == 0)
            #expect(await sim.counters().assignRequests == 3)
        }
    }

    @Test func rateLimitStormLowersAndRaisesConcurrency() async throws {
        try await withSimulator({ $0.devices = 600; $0.used = 0; $0.faults.rateLimitEvery = 2; $0.faults.retryAfterSeconds = 0 }) { sim, client in
            let ids = await sim.allDeviceIds()
            let options = RunOptions(batchSize: 10, concurrency: 4, retry: RetryPolicy(maxAttempts: 10, initialBackoff: 0.01, maxBackoff: 0.05),
                                     successesBeforeRaise: 2)
            let run = RunEngine(client: client, options: options).start(.assign, deviceIds: ids)
            var changes: [Int] = []
            var summary: RunSummary?
            try await withDeadline("the run through the storm to finish", onTimeout: { run.cancel() }) {
                for await e in run.events {
                    if case .concurrencyChanged(let n) = e {
                        changes.append(n)
                        // The storm ends once the engine has backed off to one batch at a time.
                        if n == 1 { await sim.setFaults(FaultConfiguration()) }
                    }
                    if case .finished(let s) = e { summary = s }
                }
            }
            #expect(summary?.outcomeCounts[.success] == 600, "\(String(describing: summary?.outcomeCounts))")
            #expect(changes.first == 2, "halved first: \(changes)")
            #expect(changes.contains(1), "\(changes)")
            #expect(changes.last == 4, "raised back to the maximum after the storm: \(changes)")
            #expect(await sim.counters().rateLimited > 0)
            #expect(await sim.licensedDeviceIds().count == 600)
        }
    }

    @Test func serverErrorsAndDroppedConnectionsAreRetried() async throws {
        try await withSimulator({ $0.devices = 100; $0.used = 0; $0.faults.serverErrorEvery = 2; $0.faults.dropConnectionEvery = 5 }, timeout: 20) { sim, client in
            let ids = await sim.allDeviceIds()
            // One batch at a time, so which request meets which fault is the same on every run (with
            // two in flight, one batch could meet three dropped connections and end unknown).
            var options = Self.fast
            options.concurrency = 1
            let (events, summary) = try await collect(RunEngine(client: client, options: options).start(.assign, deviceIds: ids))
            let retries = events.filter { if case .batchRetrying = $0 { return true }; return false }.count
            #expect(retries > 0)
            #expect(await sim.counters().serverErrors > 0)
            // A batch re-sent after a dropped connection may have been applied: it is then alreadyLicensed, never failed.
            #expect(summary.results.allSatisfy { $0.outcome.isDone }, "\(summary.outcomeCounts)")
            #expect(await sim.licensedDeviceIds().count == 100)
        }
    }

    @Test func givenUpBatchIsReportedAndTheRunGoesOn() async throws {
        try await withSimulator({ $0.devices = 40; $0.used = 0; $0.faults.serverErrorEvery = 1 }) { sim, client in
            let ids = await sim.allDeviceIds()
            let options = RunOptions(batchSize: 10, concurrency: 2, retry: RetryPolicy(maxAttempts: 2, initialBackoff: 0.01, maxBackoff: 0.02))
            let (events, summary) = try await collect(RunEngine(client: client, options: options).start(.assign, deviceIds: ids))
            let givenUp = events.filter { if case .batchGivenUp = $0 { return true }; return false }.count
            #expect(givenUp == 4)
            #expect(summary.outcomeCounts[.failed] == 40)
            #expect(summary.results.allSatisfy { $0.reason.contains("HTTP 5") })
        }
    }

    @Test func tokenExpiryMidRunRenewsExactlyOnce() async throws {
        try await withSimulator({ $0.devices = 200; $0.used = 0; $0.faults.holdBatches = true }) { sim, client in
            let ids = await sim.allDeviceIds()
            let run = RunEngine(client: client, options: RunOptions(batchSize: 10, concurrency: 6)).start(.assign, deviceIds: ids)
            try await waitUntil("the server to hold 6 batches") { await sim.heldBatchCount() >= 6 }
            await sim.expireToken()
            await sim.setHoldBatches(false)
            await sim.releaseAllBatches()
            let summary = try await finish(run)
            #expect(summary.outcomeCounts[.success] == 200, "\(summary.outcomeCounts)")
            let c = await sim.counters()
            #expect(c.tokenIssued == 2, "one initial token, one renewal: \(c)")
            #expect(c.loginAttempts == 1)
        }
    }

    @Test func sessionExpiryMidRunLogsInExactlyOnce() async throws {
        try await withSimulator({ $0.devices = 200; $0.used = 0; $0.faults.holdBatches = true }) { sim, client in
            let ids = await sim.allDeviceIds()
            let run = RunEngine(client: client, options: RunOptions(batchSize: 10, concurrency: 6)).start(.assign, deviceIds: ids)
            try await waitUntil("the server to hold 6 batches") { await sim.heldBatchCount() >= 6 }
            await sim.expireSession()
            await sim.setHoldBatches(false)
            await sim.releaseAllBatches()
            let summary = try await finish(run)
            #expect(summary.outcomeCounts[.success] == 200, "\(summary.outcomeCounts)")
            let c = await sim.counters()
            #expect(c.loginAttempts == 2, "one login, one renewal: \(c)")
            #expect(c.tokenIssued == 1)
        }
    }

    @Test func badPasswordStopsTheRunAfterOneLogin() async throws {
        try await withSimulator(credentials: { c in
            Credentials(appKey: c.appKey, appSecret: Secret(c.appSecret), username: c.username, password: "nope-nope")
        }) { sim, client in
            let ids = Array(await sim.allDeviceIds().prefix(100))
            let summary = try await finish(RunEngine(client: client, options: Self.fast).start(.assign, deviceIds: ids))
            #expect(summary.fatalError?.isAuthentication == true)
            #expect(await sim.counters().loginAttempts == 1)
            #expect(await sim.counters().assignRequests == 0)
            #expect(summary.results.count == 100)
            #expect(summary.results.allSatisfy { !$0.outcome.isDone })
            #expect(summary.unsent.count >= 80)
            #expect(summary.results.filter { $0.outcome == .skipped }.count == summary.unsent.count)
        }
    }

    @Test func stoppedRunReportsUnsentDevicesAsSkipped() async throws {
        try await withSimulator({ $0.devices = 100; $0.used = 0; $0.faults.holdBatches = true }) { sim, client in
            let ids = await sim.allDeviceIds()
            let run = RunEngine(client: client, options: RunOptions(batchSize: 10, concurrency: 2)).start(.assign, deviceIds: ids)
            try await waitUntil("the server to hold 2 batches") { await sim.heldBatchCount() >= 2 }
            run.stop()
            await sim.setHoldBatches(false)
            await sim.releaseAllBatches()
            let summary = try await finish(run)
            #expect(summary.stopped)
            #expect(summary.outcomeCounts[.success] == 20)
            #expect(summary.unsent.count == 80)
            #expect(summary.outcomeCounts[.skipped] == 80)
            #expect(Set(summary.unsent) == Set(ids.dropFirst(20)))
            #expect(await sim.licensedDeviceIds().count == 20)
        }
    }

    @Test func hookIsAwaitedBeforeSendingAndAfterResults() async throws {
        actor Journal: RunHook {
            var log: [String] = []
            let sim: ThingSpaceSimulator
            init(sim: ThingSpaceSimulator) { self.sim = sim }
            func willSend(_ batch: BatchRecord) async throws {
                // Nothing of this batch reached the server yet.
                let assigned = await sim.counters().assignRequests
                log.append("send \(batch.batch) after \(assigned) requests")
            }
            func didReceive(_ batch: BatchRecord, results: [DeviceResult]) async throws {
                log.append("recv \(batch.batch) \(results.count)")
            }
        }
        try await withSimulator({ $0.devices = 30; $0.used = 0 }) { sim, client in
            let journal = Journal(sim: sim)
            let options = RunOptions(batchSize: 10, concurrency: 1)
            _ = try await finish(RunEngine(client: client, options: options, hook: journal).start(.assign, deviceIds: await sim.allDeviceIds()))
            #expect(await journal.log == ["send 0 after 0 requests", "recv 0 10", "send 1 after 1 requests", "recv 1 10",
                                          "send 2 after 2 requests", "recv 2 10"])
        }
    }

    @Test func failingHookStopsTheRunBeforeSending() async throws {
        struct Broken: RunHook {
            struct DiskFull: Error {}
            func willSend(_ batch: BatchRecord) async throws { throw DiskFull() }
            func didReceive(_ batch: BatchRecord, results: [DeviceResult]) async throws {}
        }
        try await withSimulator({ $0.devices = 30; $0.used = 0 }) { sim, client in
            let summary = try await finish(RunEngine(client: client, options: Self.fast, hook: Broken()).start(.assign, deviceIds: await sim.allDeviceIds()))
            #expect(await sim.counters().assignRequests == 0)
            #expect(summary.fatalError != nil)
            #expect(summary.results.allSatisfy { !$0.outcome.isDone })
        }
    }

    @Test func aJournalThatCannotRecordResultsWithTheNextIntentSendsNothingMore() async throws {
        actor Journal: RunHook {
            struct DiskFull: Error {}
            var log: [String] = []
            func willSend(_ batch: BatchRecord) async throws { log.append("send \(batch.batch)") }
            func didReceive(_ batch: BatchRecord, results: [DeviceResult]) async throws { log.append("recv \(batch.batch)") }
            func didReceive(_ batch: BatchRecord, results: [DeviceResult], thenWillSend next: BatchRecord) async throws {
                log.append("recv \(batch.batch) \(results.count) then send \(next.batch) \(next.deviceIds.count)")
                throw DiskFull()
            }
        }
        try await withSimulator({ $0.devices = 30; $0.used = 0 }) { sim, client in
            let journal = Journal()
            let options = RunOptions(batchSize: 10, concurrency: 1)
            let summary = try await finish(RunEngine(client: client, options: options, hook: journal)
                .start(.assign, deviceIds: await sim.allDeviceIds()))
            #expect(await journal.log == ["send 0", "recv 0 10 then send 1 10"])
            #expect(await sim.counters().assignRequests == 1, "nothing is sent that could not be recorded")
            #expect(summary.fatalError != nil)
            // The first batch's answers stand; the other 20 devices were never sent.
            #expect(summary.outcomeCounts[.success] == 10)
            #expect(summary.results.filter { $0.status == DeviceResult.notSentStatus }.count == 20)
            #expect(summary.results.filter { $0.status == DeviceResult.notSentStatus }.allSatisfy { $0.attempts == 0 })
        }
    }

    @Test func resendingADoneBatchNeverTurnsItIntoAFailure() async throws {
        try await withSimulator({ $0.devices = 30; $0.used = 0 }) { sim, client in
            let ids = await sim.allDeviceIds()
            let first = try await finish(RunEngine(client: client, options: Self.fast).start(.assign, deviceIds: ids))
            let again = try await finish(RunEngine(client: client, options: Self.fast).start(.assign, deviceIds: ids))
            #expect(first.outcomeCounts[.success] == 30)
            #expect(again.outcomeCounts[.alreadyLicensed] == 30)
            let removed = try await finish(RunEngine(client: client, options: Self.fast).start(.remove, deviceIds: ids))
            let removedAgain = try await finish(RunEngine(client: client, options: Self.fast).start(.remove, deviceIds: ids))
            #expect(removed.outcomeCounts[.success] == 30)
            #expect(removedAgain.outcomeCounts[.notLicensed] == 30)
        }
    }

    @Test func failingDevicesAreReportedWithTheirReason() async throws {
        try await withSimulator({ $0.devices = 50; $0.used = 0; $0.faults.failingDeviceCount = 3 }) { sim, client in
            let failing = await sim.failingDeviceIds()
            #expect(failing.count == 3)
            let summary = try await finish(RunEngine(client: client, options: Self.fast).start(.assign, deviceIds: await sim.allDeviceIds()))
            let failed = summary.results.filter { $0.outcome == .failed }
            #expect(Set(failed.map(\.deviceId)) == failing)
            #expect(failed.allSatisfy { $0.status == "LicenseAssignFailed" && !$0.reason.isEmpty })
        }
    }
}
