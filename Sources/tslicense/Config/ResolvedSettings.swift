import Foundation
import ThingSpaceAPI

/// One effective setting and where it came from, for `config show` (secrets already masked).
struct SettingSource: Sendable, Equatable {
    var key: String
    var value: String
    var origin: String
}

/// Everything a front end needs, resolved once from flags, environment, the config profile and
/// the defaults (in that order of precedence), then passed down.
struct ResolvedSettings: Sendable {
    /// Account, base URL, API version, credentials, timeout.
    var client: ClientConfiguration
    /// Assign and remove are refused (`--readonly` or `readonly = true` in the profile).
    var readonly: Bool
    /// The console theme the profile names, if any.
    var theme: String?
    var batchSize: Int
    var concurrency: Int
    /// Runs larger than this are refused (profile `max_devices`; `--max-devices` overrides).
    var maxDevices: Int?
    /// The profile in use, if any.
    var profileName: String?
    /// The config file consulted and whether it exists.
    var configPath: String
    var configFound: Bool
    /// Every setting, its masked value and its origin, in a stable order.
    var sources: [SettingSource]
    /// Things the operator should know (an environment variable overriding a chosen profile, plain http).
    var warnings: [String]
    /// `--debug`: write a redacted HTTP trace.
    var debug: Bool
    /// `$XDG_STATE_HOME/tslicense`: debug traces and the run journal live here.
    var stateDirectory: String
    /// How bad Luhn check digits are treated (profile `luhn`): the run options' one Luhn setting.
    var luhn: IMEI.LuhnPolicy = .warn

    /// `account 0242078689-00001 on thingspace.verizon.com (profile production)`.
    var targetDescription: String {
        var s = "account \(client.account) on \(client.hostDescription)"
        if let profileName { s += " (profile \(profileName))" }
        if readonly { s += " [readonly]" }
        return s
    }

    static let defaultBatchSize = 100
    static let defaultConcurrency = 2
    static let defaultTimeout: Double = 30
    static let mask = "••••••"
}

extension ResolvedSettings {
    /// Resolves the settings. Throws `CommandFailure` (exit 2) with a message naming the file, key,
    /// variable or flag at fault.
    /// - Parameters:
    ///   - requireAccount: when false, a missing account is allowed (`config show`).
    ///   - runCommands: when false, `app_secret_command` / `password_command` are not run (`config show`).
    static func resolve(_ options: GlobalOptions,
                        environment: [String: String] = ProcessInfo.processInfo.environment,
                        requireAccount: Bool = true, runCommands: Bool = true) throws -> ResolvedSettings {
        try Resolver(options: options, environment: environment).resolve(requireAccount: requireAccount, runCommands: runCommands)
    }
}

/// The resolution itself: one pass over every setting, recording where each value came from.
private struct Resolver {
    let options: GlobalOptions
    let environment: [String: String]

    enum Origin {
        case flag(String)
        case env(String)
        case profile(String, key: String)
        case command(String, key: String)
        case file(String)
        case defaulted
        case unset

        var text: String {
            switch self {
            case .flag(let f): return "flag \(f)"
            case .env(let v): return "env \(v)"
            case .profile(let p, let key): return "profile \(p) (\(key))"
            case .command(let p, let key): return "command \(key) of profile \(p)"
            case .file(let key): return "config file (\(key))"
            case .defaulted: return "default"
            case .unset: return "not set"
            }
        }
    }

    func env(_ name: String) -> String? {
        guard let v = environment[name], !v.isEmpty else { return nil }
        return v
    }

    func failure(_ message: String) -> CommandFailure {
        CommandFailure(code: ExitStatus.usage, message: "error: \(message)")
    }

    /// flag > environment > profile; nil when none is set.
    func pick<T>(flag: (String, T?), env name: String?, parse: (String) -> T?, profile: Profile?,
                 _ keyPath: KeyPath<Profile, T?>, key: String) throws(CommandFailure) -> (T, Origin)? {
        if let v = flag.1 { return (v, .flag(flag.0)) }
        if let name, let raw = env(name) {
            guard let v = parse(raw) else { throw failure("\(name)=\(raw) is not a valid \(key)") }
            return (v, .env(name))
        }
        if let profile, let v = profile[keyPath: keyPath] { return (v, .profile(profile.name, key: key)) }
        return nil
    }

