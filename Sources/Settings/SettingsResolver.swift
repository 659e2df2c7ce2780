import Foundation
import ThingSpaceAPI

/// Resolves the settings, once per command, from the flags the front end passes, the environment
/// it passes, the config file and the defaults, in that order of precedence.
public enum SettingsResolver {
    /// - Parameters:
    ///   - overrides: the flags the operator gave.
    ///   - environment: the process environment (`THINGSPACE_*`, `HOME`, `XDG_*`); secret commands run with it.
    ///   - requireAccount: when false, a missing account is allowed (`config show`).
    ///   - runCommands: when false, `app_secret_command` / `password_command` are not run (`config show`).
    /// - Throws: `SettingsError` naming the file, key, variable or flag at fault.
    public static func resolve(_ overrides: SettingsOverrides, environment: [String: String],
                               requireAccount: Bool = true, runCommands: Bool = true) throws(SettingsError) -> ResolvedSettings {
        var resolution = Resolution(overrides: overrides, environment: environment)
        return try resolution.resolve(requireAccount: requireAccount, runCommands: runCommands)
    }

    /// Every setting, in the order `config show` prints them.
    public static var table: [SettingDescription] { SettingsTable.descriptions }
}

/// One pass over the settings table, recording where each value came from.
struct Resolution {
    let overrides: SettingsOverrides
    let environment: [String: String]
    var sources: [SettingSource] = []
    var warnings: [String] = []
    var configPath = ""
    var file: ConfigFile?
    var profile: Profile?
    /// The profile was named by `--profile` or `THINGSPACE_PROFILE` (not a default).
    var explicitProfile = false

    init(overrides: SettingsOverrides, environment: [String: String]) {
        self.overrides = overrides
        self.environment = environment
    }

    /// An environment variable's value; empty counts as unset.
    func env(_ name: String) -> String? {
        guard let v = environment[name], !v.isEmpty else { return nil }
        return v
    }

    mutating func record(_ key: String, _ value: String, _ origin: SettingOrigin) {
        sources.append(SettingSource(key: key, value: value, origin: origin))
    }

    mutating func resolve(requireAccount: Bool, runCommands: Bool) throws(SettingsError) -> ResolvedSettings {
        try openFile()
        try chooseProfile()

        let account = try value(SettingsTable.account)
        if account == nil && requireAccount {
            throw SettingsError("""
                no account configured: give --account, set THINGSPACE_ACCOUNT, or add account = "##########-#####" \
                to a profile in \(configPath)
                """)
        }
        let base = try value(SettingsTable.baseURL)
        let baseText = base?.value ?? ClientConfiguration.productionBaseURL.absoluteString
        let baseURL = URL(string: baseText) ?? ClientConfiguration.productionBaseURL
        if baseURL.scheme?.lowercased() == "http" && !Loopback.isLoopback(url: baseURL) {
            warnings.append("base URL \(baseText) is plain http: credentials and tokens cross the network unencrypted")
        }
        let version = try value(SettingsTable.apiVersion)
        let apiVersion = APIVersion(rawValue: (version?.value ?? "").lowercased()) ?? .v1
        let deviceProtocol = try value(SettingsTable.deviceProtocol)?.value.uppercased()
        let timeout = try value(SettingsTable.timeout)?.value ?? SettingsTable.defaultTimeout
        let connectTimeout = try value(SettingsTable.connectTimeout)?.value ?? SettingsTable.defaultConnectTimeout
        let proxy: ProxySettings
        do { proxy = try ProxySettings.fromEnvironment(environment) } catch { throw SettingsError(error.description) }
        let readonly = try value(SettingsTable.readonly)
        let batchSize = try value(SettingsTable.batchSize)?.value ?? RunOptions().batchSize
        let concurrency = try value(SettingsTable.concurrency)?.value ?? RunOptions().concurrency
        let maxDevices = try value(SettingsTable.maxDevices)
        let luhn = try value(SettingsTable.luhn).flatMap { IMEI.LuhnPolicy(rawValue: $0.value) } ?? .warn
        let theme = try value(SettingsTable.theme)
        let production = try value(SettingsTable.production)?.value ?? false
        let credentials = try resolveCredentials(runCommands: runCommands)
        let debug = try value(SettingsTable.debug)?.value ?? false

        let client = ClientConfiguration(baseURL: baseURL, account: account?.value ?? "", apiVersion: apiVersion,
                                         credentials: credentials, timeout: timeout, deviceProtocol: deviceProtocol)
        let profileText = "profile \"\(profile?.name ?? "?")\""
        let limits = RunLimits(
            readonly: readonly?.value ?? false, readonlyOrigin: readonly?.origin ?? .defaulted,
            maxDevices: maxDevices?.value, maxDevicesOrigin: maxDevices?.origin ?? .defaulted,
            readonlyReason: readonly?.origin == .flag("--readonly") ? "--readonly was given"
                : "\(profileText) is readonly (readonly = true in \(configPath))",
            maxDevicesSource: maxDevices?.origin == .flag("--max-devices") ? "--max-devices" : "max_devices of \(profileText)")
        return ResolvedSettings(
            client: client, run: RunOptions(batchSize: batchSize, concurrency: concurrency, luhnPolicy: luhn),
            limits: limits, console: ConsolePreferences(themeName: theme?.value, production: production, keys: file?.keys ?? .none,
                                  console: file?.console ?? .none),
            transport: AsyncHTTPTransport.Options(connectTimeout: connectTimeout, proxy: proxy), profileName: profile?.name,
            configPath: configPath, configFound: file != nil, sources: sources, warnings: warnings, debug: debug,
            stateDirectory: ConfigPaths.stateDirectory(environment))
    }

