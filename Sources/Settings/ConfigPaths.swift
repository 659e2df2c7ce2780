import Foundation

/// Where tslicense looks for configuration and keeps state (XDG base directories).
enum ConfigPaths {
    /// `$HOME`, from the environment first (so tests and sudo -E behave), then the user database.
    static func home(_ environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    /// An XDG variable counts only when it is an absolute path (the XDG spec says to ignore others).
    private static func xdg(_ name: String, _ environment: [String: String]) -> String? {
        guard let value = environment[name], value.hasPrefix("/") else { return nil }
        return value
    }

    /// `$XDG_CONFIG_HOME/tslicense`, default `~/.config/tslicense`.
    static func configDirectory(_ environment: [String: String]) -> String {
        let base = xdg("XDG_CONFIG_HOME", environment) ?? (home(environment) as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("tslicense")
    }

    /// `$XDG_CONFIG_HOME/tslicense/config.toml`.
    static func configFile(_ environment: [String: String]) -> String {
        (configDirectory(environment) as NSString).appendingPathComponent("config.toml")
    }

    /// `$XDG_STATE_HOME/tslicense`, default `~/.local/state/tslicense` (debug traces, run journal).
    static func stateDirectory(_ environment: [String: String]) -> String {
        let base = xdg("XDG_STATE_HOME", environment)
            ?? (home(environment) as NSString).appendingPathComponent(".local/state")
        return (base as NSString).appendingPathComponent("tslicense")
    }

    /// Replaces a leading `~/` with the home directory.
    static func expand(_ path: String, _ environment: [String: String]) -> String {
        if path == "~" { return home(environment) }
        if path.hasPrefix("~/") { return (home(environment) as NSString).appendingPathComponent(String(path.dropFirst(2))) }
        return path
    }
}

extension SettingsResolver {
    /// `$XDG_STATE_HOME/tslicense` (default `~/.local/state/tslicense`), for front ends that
    /// resolve no account (the demo's journal).
    public static func stateDirectory(environment: [String: String]) -> String {
        ConfigPaths.stateDirectory(environment)
    }
}
