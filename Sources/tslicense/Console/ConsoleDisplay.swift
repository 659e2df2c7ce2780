import Drawing
import LicenseConsole
import Settings

/// The console's look and keys, resolved before the terminal is touched: the theme (with the
/// production accent for a `production = true` profile), the colour choice, ASCII, and the
/// action registry with the user's `[keys]`, the table's columns. Every problem is a usage error (exit 2) and the
/// console does not start.
struct ConsoleDisplay {
    var theme: Theme
    var colors: ColorChoice
    var ascii: Bool
    var registry: ActionRegistry
    var production: Bool
    /// `[console] mouse`: report the wheel and clicks (on unless the config file says false).
    var mouse: Bool
    /// The device table's columns (`[console] columns`, else every column).
    var columns: [TableColumnKind]

    static func resolve(_ preferences: ConsolePreferences, options: DisplayOptions,
                        environment: [String: String]) throws(CommandFailure) -> ConsoleDisplay {
        let catalog: ThemeCatalog
        do { catalog = try ThemeCatalog.load(environment: environment) } catch { throw .usage(error) }
        var theme: Theme
        do { theme = try catalog.theme(named: preferences.themeName ?? "default") } catch { throw .usage(error) }
        if preferences.production, let production = catalog.shippedTheme(named: "production") {
            theme = theme.withProductionAccent(from: production)
        }
        let requests = preferences.keys.entries.map { KeyBindingRequest(action: $0.action, keys: $0.keys, line: $0.line) }
        let registry: ActionRegistry
        do { registry = try ActionRegistry.standard.applying(requests, file: preferences.keys.file) } catch { throw .usage(error) }
        var columns = TableColumnKind.standard
        if let names = preferences.console.columns {
            do { columns = try TableColumnKind.parse(names, file: preferences.console.file, line: preferences.console.columnsLine) } catch {
                throw .usage(error)
            }
        }
        return ConsoleDisplay(theme: theme, colors: options.colorChoice, ascii: options.ascii, registry: registry,
                              production: preferences.production, mouse: preferences.mouse, columns: columns)
    }
}
