import Testing
import ThingSpaceAPI
@testable import Settings

@Suite("a bad value names where it came from")
struct ErrorTests {
    @Test func flagsAreNamed() throws {
        let home = try Home()
        #expect(home.failure(SettingsOverrides(batchSize: 0)) == "--batch-size must be 1...1000, got 0")
        #expect(home.failure(SettingsOverrides(concurrency: 65)) == "--concurrency must be 1...64, got 65")
        #expect(home.failure(SettingsOverrides(maxDevices: 0)) == "--max-devices must be at least 1, got 0")
        #expect(home.failure(SettingsOverrides(timeout: -1))
                == "timeout must be more than 0 and at most 3600 seconds, got -1.0 (from flag --timeout)")
        #expect(home.failure(SettingsOverrides(account: "12"))
                .hasSuffix("is not in the form ##########-##### (10 digits, a dash, 5 digits) (from flag --account)"))
        #expect(home.failure(SettingsOverrides(baseURL: "ftp://x"))
                == "base URL \"ftp://x\" (from flag --base-url) is not an http:// or https:// URL with a host")
        #expect(home.failure(SettingsOverrides(baseURL: "https://u:p@x.example"))
                == "base URL (from flag --base-url) must not carry a user, password or query")
    }

    @Test func variablesAreNamed() throws {
        let home = try Home()
        #expect(home.failure(env: ["THINGSPACE_API_VERSION": "v9"]).contains("\"v9\" (from env THINGSPACE_API_VERSION)"))
        #expect(home.failure(env: ["THINGSPACE_ACCOUNT": "x"]).hasSuffix("(from env THINGSPACE_ACCOUNT)"))
        #expect(home.failure(env: ["THINGSPACE_PROFILE": "prod"])
                == "profile \"prod\" (from env THINGSPACE_PROFILE) was asked for, but there is no config file at \(home.configPath)")
    }

    @Test func profileValuesNameTheFileAndTheKey() throws {
        let home = try Home()
        let cases: [(String, String)] = [
            ("batch_size = 5000", "profiles.a.batch_size must be 1...1000, got 5000"),
            ("concurrency = 0", "profiles.a.concurrency must be 1...64, got 0"),
            ("max_devices = 0", "profiles.a.max_devices must be at least 1, got 0"),
            ("luhn = \"strict\"", "profiles.a.luhn must be warn, error or ignore, got \"strict\""),
        ]
        for (line, message) in cases {
            let path = try home.writeConfig("[profiles.a]\n\(line)\n")
            #expect(home.failure(SettingsOverrides(profile: "a")) == "\(path): \(message)", "\(line)")
        }
        try home.writeConfig("[profiles.a]\nbase_url = \"nope\"\n")
        #expect(home.failure(SettingsOverrides(profile: "a")).contains("(from profile a (base_url))"))
        try home.writeConfig("[profiles.a]\ntimeout = 0\n")
        #expect(home.failure(SettingsOverrides(profile: "a")).hasSuffix("got 0.0 (from profile a (timeout))"))
        #expect(home.failure(SettingsOverrides(profile: "b")).contains("no profile named \"b\" (from flag --profile)"))
        try home.writeConfig("[profiles.a]\nbatch_size = \"ten\"\n")
        #expect(home.failure().contains("profiles.a.batch_size: expected an integer"))
    }

    @Test func aMissingAccountSaysWhereToPutIt() throws {
        let home = try Home()
        let message = home.failure(requireAccount: true)
        #expect(message.hasPrefix("no account configured: give --account, set THINGSPACE_ACCOUNT"))
        #expect(message.contains(home.configPath))
        // Not required (config show): reported as not set.
        #expect(try home.resolve().source("account") == SettingSource(key: "account", value: "(not set)", origin: .unset))
    }

    @Test func anExplicitConfigFileMustExist() throws {
        let home = try Home()
        let message = home.failure(SettingsOverrides(configPath: home.root + "/missing.toml"))
        #expect(message.hasPrefix("cannot read the config file \(home.root)/missing.toml"))
        let found = try home.resolve()
        #expect(found.source("config_file") == SettingSource(key: "config_file", value: home.configPath + " (not found)",
                                                           origin: .defaulted))
        #expect(!found.configFound)
    }
}
