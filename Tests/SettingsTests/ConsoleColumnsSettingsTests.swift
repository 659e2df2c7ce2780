import Foundation
import Testing
@testable import Settings

/// The `[console]` table: `columns` is read as written (the console checks the names), with the
/// file and line for its errors; a wrong shape or an unknown key is an error naming both.
@Suite struct ConsoleColumnsSettingsTests {
    @Test func columnsAreReadInOrderWithTheirLine() throws {
        let home = try Home()
        let path = try home.writeConfig("""
            [console]
            columns = ["imei", "license", "model", "outcome"]
            """)
        let settings = try home.resolve()
        #expect(settings.console.console.columns == ["imei", "license", "model", "outcome"])
        #expect(settings.console.console.file == path)
        #expect(settings.console.console.columnsLine == 2)
        let display = try SettingsResolver.displaySettings(theme: nil, configPath: nil, environment: home.environment())
        #expect(display.console.columns == ["imei", "license", "model", "outcome"], "demo reads the columns too")
    }

    @Test func noConsoleTableChoosesNothing() throws {
        let home = try Home()
        try home.writeConfig("[keys]\nassign = [\"A\"]\n")
        #expect(try home.resolve().console.console.columns == nil)
    }

    @Test func aValueThatIsNotAListOfNamesNamesFileLineAndKey() throws {
        let home = try Home()
        let path = try home.writeConfig("[console]\ncolumns = \"imei\"\n")
        let message = home.failure()
        #expect(message.contains("\(path):2: console.columns: expected a list of column names"), "\(message)")

        try home.writeConfig("[console]\n\ncolumns = [\"imei\", 3]\n")
        let second = home.failure()
        #expect(second.contains("\(path):3: console.columns: expected column names as strings"), "\(second)")
    }

    @Test func anUnknownKeyInConsoleIsAnError() throws {
        let home = try Home()
        let path = try home.writeConfig("[console]\ncolums = [\"imei\"]\n")
        let message = home.failure()
        #expect(message.contains("\(path):2: unknown key console.colums"), "\(message)")
        #expect(message.contains("columns"))
    }
}
