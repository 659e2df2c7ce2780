import Foundation
import ThingSpaceSimulator

/// A simulator of `config` on a free port and a private home directory, with the environment
/// that points the built binary at both. The simulator is stopped and the home removed
/// afterwards, whatever happened.
func withSimulatorHome(_ config: SimulatorConfiguration,
                       _ body: (ThingSpaceSimulator, URL, [String: String]) async throws -> Void) async throws {
    let sim = ThingSpaceSimulator(configuration: config)
    let url = try await sim.start()
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("tsl-e2e-\(UUID().uuidString)")
    do {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try await body(sim, home, [
            "THINGSPACE_BASE_URL": url.absoluteString, "THINGSPACE_ACCOUNT": config.account,
            "THINGSPACE_APP_KEY": config.appKey, "THINGSPACE_APP_SECRET": config.appSecret,
            "THINGSPACE_USERNAME": config.username, "THINGSPACE_PASSWORD": config.password,
            "XDG_CONFIG_HOME": home.path, "XDG_STATE_HOME": home.path, "HOME": home.path,
        ])
    } catch {
        await sim.stop()
        try? FileManager.default.removeItem(at: home)
        throw error
    }
    await sim.stop()
    try? FileManager.default.removeItem(at: home)
}
