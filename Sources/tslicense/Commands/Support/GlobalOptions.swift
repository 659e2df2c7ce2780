import ArgumentParser
import Settings

/// The options every command that talks to ThingSpace takes after its name. Secrets are never
/// options (they would show in `ps`): they come from the environment, a private config file, or a
/// command named in the profile.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Profile of the config file to use (default: THINGSPACE_PROFILE, then default_profile).",
                               valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("ThingSpace account name, ##########-##### (default: THINGSPACE_ACCOUNT, then the profile).",
                               valueName: "name"))
    var account: String?

    @Option(name: .customLong("base-url"),
            help: ArgumentHelp("API base URL (default: THINGSPACE_BASE_URL, the profile, then https://thingspace.verizon.com).",
                               valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("FOTA API version: v1 or v3 (default: THINGSPACE_API_VERSION, the profile, then v1).",
                               valueName: "version"))
    var apiVersion: String?

    @Option(help: ArgumentHelp("Seconds to wait for each API answer (default: the profile, then 30).", valueName: "seconds"))
    var timeout: Double?

    @Option(help: ArgumentHelp("v3 only: list only devices of this protocol, LWM2M, OMADM or HTTP (default: every device).",
                               valueName: "protocol"))
    var `protocol`: String?

    @Option(help: ArgumentHelp("Seconds to establish a connection before the host counts as unreachable (default: the profile, then 3).",
                               valueName: "seconds"))
    var connectTimeout: Double?

    @Option(help: ArgumentHelp("Config file (default: $XDG_CONFIG_HOME/tslicense/config.toml, ~/.config/... without it).",
                               valueName: "path"))
    var config: String?

    @Flag(help: "Refuse assign and remove, whatever the profile says.")
    var readonly = false

    @Flag(help: "Write a redacted HTTP trace to a log file (its path is printed on stderr).")
    var debug = false

    @Flag(help: "Log in even after three failed logins in a row (a fifth failure locks the account).")
    var forceLogin = false

    init() {}

    /// The flags as the settings resolver takes them, with the command's own (assign and remove: run
    /// shape and limit; the console: theme).
    func overrides(batchSize: Int? = nil, concurrency: Int? = nil, maxDevices: Int? = nil,
                   theme: String? = nil) -> SettingsOverrides {
        SettingsOverrides(profile: profile, account: account, baseURL: baseURL, apiVersion: apiVersion, timeout: timeout,
                          configPath: config, readonly: readonly, debug: debug, batchSize: batchSize,
                          concurrency: concurrency, maxDevices: maxDevices, theme: theme,
                          connectTimeout: connectTimeout, deviceProtocol: `protocol`)
    }
}
