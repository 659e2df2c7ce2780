import ArgumentParser
import Foundation
import LicenseConsole
import ThingSpaceAPI

/// `tslicense` (no subcommand): the console for the configured account.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the licence console for the configured account (the default).",
        discussion: """
            The console shows the account's licence usage, lets you pick devices with the keyboard, \
            and assign or remove licences while each device's result arrives. Press ? inside for keys.

            Examples:
              tslicense                         # the default profile's account
              tslicense --profile staging       # another profile
              tslicense --readonly              # look, never change anything
              THINGSPACE_ACCOUNT=0242078689-00001 THINGSPACE_BASE_URL=http://127.0.0.1:8080 tslicense
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Colour theme (default, mono). NO_COLOR selects mono.")
    var theme: String?

    func run() async throws {
        let settings = try ResolvedSettings.resolve(global)
        for warning in settings.warnings { FileOutput.stderr("warning: \(warning)") }
        let client = try settings.makeClient()
        var options = RunOptions()
        options.batchSize = settings.batchSize
        options.concurrency = settings.concurrency
        options.luhnPolicy = settings.luhn
        let console = ConsoleSettings(themeName: theme ?? settings.theme, runOptions: options, logoutOnExit: true,
                                      maxDevices: settings.maxDevices)
        let code = await ConsoleLauncher.run(client: client, readonly: settings.readonly, settings: console)
        if code != 0 { throw CommandFailure(code: code, message: "") }
    }
}
