import ThingSpaceAPI

/// Everything the front ends need, resolved once from flags, environment, the config profile and
/// the defaults (in that order of precedence), in the shapes their users take.
public struct ResolvedSettings: Sendable {
    /// For the API client: account, base URL, API version, credentials, timeout.
    public var client: ClientConfiguration
    /// For runs: batch size, concurrency, Luhn policy.
    public var run: RunOptions
    /// What runs may do at all: readonly, the largest run.
    public var limits: RunLimits
    /// For the console: the theme name.
    public var console: ConsolePreferences
    /// For the HTTP transport: connect timeout and the environment's proxies.
    public var transport: AsyncHTTPTransport.Options
    /// The profile in use, if any.
    public var profileName: String?
    /// The config file consulted and whether it exists.
    public var configPath: String
    public var configFound: Bool
    /// Every setting, its masked value and its origin, in the order of the settings table.
    public var sources: [SettingSource]
    /// Things the operator should know (an environment variable overriding a chosen profile, plain http).
    public var warnings: [String]
    /// `--debug`: write a redacted HTTP trace.
    public var debug: Bool
    /// `$XDG_STATE_HOME/tslicense`: debug traces and the run journal live here.
    public var stateDirectory: String

    /// `account 0242078689-00001 on thingspace.verizon.com (profile production)`.
    public var targetDescription: String {
        var s = "account \(client.account) on \(client.hostDescription)"
        if let profileName { s += " (profile \(profileName))" }
        if limits.readonly { s += " [readonly]" }
        return s
    }

    /// How a secret is shown.
    public static let mask = "••••••"
}

/// The guards every run passes: whether changes are allowed at all, and the largest run.
public struct RunLimits: Sendable, Equatable {
    /// Assign and remove are refused (`--readonly` or `readonly = true` in the profile).
    public var readonly: Bool
    public var readonlyOrigin: SettingOrigin
    /// Runs larger than this are refused (`--max-devices`, then the profile's `max_devices`).
    public var maxDevices: Int?
    public var maxDevicesOrigin: SettingOrigin
    /// Why changes are refused, for the message: `--readonly was given`, or
    /// `profile "prod" is readonly (readonly = true in PATH)`.
    public var readonlyReason: String
    /// Where the limit came from, for the message: `--max-devices` or `max_devices of profile "prod"`.
    public var maxDevicesSource: String

    public init(readonly: Bool, readonlyOrigin: SettingOrigin, maxDevices: Int?, maxDevicesOrigin: SettingOrigin,
                readonlyReason: String, maxDevicesSource: String) {
        self.readonly = readonly
        self.readonlyOrigin = readonlyOrigin
        self.maxDevices = maxDevices
        self.maxDevicesOrigin = maxDevicesOrigin
        self.readonlyReason = readonlyReason
        self.maxDevicesSource = maxDevicesSource
    }

    /// The pipeline's guards for these limits (the same for the console and the commands).
    public var policy: RunPolicy {
        RunPolicy(readonly: readonly, readonlyOrigin: readonlyReason, maxDevices: maxDevices,
                  maxDevicesOrigin: maxDevicesSource)
    }
}

/// What the console takes from the settings.
public struct ConsolePreferences: Sendable, Equatable {
    /// The theme named by `--theme`, `THINGSPACE_THEME` or the profile; nil for the default
    /// (NO_COLOR chooses the colour tier, not the theme).
    public var themeName: String?
    /// The profile says `production = true`: PRODUCTION badge and the red accent, whatever the theme.
    public var production: Bool
    /// The config file's `[keys]`.
    public var keys: UserKeyBindings
    /// `[console] mouse`: the console reports the wheel and clicks (default true).
    public var mouse: Bool
    /// The config file's `[console]` table (mouse, the table's columns).
    public var console: ConsoleFileSettings

    public init(themeName: String?, production: Bool = false, keys: UserKeyBindings = .none,
                console: ConsoleFileSettings = .none) {
        self.themeName = themeName
        self.production = production
        self.keys = keys
        self.console = console
        self.mouse = console.mouse ?? true
    }
}
