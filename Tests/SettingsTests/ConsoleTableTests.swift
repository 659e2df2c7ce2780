import Foundation
import Testing
@testable import Settings

/// `[console]` in the config file: `mouse`, validated like every other key.
@Suite struct ConsoleTableTests {
    @Test func mouseIsOnByDefaultAndTheFileTurnsItOff() throws {
        let home = try Home()
        #expect(try home.resolve().console.mouse)
        try home.writeConfig("""
            [console]
            mouse = false

            [profiles.default]
            account = "0242078689-00001"
            """)
        #expect(try home.resolve().console.mouse == false)
        // The demo reads it too (display settings only).
        let demo = try SettingsResolver.displaySettings(theme: nil, configPath: home.configPath, environment: home.environment())
        #expect(demo.mouse == false)
    }

    @Test func aWrongTypeOrAnUnknownKeyNamesTheFileAndTheKey() throws {
        let home = try Home()
        try home.writeConfig("[console]\nmouse = \"no\"\n")
        let wrongType = home.failure()
        #expect(wrongType.contains(home.configPath) && wrongType.contains("console.mouse: expected true or false, found a string"), "\(wrongType)")
        try home.writeConfig("[console]\nmice = true\n")
        let unknown = home.failure()
        #expect(unknown.contains(home.configPath) && unknown.contains("unknown key console.mice"), "\(unknown)")
        try home.writeConfig("console = 3\n")
        #expect(home.failure().contains("console: expected a table [console], found an integer"))
    }
}
