import ArgumentParser
import Foundation
import LicenseConsole
import ThingSpaceAPI
import ThingSpaceSimulator

/// `tslicense demo`: the simulator in-process on loopback and the console on it. Ignores
/// `THINGSPACE_*` variables and configuration files, so a demo can never touch a real account.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the console on an embedded simulator (no real account is touched).",
        discussion: """
            Starts the ThingSpace simulator in this process on 127.0.0.1 (account 0242078689-00001, \
            5000 devices, 9000 licences with 1000 used, about 80 ms latency, a handful of devices that \
            always fail) and opens the console on it. The simulator's options change these.
            """)

    @OptionGroup var simulator: SimulatorOptions

    func run() async throws {
        let config = try simulator.makeConfiguration(defaults: .demo)
        let sim = ThingSpaceSimulator(configuration: config)
        let url = try await sim.start()
        let client = ThingSpaceClient(configuration: ClientConfiguration(
            baseURL: url, account: config.account,
            credentials: Credentials(appKey: config.appKey, appSecret: Secret(config.appSecret),
                                     username: config.username, password: Secret(config.password))))
        let code = await ConsoleLauncher.run(client: client, readonly: false, settings: .demo)
        await sim.stop()
        if code != 0 { throw CommandFailure(code: code, message: "") }
    }
}
