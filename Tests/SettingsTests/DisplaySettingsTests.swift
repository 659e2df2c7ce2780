import Foundation
import Testing
@testable import Settings

/// Theme selection order, `production = true`, `[keys]`, and what `demo` reads.
@Suite struct DisplaySettingsTests {
    static let config = """
        default_profile = "prod"

        [keys]
        assign = ["A"]
        filter = ["/", "F"]
        quit = "Q"

        [profiles.prod]
        account = "0242078689-00001"
        theme = "light"
        production = true
        """

    @Test func themeOrderIsFlagEnvironmentProfileDefault() throws {
        let home = try Home()
        try home.writeConfig(Self.config)
        #expect(try home.resolve().console.themeName == "light")
        #expect(try home.resolve(env: ["THINGSPACE_THEME": "mono"]).console.themeName == "mono")
        #expect(try home.resolve(SettingsOverrides(theme: "high-contrast"), env: ["THINGSPACE_THEME": "mono"]).console.themeName == "high-contrast")
        let empty = try Home()
        #expect(try empty.resolve().console.themeName == nil)
        #expect(try empty.resolve().source("theme")?.value == "(default)")
    }

    @Test func productionProfile() throws {
        let home = try Home()
        try home.writeConfig(Self.config)
        let settings = try home.resolve(env: ["THINGSPACE_THEME": "mono"])
        #expect(settings.console.production, "an exported THINGSPACE_THEME does not hide production")
        #expect(settings.source("production")?.value == "true")
        let plain = try Home()
        #expect(try plain.resolve().console.production == false)
    }

    @Test func keysTableIsRead() throws {
        let home = try Home()
        let path = try home.writeConfig(Self.config)
        let keys = try home.resolve().console.keys
        #expect(keys.file == path)
        #expect(keys.entries.map(\.action) == ["assign", "filter", "quit"])
        #expect(keys.entries.map(\.keys) == [["A"], ["/", "F"], ["Q"]])
        #expect(keys.entries.map(\.line) == [4, 5, 6])
    }

    @Test func keysOfTheWrongShapeNameFileKeyAndLine() throws {
        let home = try Home()
        let path = try home.writeConfig("[keys]\nassign = [\"A\"]\nremove = 5\n")
        let message = home.failure()
        #expect(message.contains("\(path):3: keys.remove"), "\(message)")
    }

    @Test func demoReadsOnlyDisplaySettings() throws {
        let home = try Home()
        try home.writeConfig(Self.config)
        let env = home.environment(["THINGSPACE_THEME": "mono", "THINGSPACE_ACCOUNT": "9999999999-99999"])
        let display = try SettingsResolver.displaySettings(theme: nil, configPath: nil, environment: env)
        #expect(display.themeName == "mono")
        #expect(display.production == false, "demo uses no profile")
        #expect(display.keys.entries.count == 3)
        let flag = try SettingsResolver.displaySettings(theme: "light", configPath: nil, environment: env)
        #expect(flag.themeName == "light")
        let none = try SettingsResolver.displaySettings(theme: nil, configPath: nil, environment: try Home().environment())
        #expect(none.themeName == nil && none.keys.entries.isEmpty)
    }
}
