import ArgumentParser
import Foundation
import LicenseConsole
import RunJournal
import ThingSpaceAPI
import Settings
import ThingSpaceSimulator

/// `tslicense demo`: the simulator in-process on loopback and the console on it. Ignores accounts,
/// credentials and `THINGSPACE_*` account settings, so a demo can never touch a real account, but
/// honours the display settings: `--theme`, `THINGSPACE_THEME`, user themes, `[keys]`, `NO_COLOR`,
/// `--colors`, `--ascii`.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the console on an embedded simulator (no real account is touched).",
        discussion: """
            Starts the ThingSpace simulator in this process on 127.0.0.1 (account 0242078689-00001, \
            5000 devices, 9000 licences with 1000 used, about 80 ms latency, a handful of devices that \
            always fail) and opens the console on it. The simulator's options change these. Accounts,             credentials and THINGSPACE_* account settings are ignored; the look and keys are yours             (--theme, THINGSPACE_THEME, user themes, [keys] of the config file, NO_COLOR, --colors, --ascii).
            """)

    @OptionGroup var simulator: SimulatorOptions
    @OptionGroup var display: DisplayOptions

    @Option(help: ArgumentHelp("Config file whose [keys] to use (default: $XDG_CONFIG_HOME/tslicense/config.toml).",
                               valueName: "path"))
    var config: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let preferences: ConsolePreferences
        do {
            preferences = try SettingsResolver.displaySettings(theme: display.theme, configPath: self.config, environment: environment)
        } catch {
            throw CommandFailure.usage(error.message)
        }
        let look = try ConsoleDisplay.resolve(preferences, options: display, environment: environment)
        let config = try simulator.makeConfiguration(defaults: .demo)
        let sim = ThingSpaceSimulator(configuration: config)
        let url = try await sim.start()
        let client = ThingSpaceClient(configuration: ClientConfiguration(
            baseURL: url, account: config.account,
            credentials: Credentials(appKey: config.appKey, appSecret: Secret(config.appSecret),
                                     username: config.username, password: Secret(config.password))))
        var console = ConsoleSettings.demo
        console.journal = JournalStore(stateDirectory: SettingsResolver.stateDirectory(environment: environment), demo: true)
        let code = await ConsoleLauncher.run(client: client, readonly: false, settings: console, display: look)
        await sim.stop()
        if code != 0 { throw CommandFailure(code: code, message: "") }
    }
}
