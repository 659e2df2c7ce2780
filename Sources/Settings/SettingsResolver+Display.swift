extension SettingsResolver {
    /// The display settings alone, for `tslicense demo`: the theme from `--theme`, then
    /// `THINGSPACE_THEME` (never a profile's: the demo uses no account), and the config file's
    /// `[keys]`. Accounts, credentials and `THINGSPACE_*` account settings are not read.
    ///
    /// - Parameter configPath: `--config`, else the XDG default (which may be missing).
    public static func displaySettings(theme: String?, configPath: String?,
                                       environment: [String: String]) throws(SettingsError) -> ConsolePreferences {
        let path = configPath.map { ConfigPaths.expand($0, environment) } ?? ConfigPaths.configFile(environment)
        let file = try ConfigFile.load(path: path, required: configPath != nil)
        var name = theme
        if name == nil, let fromEnvironment = environment["THINGSPACE_THEME"], !fromEnvironment.isEmpty {
            name = fromEnvironment
        }
        return ConsolePreferences(themeName: name, production: false, keys: file?.keys ?? .none,
                                  console: file?.console ?? .none)
    }
}
