import Foundation
import RunJournal
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// A private state directory for one test, removed afterwards.
func withStore<T>(demo: Bool = false, _ body: (JournalStore, String) async throws -> T) async throws -> T {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("tslicense-journal-\(UUID().uuidString.prefix(12))").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    return try await body(JournalStore(stateDirectory: (root as NSString).appendingPathComponent("tslicense"), demo: demo), root)
}

/// Starts a simulator (300 devices, 1000 licences, 100 used) and a client for it; always stops it.
func withSimulator<T>(_ configure: (inout SimulatorConfiguration) -> Void = { _ in },
                      _ body: (ThingSpaceSimulator, ThingSpaceClient) async throws -> T) async throws -> T {
    var config = SimulatorConfiguration()
    config.devices = 300
    config.licenses = 1000
    config.used = 100
    configure(&config)
    let sim = ThingSpaceSimulator(configuration: config)
    let url = try await sim.start()
    let client = ThingSpaceClient(configuration: ClientConfiguration(
        baseURL: url, account: config.account,
        credentials: Credentials(appKey: config.appKey, appSecret: Secret(config.appSecret),
                                 username: config.username, password: Secret(config.password)),
        timeout: 60))
    do {
        let result = try await body(sim, client)
        await sim.stop()
        return result
    } catch {
        await sim.stop()
        throw error
    }
}

func unlicensed(_ sim: ThingSpaceSimulator, _ count: Int) async -> [String] {
    let licensed = await sim.licensedDeviceIds()
    let failing = await sim.failingDeviceIds()
    return Array(await sim.allDeviceIds().filter { !licensed.contains($0) && !failing.contains($0) }.sorted().prefix(count))
}

/// Runs a plan through the engine with a recorder as its hook, feeding it every event; fails
/// (cancelling the run) after 60 s.
func recordedRun(_ client: ThingSpaceClient, _ store: JournalStore, _ operation: LicenseOperation, _ ids: [String],
                 options: RunOptions = RunOptions(batchSize: 5, concurrency: 3), undoes: String? = nil)
    async throws -> (RunRecorder, RunSummary) {
    let plan = RunPlanner.plan(deviceIds: ids, luhn: .ignore)
    let runId = RunId.make()
    let header = RunHeader(runId: runId, account: client.account, baseURL: client.configuration.baseURL.absoluteString,
                           apiVersion: "v1", operation: operation, note: "test run", undoes: undoes)
    let recorder = try await RunRecorder.begin(store, header: header, plan: plan)
    let run = RunEngine(client: client, options: options, hook: recorder).start(operation, plan: plan, runId: runId)
    let watchdog = Task { try? await Task.sleep(for: .seconds(60)); run.cancel() }
    var summary: RunSummary?
    for await event in run.events {
        recorder.observe(event)
        if case .finished(let s) = event { summary = s }
    }
    watchdog.cancel()
    let s = try #require(summary, "the run ended without a summary")
    try await recorder.finish(s)
    return (recorder, s)
}

/// The mode bits of a path.
func mode(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int ?? -1) & 0o777
}