    func resolve(requireAccount: Bool, runCommands: Bool) throws(CommandFailure) -> ResolvedSettings {
        var sources: [SettingSource] = []
        var warnings: [String] = []
        func record(_ key: String, _ value: String, _ origin: Origin) {
            sources.append(SettingSource(key: key, value: value, origin: origin.text))
        }

        // The file.
        let configPath = options.config.map { ConfigPaths.expand($0, environment) } ?? ConfigPaths.configFile(environment)
        let file = try ConfigFile.load(path: configPath, required: options.config != nil)
        try file?.checkPermissions()
        record("config_file", configPath + (file == nil ? " (not found)" : ""),
               options.config != nil ? .flag("--config") : .defaulted)

        // The profile.
        var profile: Profile?
        var explicit = false
        var profileOrigin: Origin = .unset
        if let name = options.profile ?? env("THINGSPACE_PROFILE") {
            explicit = true
            profileOrigin = options.profile != nil ? .flag("--profile") : .env("THINGSPACE_PROFILE")
            guard let file else {
                throw failure("profile \"\(name)\" (from \(profileOrigin.text)) was asked for, but there is no config file at \(configPath)")
            }
            guard let p = file.profiles[name] else {
                let known = file.profileNames.isEmpty ? "none" : file.profileNames.joined(separator: ", ")
                throw failure("no profile named \"\(name)\" (from \(profileOrigin.text)) in \(configPath); profiles: \(known)")
            }
            profile = p
        } else if let file, let name = file.defaultProfile {
            profile = file.profiles[name]
            profileOrigin = .file("default_profile")
        } else if let file, let p = file.profiles["default"] {
            profile = p
            profileOrigin = .defaulted
        }
        record("profile", profile?.name ?? "(none)", profileOrigin)

        // Account.
        let account = try pick(flag: ("--account", options.account), env: "THINGSPACE_ACCOUNT", parse: { $0 },
                               profile: profile, \.account, key: "account")
        if let (value, origin) = account {
            if let problem = ClientConfiguration.accountNameProblem(value) {
                throw failure("\(problem) (from \(origin.text))")
            }
            record("account", value, origin)
        } else {
            if requireAccount {
                throw failure("""
                    no account configured: give --account, set THINGSPACE_ACCOUNT, or add account = "##########-#####" \
                    to a profile in \(configPath)
                    """)
            }
            record("account", "(not set)", .unset)
        }

        // Base URL.
        let base = try pick(flag: ("--base-url", options.baseURL), env: "THINGSPACE_BASE_URL", parse: { $0 },
                            profile: profile, \.baseURL, key: "base URL")
        let baseText = base?.0 ?? ClientConfiguration.productionBaseURL.absoluteString
        let baseOrigin = base?.1 ?? .defaulted
        guard let baseURL = URL(string: baseText), let scheme = baseURL.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = baseURL.host, !host.isEmpty else {
            throw failure("base URL \"\(baseText)\" (from \(baseOrigin.text)) is not an http:// or https:// URL with a host")
        }
        if baseURL.user != nil || baseURL.password != nil || baseURL.query != nil {
            throw failure("base URL (from \(baseOrigin.text)) must not carry a user, password or query")
        }
        let loopback = host == "localhost" || host.hasPrefix("127.") || host == "::1"
        if scheme == "http" && !loopback {
            warnings.append("base URL \(baseText) is plain http: credentials and tokens cross the network unencrypted")
        }
        record("base_url", baseText, baseOrigin)

        // The override warning: an environment variable beats what an explicitly chosen profile says.
        if explicit, let profile {
            if case .env(let name)? = base?.1, let mine = profile.baseURL, mine != baseText {
                warnings.append("\(name)=\(baseText) overrides base_url \(mine) of profile \"\(profile.name)\"")
            }
            if case .env(let name)? = account?.1, let mine = profile.account, mine != account?.0 {
                warnings.append("\(name)=\(account!.0) overrides account \(mine) of profile \"\(profile.name)\"")
            }
        }

        // API version.
        let version = try pick(flag: ("--api-version", options.apiVersion), env: "THINGSPACE_API_VERSION", parse: { $0 },
                               profile: profile, \.apiVersion, key: "API version")
        let versionText = version?.0 ?? APIVersion.v1.rawValue
        guard let apiVersion = APIVersion(rawValue: versionText.lowercased()) else {
            let known = APIVersion.allCases.map(\.rawValue).joined(separator: ", ")
            throw failure("unsupported API version \"\(versionText)\" (from \((version?.1 ?? .defaulted).text)): this build speaks \(known) (v3 support has not landed yet)")
        }
        record("api_version", apiVersion.rawValue, version?.1 ?? .defaulted)

        // Timeout.
        let timeout = try pick(flag: ("--timeout", options.timeout), env: nil, parse: { Double($0) },
                               profile: profile, \.timeout, key: "timeout")
        let timeoutValue = timeout?.0 ?? ResolvedSettings.defaultTimeout
        guard timeoutValue > 0, timeoutValue <= 3600 else {
            throw failure("timeout must be more than 0 and at most 3600 seconds, got \(timeoutValue) (from \((timeout?.1 ?? .defaulted).text))")
        }
        record("timeout", Self.number(timeoutValue), timeout?.1 ?? .defaulted)

        // Readonly.
        let readonly: Bool
        if options.readonly {
            readonly = true
            record("readonly", "true", .flag("--readonly"))
        } else if let profile, let r = profile.readonly {
            readonly = r
            record("readonly", String(r), .profile(profile.name, key: "readonly"))
        } else {
            readonly = false
            record("readonly", "false", .defaulted)
        }

        // Run shape.
        let batch = profile?.batchSize
        let batchSize = batch ?? ResolvedSettings.defaultBatchSize
        guard (1...1000).contains(batchSize) else {
            throw failure("\(configPath): profiles.\(profile!.name).batch_size must be 1...1000, got \(batchSize)")
        }
        record("batch_size", String(batchSize), batch != nil ? .profile(profile!.name, key: "batch_size") : .defaulted)
        let conc = profile?.concurrency
        let concurrency = conc ?? ResolvedSettings.defaultConcurrency
        guard (1...64).contains(concurrency) else {
            throw failure("\(configPath): profiles.\(profile!.name).concurrency must be 1...64, got \(concurrency)")
        }
        record("concurrency", String(concurrency), conc != nil ? .profile(profile!.name, key: "concurrency") : .defaulted)
        if let max = profile?.maxDevices {
            guard max >= 1 else { throw failure("\(configPath): profiles.\(profile!.name).max_devices must be at least 1, got \(max)") }
            record("max_devices", String(max), .profile(profile!.name, key: "max_devices"))
        } else {
            record("max_devices", "(no limit)", .defaulted)
        }
        let luhnText = profile?.luhn ?? IMEI.LuhnPolicy.warn.rawValue
        guard let luhn = IMEI.LuhnPolicy(rawValue: luhnText) else {
            throw failure("\(configPath): profiles.\(profile!.name).luhn must be warn, error or ignore, got \"\(luhnText)\"")
        }
        record("luhn", luhn.rawValue, profile?.luhn != nil ? .profile(profile!.name, key: "luhn") : .defaulted)
        if let theme = profile?.theme {
            record("theme", theme, .profile(profile!.name, key: "theme"))
        } else {
            record("theme", "(default)", .defaulted)
        }

        // Credentials.
        var credentials = Credentials()
        func plain(_ key: String, env name: String, _ keyPath: KeyPath<Profile, String?>) -> String? {
            if let v = env(name) { record(key, v, .env(name)); return v }
            if let profile, let v = profile[keyPath: keyPath] { record(key, v, .profile(profile.name, key: key)); return v }
            record(key, "(not set)", .unset)
            return nil
        }
        func secret(_ key: String, env name: String, _ literal: KeyPath<Profile, String?>,
                    command: KeyPath<Profile, String?>?) throws(CommandFailure) -> Secret? {
            if let v = env(name) { record(key, ResolvedSettings.mask, .env(name)); return Secret(v) }
            if let profile {
                let commandText = command.flatMap { profile[keyPath: $0] }
                if profile[keyPath: literal] != nil && commandText != nil {
                    throw failure("\(configPath): profiles.\(profile.name) sets both \(key) and \(key)_command; keep one")
                }
                if let v = profile[keyPath: literal] {
                    record(key, ResolvedSettings.mask, .profile(profile.name, key: key))
                    return Secret(v)
                }
                if let commandText {
                    if !runCommands {
                        record(key, "(from a command, not run)", .command(profile.name, key: "\(key)_command"))
                        return nil
                    }
                    let v = try SecretCommand.run(commandText, key: "\(key)_command", profile: profile.name, environment: environment)
                    record(key, ResolvedSettings.mask, .command(profile.name, key: "\(key)_command"))
                    return Secret(v)
                }
            }
            record(key, "(not set)", .unset)
            return nil
        }
        credentials.appKey = plain("app_key", env: "THINGSPACE_APP_KEY", \.appKey)
        credentials.appSecret = try secret("app_secret", env: "THINGSPACE_APP_SECRET", \.appSecret, command: \.appSecretCommand)
        credentials.username = plain("username", env: "THINGSPACE_USERNAME", \.username)
        credentials.password = try secret("password", env: "THINGSPACE_PASSWORD", \.password, command: \.passwordCommand)
        credentials.accessToken = try secret("access_token", env: "THINGSPACE_ACCESS_TOKEN", \.accessToken, command: nil)
        credentials.sessionToken = try secret("session_token", env: "THINGSPACE_SESSION_TOKEN", \.sessionToken, command: nil)

        record("debug", String(options.debug), options.debug ? .flag("--debug") : .defaulted)

        let client = ClientConfiguration(baseURL: baseURL, account: account?.0 ?? "", apiVersion: apiVersion,
                                         credentials: credentials, timeout: timeoutValue)
        return ResolvedSettings(
            client: client, readonly: readonly, theme: profile?.theme, batchSize: batchSize, concurrency: concurrency,
            maxDevices: profile?.maxDevices, profileName: profile?.name, configPath: configPath, configFound: file != nil,
            sources: sources, warnings: warnings, debug: options.debug,
            stateDirectory: ConfigPaths.stateDirectory(environment), luhn: luhn)
    }

    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}
