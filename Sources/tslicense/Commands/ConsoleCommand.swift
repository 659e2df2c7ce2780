import ArgumentParser
import Foundation
import LicenseConsole
import Settings
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
              tslicense --theme light --colors 16
              NO_COLOR=1 tslicense --ascii      # no colour, plain ASCII
              THINGSPACE_ACCOUNT=0242078689-00001 THINGSPACE_BASE_URL=http://127.0.0.1:8080 tslicense
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var display: DisplayOptions

    func run() async throws {
        let settings = try CommandSession.resolve(global.overrides(theme: display.theme))
        // The look and keys are checked before anything else happens: a bad theme or keymap stops here.
        let look = try ConsoleDisplay.resolve(settings.console, options: display, environment: ProcessInfo.processInfo.environment)
        let session = try CommandSession.open(settings, forceLogin: global.forceLogin)
        let console = ConsoleSettings(themeName: settings.console.themeName, runOptions: settings.run, logoutOnExit: true,
                                      maxDevices: settings.limits.maxDevices, profileName: settings.profileName,
                                      readonlyOrigin: settings.limits.readonlyReason, maxDevicesOrigin: settings.limits.maxDevicesSource,
                                      journal: CommandJournal.store(settings))
        let code = await ConsoleLauncher.run(client: session.client, readonly: settings.limits.readonly, settings: console,
                                             display: look)
        if code != 0 { throw CommandFailure(code: code, message: "") }
    }
}
