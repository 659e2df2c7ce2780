/// One row of the settings table, as documentation and tests see it: where a setting may come from.
public struct SettingDescription: Sendable, Equatable {
    /// The key `config show` prints (and, for most rows, the profile key).
    public var key: String
    /// The command-line flag, if any.
    public var flag: String?
    /// The environment variable, if any.
    public var environment: String?
    /// The key in a `[profiles.NAME]` table (or, for `profile`, the file's `default_profile`).
    public var profileKey: String?
    /// For a secret: the profile key naming a command whose standard output is the secret.
    public var commandKey: String?
    /// Shown masked, never printed or logged.
    public var secret: Bool

    public init(key: String, flag: String? = nil, environment: String? = nil, profileKey: String? = nil,
                commandKey: String? = nil, secret: Bool = false) {
        self.key = key
        self.flag = flag
        self.environment = environment
        self.profileKey = profileKey
        self.commandKey = commandKey
        self.secret = secret
    }
}

/// Where a value was found, for error messages: its origin, and its place as the operator would
/// look for it (`--batch-size`, `THINGSPACE_ACCOUNT`, `/home/me/.config/tslicense/config.toml: profiles.main.batch_size`).
struct SettingPlace: Sendable {
    var origin: SettingOrigin
    var location: String
}

/// One row of the settings table: its sources in order of precedence (flag, environment variable,
/// profile key, default), how environment text is read, how a value is checked and shown.
struct Setting<Value: Sendable>: Sendable {
    var description: SettingDescription
    /// The flag's value, if the operator gave it.
    var flagValue: @Sendable (SettingsOverrides) -> Value?
    /// Reads the environment variable's text; nil when it is not a valid value.
    var parse: @Sendable (String) -> Value?
    /// The profile's value, if it sets one.
    var profileValue: @Sendable (Profile) -> Value?
    /// The error message for a value that cannot be used, or nil.
    var check: @Sendable (Value, SettingPlace) -> String?
    var defaultValue: Value?
    /// How `config show` prints a value.
    var show: @Sendable (Value) -> String
    /// What `config show` prints, and the origin it names, when no source sets the value.
    var unsetText: String
    var unsetOrigin: SettingOrigin
    /// An environment variable overriding a different value in an explicitly chosen profile is warned about.
    var warnsOverProfile: Bool

    init(_ key: String, flag: String? = nil, environment: String? = nil, profileKey: String? = nil,
         flagValue: @escaping @Sendable (SettingsOverrides) -> Value? = { _ in nil },
         parse: @escaping @Sendable (String) -> Value? = { _ in nil },
         profileValue: @escaping @Sendable (Profile) -> Value? = { _ in nil },
         check: @escaping @Sendable (Value, SettingPlace) -> String? = { _, _ in nil },
         defaultValue: Value? = nil, show: @escaping @Sendable (Value) -> String,
         unset: (text: String, origin: SettingOrigin) = ("(not set)", .unset), warnsOverProfile: Bool = false) {
        self.description = SettingDescription(key: key, flag: flag, environment: environment, profileKey: profileKey)
        self.flagValue = flagValue
        self.parse = parse
        self.profileValue = profileValue
        self.check = check
        self.defaultValue = defaultValue
        self.show = show
        self.unsetText = unset.text
        self.unsetOrigin = unset.origin
        self.warnsOverProfile = warnsOverProfile
    }

    var key: String { description.key }
}

/// A secret row: environment variable, then the profile's literal value, then its command.
/// Its value is never shown, only `ResolvedSettings.mask`.
struct SecretSetting: Sendable {
    var description: SettingDescription
    var literal: @Sendable (Profile) -> String?
    var command: @Sendable (Profile) -> String?

    init(_ key: String, environment: String, literal: @escaping @Sendable (Profile) -> String?,
         command: (key: String, value: @Sendable (Profile) -> String?)? = nil) {
        description = SettingDescription(key: key, environment: environment, profileKey: key,
                                         commandKey: command?.key, secret: true)
        self.literal = literal
        if let command {
            self.command = command.value
        } else {
            self.command = { _ in nil }
        }
    }

    var key: String { description.key }
}

extension Setting where Value == String {
    /// A plain text setting read as given.
    init(text key: String, flag: String? = nil, environment: String? = nil, profileKey: String? = nil,
         flagValue: @escaping @Sendable (SettingsOverrides) -> String? = { _ in nil },
         profileValue: @escaping @Sendable (Profile) -> String?,
         check: @escaping @Sendable (String, SettingPlace) -> String? = { _, _ in nil },
         defaultValue: String? = nil, unset: (text: String, origin: SettingOrigin) = ("(not set)", .unset),
         warnsOverProfile: Bool = false) {
        self.init(key, flag: flag, environment: environment, profileKey: profileKey, flagValue: flagValue,
                  parse: { $0 }, profileValue: profileValue, check: check, defaultValue: defaultValue,
                  show: { $0 }, unset: unset, warnsOverProfile: warnsOverProfile)
    }
}

/// `12.5`, and whole numbers without a fraction (`30`).
func showNumber(_ d: Double) -> String {
    d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
}
