/// Where an effective setting came from.
public enum SettingOrigin: Sendable, Equatable {
    /// A command-line flag, such as `--account`.
    case flag(String)
    /// An environment variable, such as `THINGSPACE_ACCOUNT`.
    case environment(String)
    /// A key of a config-file profile.
    case profile(String, key: String)
    /// A profile's `*_command`, whose output is the secret.
    case command(String, key: String)
    /// A top-level key of the config file (`default_profile`).
    case file(String)
    /// The built-in default.
    case defaulted
    /// Nothing set it and it has no default.
    case unset

    /// As `config show` prints it: `flag --account`, `env THINGSPACE_ACCOUNT`, `profile main (account)`.
    public var text: String {
        switch self {
        case .flag(let f): return "flag \(f)"
        case .environment(let v): return "env \(v)"
        case .profile(let p, let key): return "profile \(p) (\(key))"
        case .command(let p, let key): return "command \(key) of profile \(p)"
        case .file(let key): return "config file (\(key))"
        case .defaulted: return "default"
        case .unset: return "not set"
        }
    }
}

/// One effective setting and where it came from, for `config show` (secrets already masked).
public struct SettingSource: Sendable, Equatable {
    public var key: String
    /// The value as shown; a secret is always `ResolvedSettings.mask`.
    public var value: String
    public var origin: SettingOrigin

    public init(key: String, value: String, origin: SettingOrigin) {
        self.key = key
        self.value = value
        self.origin = origin
    }
}
