import Foundation
import RunJournal
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// The recorder as the engine's hook, against the simulator over loopback.
@Suite("run recorder with the engine")
struct RunRecorderTests {
    @Test func everyBatchIsIntendedBeforeItsAnswerAndFsyncsAreAboutOnePerBatch() async throws {
        try await withStore { store, _ in
            try await withSimulator { sim, client in
                let ids = await unlicensed(sim, 40)
                let (recorder, summary) = try await recordedRun(client, store, .assign, ids + ["123"])
                #expect(summary.outcomeCounts[.success] == 40)

                let contents = try JournalReader.read(path: recorder.path)
                #expect(contents.problems.isEmpty)
                var intended = Set<String>()
                for record in contents.records {
                    if record.type == .intent { intended.formUnion(record.devices ?? []) }
                    for r in record.results ?? [] {
                        #expect(intended.contains(r.deviceId), "\(r.deviceId) answered before its intent was on record")
                    }
                }
                #expect(contents.records.first?.type == .start && contents.records.last?.type == .end)
                #expect(contents.records.filter { $0.type == .intent }.count == 8)
                // start + 8 intents + 8 results + end, some shared: never one per device.
                #expect(recorder.syncCount <= 18 && recorder.syncCount < ids.count)

                let catalog = RunCatalog(store: store)
                let (run, state) = try catalog.load(recorder.runId)
                #expect(state == .completed)
                #expect((run.succeeded, run.failed, run.unsent) == (40, 0, 0))
                #expect(run.note == "test run")
                #expect(run.entries.last == "123" && run.skipped.map(\.status) == ["Invalid"])
                #expect(run.user == JournalIdentity.user && run.host == JournalIdentity.host)
                #expect(catalog.list().runs.map(\.id) == [recorder.runId])
                #expect(!FileManager.default.fileExists(atPath: store.lockPath(recorder.runId)), "the lock is released")
            }
        }
    }

    @Test func undoOfACompletedAssignReturnsTheUsedCount() async throws {
        try await withStore { store, _ in
            try await withSimulator { sim, client in
                let usedBefore = await sim.licenseCounts().used
                let ids = await unlicensed(sim, 12)
                let (assign, _) = try await recordedRun(client, store, .assign, ids)
                #expect(await sim.licenseCounts().used == usedBefore + 12)

                let (run, state) = try RunCatalog(store: store).load(assign.runId)
                let plan = try UndoPlan.make(run, state: state, account: run.account, baseURL: run.baseURL, includeUncertain: false)
                #expect(plan.devices == ids && plan.operation == .remove)
                let (undo, summary) = try await recordedRun(client, store, plan.operation, plan.devices, undoes: assign.runId)
                #expect(summary.outcomeCounts[.success] == 12)
                #expect(await sim.licenseCounts().used == usedBefore)
                #expect(try RunCatalog(store: store).load(undo.runId).run.undoes == assign.runId)
            }
        }
    }

    @Test func aLiveLockMakesTheRunRunningAndRefusesASecondHolder() async throws {
        try await withStore { store, _ in
            let lock = try RunLock.acquire(store, runId: "20261128T063012Z-000001")
            #expect(RunLock.liveHolder(store, runId: "20261128T063012Z-000001")?.pid == getpid())
            #expect(throws: JournalError.self) { try RunLock.acquire(store, runId: "20261128T063012Z-000001") }
            #expect(mode(lock.path) == 0o600)
            lock.release()
            #expect(RunLock.liveHolder(store, runId: "20261128T063012Z-000001") == nil)

            // A lock left by a process that is gone is stale: taken over.
            let stale = LockHolder(pid: Int32.max - 7, host: JournalIdentity.host, refreshedAt: JournalClock.now())
            try JSONEncoder().encode(stale).write(to: URL(fileURLWithPath: store.lockPath("20261128T063012Z-000002")))
            #expect(RunLock.liveHolder(store, runId: "20261128T063012Z-000002") == nil)
            let taken = try RunLock.acquire(store, runId: "20261128T063012Z-000002")
            taken.release()
        }
    }

    @Test func anotherHostsLockIsLiveOnlyWhileRefreshed() {
        let now = Date()
        let fresh = LockHolder(pid: 1, host: "elsewhere", refreshedAt: JournalClock.string(now.addingTimeInterval(-5)))
        let old = LockHolder(pid: 1, host: "elsewhere", refreshedAt: JournalClock.string(now.addingTimeInterval(-600)))
        #expect(fresh.isAlive(now: now, thisHost: "here"))
        #expect(!old.isAlive(now: now, thisHost: "here"))
        #expect(LockHolder(pid: 1, host: "here", refreshedAt: "x").isAlive(now: now, thisHost: "here", processExists: { _ in true }))
        #expect(!LockHolder(pid: 1, host: "here", refreshedAt: "x").isAlive(now: now, thisHost: "here", processExists: { _ in false }))
    }

    @Test func aStoppedRunRecordsItsUnsentDevicesAndCanBeResumedToCompletion() async throws {
        try await withStore { store, _ in
            try await withSimulator({ $0.faults.holdBatches = true }) { sim, client in
                let ids = await unlicensed(sim, 6)
                let plan = RunPlanner.plan(deviceIds: ids, luhn: .ignore)
                let header = RunHeader(runId: RunId.make(), account: client.account,
                                       baseURL: client.configuration.baseURL.absoluteString, apiVersion: "v1", operation: .assign)
                let recorder = try await RunRecorder.begin(store, header: header, plan: plan)
                let run = RunEngine(client: client, options: RunOptions(batchSize: 2, concurrency: 1), hook: recorder)
                    .start(.assign, plan: plan, runId: header.runId)
                let deadline = ContinuousClock.now + .seconds(60)
                while await sim.heldBatchCount() < 1 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
                #expect(await sim.heldBatchCount() == 1, "the first batch reached the simulator")
                run.stop()
                await sim.setHoldBatches(false)
                await sim.releaseAllBatches()
                var summary: RunSummary?
                for await event in run.events {
                    recorder.observe(event)
                    if case .finished(let s) = event { summary = s }
                }
                try await recorder.finish(try #require(summary), signal: SIGTERM)

                let catalog = RunCatalog(store: store)
                let (stopped, state) = try catalog.load(header.runId)
                #expect(state == .stopped)
                #expect(stopped.pending == Array(ids.dropFirst(2)))
                let resume = try ResumePlan.make(stopped, state: state, account: client.account,
                                                 baseURL: client.configuration.baseURL.absoluteString)
                let resumer = try await RunRecorder.resume(store, runId: header.runId, devices: resume.devices)
                let rest = RunEngine(client: client, options: RunOptions(batchSize: 2), hook: resumer)
                    .start(.assign, plan: RunPlanner.plan(deviceIds: resume.devices, luhn: .ignore), runId: header.runId)
                let restSummary = try #require(await rest.summary())
                try await resumer.finish(restSummary)
                let (done, doneState) = try catalog.load(header.runId)
                #expect(doneState == .completed)
                #expect((done.succeeded, done.unsent, done.parts) == (6, 0, 2))
                #expect(await sim.licensedDeviceIds().isSuperset(of: ids))
            }
        }
    }
}