    /// The config file: `--config`, else the XDG default (which may be missing).
    mutating func openFile() throws(SettingsError) {
        configPath = overrides.configPath.map { ConfigPaths.expand($0, environment) } ?? ConfigPaths.configFile(environment)
        file = try ConfigFile.load(path: configPath, required: overrides.configPath != nil)
        try file?.checkPermissions()
        record(SettingsTable.configFile.key, configPath + (file == nil ? " (not found)" : ""),
               overrides.configPath != nil ? .flag("--config") : .defaulted)
    }

    /// `--profile`, `THINGSPACE_PROFILE`, the file's `default_profile`, then a profile named `default`.
    mutating func chooseProfile() throws(SettingsError) {
        let row = SettingsTable.profile
        var origin: SettingOrigin = .unset
        if let name = overrides.profile ?? env("THINGSPACE_PROFILE") {
            explicitProfile = true
            origin = overrides.profile != nil ? .flag("--profile") : .environment("THINGSPACE_PROFILE")
            guard let file else {
                throw SettingsError("profile \"\(name)\" (from \(origin.text)) was asked for, but there is no config file at \(configPath)")
            }
            guard let p = file.profiles[name] else {
                let known = file.profileNames.isEmpty ? "none" : file.profileNames.joined(separator: ", ")
                throw SettingsError("no profile named \"\(name)\" (from \(origin.text)) in \(configPath); profiles: \(known)")
            }
            profile = p
        } else if let file, let name = file.defaultProfile {
            profile = file.profiles[name]
            origin = .file("default_profile")
        } else if let file, let p = file.profiles["default"] {
            profile = p
            origin = .defaulted
        }
        record(row.key, profile?.name ?? "(none)", origin)
    }

    /// One row: flag, environment variable, profile, default; checked, recorded, and warned about
    /// when an environment variable overrides a different value of a profile the operator chose.
    mutating func value<Value>(_ row: Setting<Value>) throws(SettingsError) -> (value: Value, origin: SettingOrigin)? {
        let d = row.description
        var found: (value: Value, place: SettingPlace)?
        if let flag = d.flag, let v = row.flagValue(overrides) {
            found = (v, SettingPlace(origin: .flag(flag), location: flag))
        } else if let name = d.environment, let raw = env(name) {
            guard let v = row.parse(raw) else { throw SettingsError("\(name)=\(raw) is not a valid \(row.key)") }
            found = (v, SettingPlace(origin: .environment(name), location: name))
        } else if let profile, let key = d.profileKey, let v = row.profileValue(profile) {
            found = (v, SettingPlace(origin: .profile(profile.name, key: key),
                                     location: "\(configPath): profiles.\(profile.name).\(key)"))
        } else if let v = row.defaultValue {
            found = (v, SettingPlace(origin: .defaulted, location: "the default \(row.key)"))
        }
        guard let found else {
            record(row.key, row.unsetText, row.unsetOrigin)
            return nil
        }
        if let problem = row.check(found.value, found.place) { throw SettingsError(problem) }
        record(row.key, row.show(found.value), found.place.origin)
        if row.warnsOverProfile, explicitProfile, case .environment(let name) = found.place.origin,
           let profile, let key = d.profileKey, let mine = row.profileValue(profile), row.show(mine) != row.show(found.value) {
            warnings.append("\(name)=\(row.show(found.value)) overrides \(key) \(row.show(mine)) of profile \"\(profile.name)\"")
        }
        return (found.value, found.place.origin)
    }
}
