import ArgumentParser
import Foundation
import Settings

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

    struct Setting: Encodable {
        var key: String
        var value: String
        var origin: String
    }

    struct ShowJSON: Encodable {
        var profile: String?
        var configFile: String
        var configFound: Bool
        var settings: [Setting]
        var warnings: [String]

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(profile, forKey: .profile)
            try c.encode(configFile, forKey: .configFile)
            try c.encode(configFound, forKey: .configFound)
            try c.encode(settings, forKey: .settings)
            try c.encode(warnings, forKey: .warnings)
        }
        enum CodingKeys: String, CodingKey { case profile, configFile, configFound, settings, warnings }
    }

    func run() async throws {
        let settings = try CommandSession.resolve(global.overrides(), requireAccount: false, runCommands: runCommands)
        let out = StandardOutput()
        switch output.format {
        case .json:
            out.line(TextFormat.json(ShowJSON(
                profile: settings.profileName, configFile: settings.configPath, configFound: settings.configFound,
                settings: settings.sources.map { Setting(key: $0.key, value: $0.value, origin: $0.origin.text) },
                warnings: settings.warnings)))
        case .csv:
            out.line(TextFormat.csv(["key", "value", "origin"]))
            for s in settings.sources { out.line(TextFormat.csv([s.key, s.value, s.origin.text])) }
        case .table:
            for line in TextFormat.table([["KEY", "VALUE", "FROM"]] + settings.sources.map { [$0.key, $0.value, $0.origin.text] }) {
                out.line(line)
            }
        }
        out.flush()
    }
}
