import Foundation
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// Starts a simulator on a free loopback port, hands a client for it to `body`, and always stops it.
func withSimulator<T>(
    _ configure: (inout SimulatorConfiguration) -> Void = { _ in },
    credentials: ((SimulatorConfiguration) -> Credentials)? = nil,
    timeout: Double = 10,
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
    let client = ThingSpaceClient(configuration: ClientConfiguration(baseURL: url, account: config.account,
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

/// Collects a run's events.
func collect(_ run: Run) async -> (events: [RunEvent], summary: RunSummary) {
    var events: [RunEvent] = []
    for await e in run.events { events.append(e) }
    guard case .finished(let s)? = events.last else { fatalError("run ended without .finished") }
    return (events, s)
}
