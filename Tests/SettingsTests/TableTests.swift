import Testing
import ThingSpaceAPI
@testable import Settings

@Suite("the settings table")
struct TableTests {
    @Test func everyRowIsReportedOnceInTableOrderWithAnOrigin() throws {
        let home = try Home()
        try home.writeConfig("""
            [profiles.default]
            account = "0242078689-00001"
            """)
        let settings = try home.resolve()
        #expect(settings.sources.map(\.key) == SettingsResolver.table.map(\.key))
        #expect(Set(SettingsResolver.table.map(\.key)).count == SettingsResolver.table.count, "keys are unique")
        for row in ["batch_size", "concurrency", "max_devices", "luhn", "theme", "timeout", "readonly", "debug"] {
            #expect(settings.source(row) != nil, "config show lacks \(row)")
        }
        // Nothing given: defaults, and "not set" only where there is no default.
        #expect(settings.source("batch_size") == SettingSource(key: "batch_size", value: "100", origin: .defaulted))
        #expect(settings.source("concurrency") == SettingSource(key: "concurrency", value: "2", origin: .defaulted))
        #expect(settings.source("max_devices") == SettingSource(key: "max_devices", value: "(no limit)", origin: .defaulted))
        #expect(settings.source("app_key")?.origin == .unset)
        #expect(settings.source("profile") == SettingSource(key: "profile", value: "default", origin: .defaulted))
        #expect(settings.source("account")?.origin == .profile("default", key: "account"))
    }

    @Test func everyProfileKeyTheFileAcceptsIsARowOfTheTable() {
        let fromTable = Set(SettingsResolver.table.flatMap { [$0.profileKey, $0.commandKey].compactMap { $0 } })
            .subtracting(["default_profile"])
        #expect(Set(Profile.keys.map(\.name)) == fromTable)
    }

    @Test func onlyTheCredentialsAreSecret() {
        let secret = SettingsResolver.table.filter(\.secret).map(\.key)
        #expect(secret == ["app_secret", "password", "access_token", "session_token"])
        // A secret is never a flag (it would show in ps).
        #expect(SettingsResolver.table.filter { $0.secret && $0.flag != nil }.isEmpty)
    }

    @Test func theResolverProducesTheShapesItsUsersTake() throws {
        let home = try Home()
        try home.writeConfig("""
            [profiles.main]
            account = "0242078689-00001"
            base_url = "https://api.example"
            timeout = 12.5
            batch_size = 40
            concurrency = 3
            max_devices = 500
            luhn = "error"
            theme = "mono"
            readonly = true
            """)
        let s = try home.resolve(SettingsOverrides(profile: "main"), requireAccount: true)
        #expect(s.client.account == "0242078689-00001")
        #expect(s.client.baseURL.absoluteString == "https://api.example")
        #expect(s.client.timeout == 12.5)
        #expect(s.run.batchSize == 40)
        #expect(s.run.concurrency == 3)
        #expect(s.run.luhnPolicy == .error)
        #expect(s.limits.maxDevices == 500)
        #expect(s.limits.maxDevicesSource == "max_devices of profile \"main\"")
        #expect(s.limits.readonly)
        #expect(s.limits.readonlyReason == "profile \"main\" is readonly (readonly = true in \(home.configPath))")
        #expect(s.console.themeName == "mono")
        #expect(s.targetDescription == "account 0242078689-00001 on api.example (profile main) [readonly]")
        #expect(s.source("timeout")?.value == "12.5")
    }
}
