import Testing
import ThingSpaceAPI
@testable import Settings

@Suite("precedence: flag, environment, profile, default")
struct PrecedenceTests {
    static let config = """
        default_profile = "main"

        [profiles.main]
        account = "1111111111-00001"
        base_url = "https://profile.example"
        api_version = "v1"
        batch_size = 50
        concurrency = 4
        max_devices = 20
        timeout = 12.5
        theme = "mono"

        [profiles.other]
        account = "3333333333-00003"
        """

    @Test func eachLevelBeatsTheOnesBelow() throws {
        let home = try Home()
        try home.writeConfig(Self.config)

        let profile = try home.resolve()
        #expect(profile.source("profile")?.origin == .file("default_profile"))
        #expect(profile.source("account") == SettingSource(key: "account", value: "1111111111-00001",
                                                         origin: .profile("main", key: "account")))
        #expect(profile.source("base_url")?.origin == .profile("main", key: "base_url"))
        #expect(profile.source("batch_size")?.origin == .profile("main", key: "batch_size"))
        #expect(profile.source("api_version")?.origin == .profile("main", key: "api_version"))

        let env = ["THINGSPACE_ACCOUNT": "2222222222-00002", "THINGSPACE_BASE_URL": "https://env.example"]
        let fromEnv = try home.resolve(env: env)
        #expect(fromEnv.client.account == "2222222222-00002")
        #expect(fromEnv.source("account")?.origin == .environment("THINGSPACE_ACCOUNT"))
        #expect(fromEnv.client.baseURL.absoluteString == "https://env.example")
        #expect(fromEnv.warnings.isEmpty, "the profile was not chosen explicitly: \(fromEnv.warnings)")

        let fromFlags = try home.resolve(SettingsOverrides(account: "4444444444-00004", baseURL: "https://flag.example",
                                                           timeout: 7, readonly: true, debug: true, theme: "light"),
                                         env: env)
        #expect(fromFlags.source("account")?.origin == .flag("--account"))
        #expect(fromFlags.source("base_url")?.origin == .flag("--base-url"))
        #expect(fromFlags.source("timeout") == SettingSource(key: "timeout", value: "7", origin: .flag("--timeout")))
        #expect(fromFlags.source("readonly") == SettingSource(key: "readonly", value: "true", origin: .flag("--readonly")))
        #expect(fromFlags.limits.readonlyReason == "--readonly was given")
        #expect(fromFlags.source("debug")?.origin == .flag("--debug"))
        #expect(fromFlags.debug)
        #expect(fromFlags.source("theme")?.origin == .flag("--theme"))
        #expect(fromFlags.console.themeName == "light")

        let other = try home.resolve(SettingsOverrides(profile: "other"))
        #expect(other.source("base_url") == SettingSource(key: "base_url", value: "https://thingspace.verizon.com",
                                                        origin: .defaulted))
        #expect(other.run.batchSize == 100)
        #expect(other.source("theme") == SettingSource(key: "theme", value: "(default)", origin: .defaulted))
    }

    @Test func runFlagsGoThroughTheResolverAndShowTheirFlag() throws {
        let home = try Home()
        try home.writeConfig(Self.config)
        let s = try home.resolve(SettingsOverrides(batchSize: 5, concurrency: 8, maxDevices: 3))
        #expect(s.source("batch_size") == SettingSource(key: "batch_size", value: "5", origin: .flag("--batch-size")))
        #expect(s.source("concurrency") == SettingSource(key: "concurrency", value: "8", origin: .flag("--concurrency")))
        #expect(s.source("max_devices") == SettingSource(key: "max_devices", value: "3", origin: .flag("--max-devices")))
        #expect(s.run.batchSize == 5)
        #expect(s.run.concurrency == 8)
        #expect(s.limits.maxDevices == 3)
        #expect(s.limits.maxDevicesOrigin == .flag("--max-devices"))
        #expect(s.limits.maxDevicesSource == "--max-devices")

        // Without the flags, the profile's values.
        let profile = try home.resolve()
        #expect(profile.run.batchSize == 50)
        #expect(profile.run.concurrency == 4)
        #expect(profile.limits.maxDevices == 20)
        #expect(profile.limits.maxDevicesSource == "max_devices of profile \"main\"")
    }

    @Test func environmentOverridingAChosenProfileWarns() throws {
        let home = try Home()
        try home.writeConfig("""
            [profiles.prod]
            account = "1111111111-00001"
            base_url = "https://prod.example"
            """)
        let env = ["THINGSPACE_ACCOUNT": "2222222222-00002", "THINGSPACE_BASE_URL": "https://env.example"]
        let byFlag = try home.resolve(SettingsOverrides(profile: "prod"), env: env)
        #expect(byFlag.warnings.contains("THINGSPACE_BASE_URL=https://env.example overrides base_url https://prod.example of profile \"prod\""))
        #expect(byFlag.warnings.contains("THINGSPACE_ACCOUNT=2222222222-00002 overrides account 1111111111-00001 of profile \"prod\""))
        #expect(byFlag.warnings.count == 2, "\(byFlag.warnings)")

        let byEnv = try home.resolve(env: env.merging(["THINGSPACE_PROFILE": "prod"]) { $1 })
        #expect(byEnv.source("profile")?.origin == .environment("THINGSPACE_PROFILE"))
        #expect(byEnv.warnings.count == 2, "\(byEnv.warnings)")

        // A flag is the operator's own explicit choice; an equal value overrides nothing.
        let flag = try home.resolve(SettingsOverrides(profile: "prod", account: "2222222222-00002"))
        #expect(flag.warnings.isEmpty, "\(flag.warnings)")
        let same = try home.resolve(SettingsOverrides(profile: "prod"), env: ["THINGSPACE_ACCOUNT": "1111111111-00001"])
        #expect(same.warnings.isEmpty, "\(same.warnings)")
    }

    @Test func anEmptyVariableCountsAsUnset() throws {
        let home = try Home()
        try home.writeConfig(Self.config)
        let s = try home.resolve(env: ["THINGSPACE_ACCOUNT": "", "THINGSPACE_PROFILE": ""])
        #expect(s.source("account")?.origin == .profile("main", key: "account"))
        #expect(s.profileName == "main")
    }

    @Test func plainHTTPWarnsExceptOnLoopback() throws {
        let home = try Home()
        for (url, warns) in [("http://127.0.0.1:8080", false), ("http://[::1]:8080", false), ("http://localhost:9", false),
                             ("http://127.evil.example", true), ("http://api.example", true), ("https://api.example", false)] {
            let s = try home.resolve(SettingsOverrides(baseURL: url))
            #expect(s.warnings.contains { $0.contains("is plain http") } == warns, "\(url): \(s.warnings)")
        }
    }
}
