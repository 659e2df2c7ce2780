import ArgumentParser
import Foundation
import Settings
import ThingSpaceAPI

/// `tslicense config`: the configuration as tslicense sees it.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective configuration.",
        discussion: """
            Examples:
              tslicense config show
              tslicense config show --profile production --format json
            """,
        subcommands: [ConfigShowCommand.self])
}

/// `tslicense config show`: every effective setting and where it came from, secrets masked.
struct ConfigShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the effective settings and where each came from (secrets masked).",
        discussion: """
            Precedence: flags, then environment variables (THINGSPACE_*), then the profile, then the \
            defaults. Secret values are always shown as ••••••. Commands named by app_secret_command and \
            password_command are not run unless --run-commands is given.

            JSON: {"profile", "configFile", "configFound", "settings": [{"key", "value", "origin"}], \
            "warnings": [...]}. CSV: key,value,origin.

            Examples:
              tslicense config show
              THINGSPACE_PROFILE=staging tslicense config show --format json
              tslicense config show --profile production --run-commands
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Flag(help: "Run app_secret_command and password_command to check that they work (their output stays hidden).")
    var runCommands = false

    func run() async throws {
        let settings = try CommandSession.resolve(global.overrides(), requireAccount: false, runCommands: runCommands)
        let report = SettingsReport(settings)
        let out = StandardOutput()
        out.lines(report.lines(output.format))
        out.flush()
    }
}
