import Foundation
import LicenseConsole
import RunJournal
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// A private state directory for one test, removed afterwards.
@MainActor
func withJournalStore<T>(demo: Bool = false, _ body: (JournalStore) async throws -> T) async throws -> T {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("tslicense-console-journal-\(UUID().uuidString.prefix(12))").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    return try await body(JournalStore(stateDirectory: (root as NSString).appendingPathComponent("tslicense"), demo: demo))
}

/// The real console with a journal in a private state directory, against a simulator of
/// `devices` devices (`used` of them licensed, 1,000 licences); with `hold` the simulator holds
/// every batch and runs send one batch of 10 at a time. `body` starts once every device is loaded.
@MainActor
func withJournaledConsole(devices: Int, used: Int = 0, hold: Bool = false,
                          _ body: (ConsoleHarness, JournalStore) async throws -> Void) async throws {
    try await withJournalStore { store in
        try await withConsole(runOptions: hold ? RunOptions(batchSize: 10, concurrency: 1) : RunOptions(), journal: store, { c in
            c.devices = devices
            c.used = used
            c.licenses = 1000
            c.faults.holdBatches = hold
        }) { h in
            try await h.waitFor("all \(devices) devices loaded") { $0.load.done && $0.store.count == devices }
            try await body(h, store)
        }
    }
}

/// Unlicensed devices of the simulator that do not always fail, in IMEI order.
func unlicensedDevices(_ sim: ThingSpaceSimulator, _ count: Int) async -> [String] {
    let licensed = await sim.licensedDeviceIds()
    let failing = await sim.failingDeviceIds()
    return Array(await sim.allDeviceIds().filter { !licensed.contains($0) && !failing.contains($0) }.sorted().prefix(count))
}

/// The console's runs are journaled: the real program and services against the simulator.
@Suite("Console journal", .timeLimit(.minutes(2))) @MainActor
struct ConsoleJournalTests {
    /// Selects `ids` (as a file of IMEIs would), assigns them and confirms.
    static func assign(_ h: ConsoleHarness, _ ids: [String]) async throws {
        h.press(.char("V"))   // what an earlier run left selected
        h.send(.fileLoaded(path: "chosen.txt", imeis: ids, problems: []))
        h.press(.escape)   // the file report
        #expect(h.state.store.selectedCount == ids.count)
        h.press(.char("a"))
        try await h.waitFor(text: "[y/n]")
        h.press(.char("y"))
    }

    @Test func aConsoleRunLeavesACompletedJournalWithItsCounts() async throws {
        try await withJournaledConsole(devices: 200, used: 20) { h, store in
            let chosen = await unlicensedDevices(h.simulator, 7)
            try await Self.assign(h, chosen)
            try await h.waitFor("the run to finish") { $0.run?.summary != nil }
            try await h.waitUntilIdle("the counters read after the run")

            let (runs, problems) = RunCatalog(store: store).list()
            #expect(problems.isEmpty)
            let overview = try #require(runs.first)
            #expect(runs.count == 1)
            #expect(overview.state == .completed && overview.operation == .assign)
            #expect(overview.devices == 7 && overview.succeeded == 7 && overview.failed == 0 && overview.unsent == 0)
            #expect(overview.id == h.state.run?.summary?.runId)
            #expect(overview.account == h.configuration.account)

            let (run, _) = try RunCatalog(store: store).load(overview.id)
            #expect(run.devices == chosen)
            // The list knew each device's state before: all seven unlicensed.
            #expect(run.licensedBefore == Dictionary(uniqueKeysWithValues: chosen.map { ($0, false) }))

            // The exit report names the run with its counts, and the journal.
            let report = h.program.exitReport
            #expect(report.count == 2)
            #expect(report.first == "run \(overview.id): assign, 7 devices: 7 succeeded, 0 failed, 0 without a final outcome")
            #expect(report.last?.contains(store.directory) == true)

            // No secret in the journal.
            let text = try String(contentsOfFile: store.journalPath(overview.id), encoding: .utf8)
            for secret in [h.configuration.appSecret, h.configuration.password, h.configuration.appKey] {
                #expect(!text.contains(secret), "the journal holds a secret")
            }
        }
    }

