import Foundation
import ThingSpaceAPI

/// Every setting tslicense has, one row each: key, flag, environment variable, profile key, how a
/// value is read and checked, and its default. The resolver walks these rows in this order, and
/// `config show` prints one line per row.
enum SettingsTable {
    /// The ranges are the run options' own (one definition, in the API module).
    static let batchSizes = RunOptions.batchSizeRange
    static let concurrencies = RunOptions.concurrencyRange
    static let timeouts = (above: 0.0, atMost: 3600.0)
    static let defaultTimeout: Double = 30
    static let defaultConnectTimeout: Double = 3

    static let configFile = SettingDescription(key: "config_file", flag: "--config")
    static let profile = SettingDescription(key: "profile", flag: "--profile", environment: "THINGSPACE_PROFILE",
                                            profileKey: "default_profile")

    static let account = Setting(
        text: "account", flag: "--account", environment: "THINGSPACE_ACCOUNT", profileKey: "account",
        flagValue: { $0.account }, profileValue: { $0.account },
        check: { value, place in ClientConfiguration.accountNameProblem(value).map { "\($0) (from \(place.origin.text))" } },
        warnsOverProfile: true)

    static let baseURL = Setting(
        text: "base_url", flag: "--base-url", environment: "THINGSPACE_BASE_URL", profileKey: "base_url",
        flagValue: { $0.baseURL }, profileValue: { $0.baseURL },
        check: { text, place in
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
                  let host = url.host, !host.isEmpty else {
                return "base URL \"\(text)\" (from \(place.origin.text)) is not an http:// or https:// URL with a host"
            }
            if url.user != nil || url.password != nil || url.query != nil {
                return "base URL (from \(place.origin.text)) must not carry a user, password or query"
            }
            return nil
        },
        defaultValue: ClientConfiguration.productionBaseURL.absoluteString, warnsOverProfile: true)

    static let apiVersion = Setting(
        text: "api_version", flag: "--api-version", environment: "THINGSPACE_API_VERSION", profileKey: "api_version",
        flagValue: { $0.apiVersion }, profileValue: { $0.apiVersion },
        check: { text, place in
            guard APIVersion(rawValue: text.lowercased()) == nil else { return nil }
            let known = APIVersion.allCases.map(\.rawValue).joined(separator: ", ")
            return "unsupported API version \"\(text)\" (from \(place.origin.text)): this build speaks \(known) (v3 support has not landed yet)"
        },
        defaultValue: APIVersion.v1.rawValue)

    static let timeout = Setting<Double>(
        "timeout", flag: "--timeout", profileKey: "timeout",
        flagValue: { $0.timeout }, profileValue: { $0.timeout },
        check: { value, place in
            guard value <= timeouts.above || value > timeouts.atMost else { return nil }
            return "timeout must be more than 0 and at most 3600 seconds, got \(value) (from \(place.origin.text))"
        },
        defaultValue: defaultTimeout, show: showNumber)

    static let connectTimeout = Setting<Double>(
        "connect_timeout", flag: "--connect-timeout", profileKey: "connect_timeout",
        flagValue: { $0.connectTimeout }, profileValue: { $0.connectTimeout },
        check: { value, place in
            guard value <= timeouts.above || value > 600 else { return nil }
            return "connect timeout must be more than 0 and at most 600 seconds, got \(value) (from \(place.origin.text))"
        },
        defaultValue: defaultConnectTimeout, show: showNumber)

    static let readonly = Setting<Bool>(
        "readonly", flag: "--readonly", profileKey: "readonly",
        flagValue: { $0.readonly ? true : nil }, profileValue: { $0.readonly },
        defaultValue: false, show: { String($0) })

    static let batchSize = Setting<Int>(
        "batch_size", flag: "--batch-size", profileKey: "batch_size",
        flagValue: { $0.batchSize }, profileValue: { $0.batchSize },
        check: within(batchSizes), defaultValue: RunOptions().batchSize, show: { String($0) })

    static let concurrency = Setting<Int>(
        "concurrency", flag: "--concurrency", profileKey: "concurrency",
        flagValue: { $0.concurrency }, profileValue: { $0.concurrency },
        check: within(concurrencies), defaultValue: RunOptions().concurrency, show: { String($0) })

    static let maxDevices = Setting<Int>(
        "max_devices", flag: "--max-devices", profileKey: "max_devices",
        flagValue: { $0.maxDevices }, profileValue: { $0.maxDevices },
        check: { value, place in value >= 1 ? nil : "\(place.location) must be at least 1, got \(value)" },
        show: { String($0) }, unset: ("(no limit)", .defaulted))

    static let luhn = Setting(
        text: "luhn", profileKey: "luhn", profileValue: { $0.luhn },
        check: { text, place in
            IMEI.LuhnPolicy(rawValue: text) != nil ? nil : "\(place.location) must be warn, error or ignore, got \"\(text)\""
        },
        defaultValue: IMEI.LuhnPolicy.warn.rawValue)

    static let theme = Setting(
        text: "theme", flag: "--theme", profileKey: "theme", flagValue: { $0.theme }, profileValue: { $0.theme },
        unset: ("(default)", .defaulted))

    static let appKey = Setting(text: "app_key", environment: "THINGSPACE_APP_KEY", profileKey: "app_key",
                                profileValue: { $0.appKey })
    static let appSecret = SecretSetting("app_secret", environment: "THINGSPACE_APP_SECRET", literal: { $0.appSecret },
                                         command: ("app_secret_command", { $0.appSecretCommand }))
    static let username = Setting(text: "username", environment: "THINGSPACE_USERNAME", profileKey: "username",
                                  profileValue: { $0.username })
    static let password = SecretSetting("password", environment: "THINGSPACE_PASSWORD", literal: { $0.password },
                                        command: ("password_command", { $0.passwordCommand }))
    static let accessToken = SecretSetting("access_token", environment: "THINGSPACE_ACCESS_TOKEN",
                                           literal: { $0.accessToken })
    static let sessionToken = SecretSetting("session_token", environment: "THINGSPACE_SESSION_TOKEN",
                                            literal: { $0.sessionToken })

    static let debug = Setting<Bool>("debug", flag: "--debug", flagValue: { $0.debug ? true : nil },
                                     defaultValue: false, show: { String($0) })

    /// Every row, in the order `config show` prints them.
    static let descriptions: [SettingDescription] = [
        configFile, profile, account.description, baseURL.description, apiVersion.description, timeout.description,
        connectTimeout.description,
        readonly.description, batchSize.description, concurrency.description, maxDevices.description,
        luhn.description, theme.description, appKey.description, appSecret.description, username.description,
        password.description, accessToken.description, sessionToken.description, debug.description,
    ]

    /// `--batch-size must be 1...1000, got 0`; `PATH: profiles.main.batch_size must be 1...1000, got 5000`.
    static func within(_ range: ClosedRange<Int>) -> @Sendable (Int, SettingPlace) -> String? {
        { value, place in
            range.contains(value) ? nil : "\(place.location) must be \(range.lowerBound)...\(range.upperBound), got \(value)"
        }
    }
}
