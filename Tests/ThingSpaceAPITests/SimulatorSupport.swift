import Foundation
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// Starts a simulator on a free loopback port, hands a client for it to `body`, and always stops it.
func withSimulator<T>(
    _ configure: (inout SimulatorConfiguration) -> Void = { _ in },
    credentials: ((SimulatorConfiguration) -> Credentials)? = nil,
    timeout: Double = 60,   // a bound for a hang on a loaded machine, not a speed check
    apiVersion: APIVersion = .v1,
    _ body: (ThingSpaceSimulator, ThingSpaceClient) async throws -> T
) async throws -> T {
    var config = SimulatorConfiguration()
    config.devices = 300
    config.licenses = 1000
    config.used = 100
    configure(&config)
    let sim = ThingSpaceSimulator(configuration: config)
    let url = try await sim.start()
    let creds = credentials?(config) ?? Credentials(appKey: config.appKey, appSecret: Secret(config.appSecret),
                                                    username: config.username, password: Secret(config.password))
    let client = ThingSpaceClient(configuration: ClientConfiguration(baseURL: url, account: config.account, apiVersion: apiVersion,
                                                                     credentials: creds, timeout: timeout))
    do {
        let result = try await body(sim, client)
        await sim.stop()
        return result
    } catch {
        await sim.stop()
        throw error
    }
}

/// Collects a run's events until `.finished`; fails (cancelling the run) after `seconds`.
func collect(_ run: Run, within seconds: Double = 60,
             sourceLocation: SourceLocation = #_sourceLocation) async throws -> (events: [RunEvent], summary: RunSummary) {
    let trail = Trail()
    let events = try await withDeadline("run \(run.id) to finish", within: seconds, sourceLocation: sourceLocation,
                                        trail: trail, onTimeout: { run.cancel() }) {
        var events: [RunEvent] = []
        for await e in run.events {
            events.append(e)
            trail.add(briefly(e))
        }
        return events
    }
    guard case .finished(let s)? = events.last else {
        Issue.record("run \(run.id) ended without .finished", sourceLocation: sourceLocation)
        throw WaitTimedOut(what: "the .finished event", seconds: seconds)
    }
    return (events, s)
}

/// The summary of a run; fails (cancelling the run) after `seconds`.
func finish(_ run: Run, within seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) async throws -> RunSummary {
    try await collect(run, within: seconds, sourceLocation: sourceLocation).summary
}

/// One run event in a line, for a trail.
func briefly(_ event: RunEvent) -> String {
    switch event {
    case .batchSent(let batch, _, let attempt): return "batch \(batch) sent (attempt \(attempt))"
    case .batchResults(let results, let batch): return "batch \(batch): \(results.count) results, first \(results.first.map { "\($0.status)" } ?? "-")"
    case .batchRetrying(let batch, let attempt, let delay, let error): return "batch \(batch) retrying (attempt \(attempt) in \(delay) s): \(error)"
    default: return String(String(describing: event).prefix(160))
    }
}
