import ArgumentParser
import Foundation
import Settings

/// `tslicense themes`: every theme this run could use, and where it comes from.
struct ThemesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the colour themes: each name, then shipped or the user file that provides it.",
        discussion: """
            User themes live in $XDG_CONFIG_HOME/tslicense/themes/NAME.toml (~/.config/... without it) \
            and override shipped themes of the same name. Choose one with --theme, THINGSPACE_THEME or a \
            profile's theme.
            """)

    func run() async throws {
        let catalog: ThemeCatalog
        do { catalog = try ThemeCatalog.load(environment: ProcessInfo.processInfo.environment) } catch {
            throw CommandFailure.usage(error)
        }
        let out = StandardOutput()
        let width = catalog.entries.map(\.name.count).max() ?? 0
        out.lines(catalog.entries.map { $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + ($0.userFile ?? "shipped") })
        out.flush()
    }
}
