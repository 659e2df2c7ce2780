import Foundation
import Testing
@testable import Settings

/// A private home directory for one test: `HOME` points here, so no real config file is read.
final class Home {
    let root: String

    init() throws {
        let path = NSTemporaryDirectory() + "settings-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        root = path
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// The environment a command would see: only `HOME` and what the test adds.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        extra.merging(["HOME": root]) { mine, _ in mine }
    }

    /// Where the resolver looks by default.
    var configPath: String { root + "/.config/tslicense/config.toml" }

    /// Writes the default config file with `mode` and returns its path.
    @discardableResult
    func writeConfig(_ text: String, mode: Int = 0o600) throws -> String {
        try FileManager.default.createDirectory(atPath: root + "/.config/tslicense", withIntermediateDirectories: true)
        try text.write(toFile: configPath, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: configPath)
        return configPath
    }

    func resolve(_ overrides: SettingsOverrides = SettingsOverrides(), env: [String: String] = [:],
                 requireAccount: Bool = false, runCommands: Bool = true) throws(SettingsError) -> ResolvedSettings {
        try SettingsResolver.resolve(overrides, environment: environment(env),
                                     requireAccount: requireAccount, runCommands: runCommands)
    }

    /// The error message a resolution fails with; records an issue when it does not fail.
    func failure(_ overrides: SettingsOverrides = SettingsOverrides(), env: [String: String] = [:],
                 requireAccount: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        do {
            let settings = try resolve(overrides, env: env, requireAccount: requireAccount)
            Issue.record("expected a settings error, got \(settings.sources)", sourceLocation: sourceLocation)
            return ""
        } catch {
            return error.message
        }
    }
}

extension ResolvedSettings {
    /// The source recorded for `key`.
    func source(_ key: String) -> SettingSource? { sources.first { $0.key == key } }
}