    /// The details dialog lists a device's attempts in earlier runs from the journal (not the
    /// runs this console made: those are its own session's attempts).
    @Test func detailsListEarlierRunsFromTheJournal() async throws {
        try await withJournaledConsole(devices: 100) { h, store in
            let device = try #require(await unlicensedDevices(h.simulator, 1).first)
            // An earlier run, by another front end: assign the device.
            let plan = RunPlanner.plan(deviceIds: [device], luhn: .ignore)
            let header = RunHeader(runId: RunId.make(), account: h.client.account,
                                   baseURL: h.client.configuration.baseURL.absoluteString, apiVersion: "v1", operation: .assign)
            let recorder = try await RunRecorder.begin(store, header: header, plan: plan)
            let run = RunEngine(client: h.client, hook: recorder).start(.assign, plan: plan, runId: header.runId)
            var summary: RunSummary?
            for await event in run.events {
                recorder.observe(event)
                if case .finished(let s) = event { summary = s }
            }
            try await recorder.finish(try #require(summary))
            #expect(await h.simulator.licensedDeviceIds().contains(device))

            // This console removes it; then Enter on it.
            h.send(.fileLoaded(path: "one.txt", imeis: [device], problems: []))
            h.press(.escape, .char("x"))
            try await h.waitFor(text: "[y/n]")
            h.press(.char("y"))
            try await h.waitFor("the remove to finish") { $0.run?.summary != nil }
            try await h.waitUntilIdle("the counters read after the remove")
            h.press(.char("/"))
            h.type(device)
            h.press(.enter, .enter)
            try await h.waitFor("the details with the journal's attempts") { s in
                if case .details(let d) = s.modal, case .read = d.lookup { return true } else { return false }
            }
            guard case .details(let d) = h.state.modal, case .read(let lookup) = d.lookup else { return }
            #expect(lookup.earlierAttempts.count == 1, "\(lookup.earlierAttempts)")
            let earlier = try #require(lookup.earlierAttempts.first)
            #expect(earlier.operation == .assign && earlier.outcome == .success && earlier.attempts == 1)
            #expect(abs(earlier.time.timeIntervalSinceNow) < 600)
            #expect(h.state.history.attempts(for: device).map(\.operation) == [.remove])
            #expect(h.screen().contains("Earlier runs (newest first):"), "\(h.screen())")
        }
    }

    @Test func quittingDuringARunRecordsItsStoppedEnd() async throws {
        try await withJournaledConsole(devices: 200, hold: true) { h, store in
            let chosen = await unlicensedDevices(h.simulator, 50)
            try await Self.assign(h, chosen)
            try await h.waitFor("the first batch held by the server") { await h.simulator.heldBatchCount() == 1 }
            // q during the run asks; y stops after the batch in flight and quits.
            h.press(.char("q"))
            #expect(h.state.modal == .quitDuringRun)
            h.press(.char("y"))
            await h.simulator.setHoldBatches(false)
            await h.simulator.releaseAllBatches()
            try await h.waitFor("the console to quit once the run ended") { _ in h.program.isFinished }
            // The end is on disk when the console quits.
            let runId = try #require(store.runIds().first)
            #expect(JournalReader.lastRecord(path: store.journalPath(runId))?.type == .end)
            let (run, state) = try RunCatalog(store: store).load(runId)
            #expect(state == .stopped)
            #expect(run.succeeded == 10 && run.unsent == 40)
            #expect(h.program.exitReport.first == "run \(runId): assign, 50 devices: 10 succeeded, 0 failed, 40 without a final outcome (stopped)")
        }
    }
}
