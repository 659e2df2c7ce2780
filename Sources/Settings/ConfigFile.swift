import Foundation
import TOMLKit

/// The parsed `config.toml`:
///
/// ```toml
/// default_profile = "staging"
///
/// [profiles.staging]
/// account = "0242078689-00001"
/// base_url = "https://thingspace.verizon.com"
/// app_key = "..."
/// app_secret_command = "pass show thingspace/staging"
/// username = "ops"
/// password_command = "pass show thingspace/staging-uws"
///
/// [profiles.production]
/// account = "0242078689-00002"
/// readonly = true
/// ```
///
/// Unknown keys and values of the wrong type are errors naming the file and the key, so a typo
/// never silently falls back to a default.
struct ConfigFile: Sendable {
    var path: String
    /// Permission bits of the file (`0o600`).
    var mode: UInt32
    var defaultProfile: String?
    var profiles: [String: Profile]
    /// The `[keys]` table (user key bindings), empty when absent.
    var keys = UserKeyBindings.none
    /// The `[console]` table, empty when absent.
    var console = ConsoleFileSettings.none

    /// Reads the file at `path`. A missing file is `nil` unless `required` (a path the operator gave).
    static func load(path: String, required: Bool) throws(SettingsError) -> ConfigFile? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if !required && errno == ENOENT { return nil }
            let reason = String(cString: strerror(errno))
            throw SettingsError("cannot read the config file \(path): \(reason)")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw SettingsError("the config file \(path) is a directory")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SettingsError("cannot read the config file \(path): \((error as NSError).localizedDescription)")
        }
        var file = try parse(text, path: path)
        file.mode = UInt32(info.st_mode) & 0o777
        return file
    }

    /// Parses TOML text; errors name `path` and the key (or the line, for a syntax error).
    static func parse(_ text: String, path: String) throws(SettingsError) -> ConfigFile {
        func fail(_ what: String) -> SettingsError {
            SettingsError("\(path): \(what)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var key = ""
            if line >= 1, line <= lines.count, let eq = lines[line - 1].firstIndex(of: "=") {
                // Only the key: the value might be a secret.
                let name = lines[line - 1][..<eq].trimmingCharacters(in: .whitespaces)
                if !name.isEmpty { key = " (key \(name))" }
            }
            throw SettingsError("\(path):\(line):\(error.source.begin.column): not valid TOML: \(error.description)\(key)")
        } catch {
            throw fail("not valid TOML: \(error)")
        }

        var file = ConfigFile(path: path, mode: 0o600, defaultProfile: nil, profiles: [:])
        for key in table.keys {
            guard let value = table[key] else { continue }
            switch key {
            case "default_profile":
                guard let s = value.string else { throw fail("default_profile: expected a string, found \(describe(value))") }
                file.defaultProfile = s
            case "profiles":
                guard let profiles = value.table else {
                    throw fail("profiles: expected tables such as [profiles.NAME], found \(describe(value))")
                }
                for name in profiles.keys {
                    guard let entry = profiles[name], let body = entry.table else {
                        throw fail("profiles.\(name): expected a table [profiles.\(name)], found \(profiles[name].map(describe) ?? "nothing")")
                    }
                    file.profiles[name] = try parseProfile(name: name, body, fail: fail)
                }
            case "keys":
                guard let keys = value.table else {
                    throw fail("keys: expected a table [keys] of action = [\"key\", ...], found \(describe(value))")
                }
                file.keys = try UserKeyBindings.parse(keys, text: text, path: path)
            case "console":
                guard let console = value.table else {
                    throw fail("console: expected a table [console], found \(describe(value))")
                }
                file.console = try ConsoleFileSettings.parse(console, text: text, path: path)
            default:
                throw fail("unknown key \(key) (the file has default_profile, [console], [keys] and [profiles.NAME] tables)")
            }
        }
        if let wanted = file.defaultProfile, file.profiles[wanted] == nil {
            throw fail("default_profile: no profile named \"\(wanted)\" (defined: \(file.profileNames.joined(separator: ", ")))")
        }
        return file
    }

    private static func parseProfile(name: String, _ table: TOMLTable,
                                     fail: (String) -> SettingsError) throws(SettingsError) -> Profile {
        var p = Profile(name: name)
        let known = Set(Profile.keys.map(\.name))
        for key in table.keys {
            guard let value = table[key] else { continue }
            let full = "profiles.\(name).\(key)"
            guard known.contains(key) else {
                let suggestion = Profile.keys.map(\.name).first { closeEnough($0, key) }.map { "; did you mean \($0)?" } ?? ""
                throw fail("unknown key \(full)\(suggestion) (known keys: \(Profile.keys.map(\.name).joined(separator: ", ")))")
            }
            func string() throws(SettingsError) -> String {
                guard let s = value.string else { throw fail("\(full): expected a string, found \(describe(value))") }
                return s
            }
            func integer() throws(SettingsError) -> Int {
                guard let i = value.int else { throw fail("\(full): expected an integer, found \(describe(value))") }
                return i
            }
            switch key {
            case "account": p.account = try string()
            case "base_url": p.baseURL = try string()
            case "api_version": p.apiVersion = try string()
            case "protocol": p.deviceProtocol = try string()
            case "theme": p.theme = try string()
            case "batch_size": p.batchSize = try integer()
            case "concurrency": p.concurrency = try integer()
            case "max_devices": p.maxDevices = try integer()
            case "timeout":
                if let d = value.double { p.timeout = d } else if let i = value.int { p.timeout = Double(i) } else {
                    throw fail("\(full): expected a number of seconds, found \(describe(value))")
                }
            case "connect_timeout":
                if let d = value.double { p.connectTimeout = d } else if let i = value.int { p.connectTimeout = Double(i) } else {
                    throw fail("\(full): expected a number of seconds, found \(describe(value))")
                }
            case "readonly":
                guard let b = value.bool else { throw fail("\(full): expected true or false, found \(describe(value))") }
                p.readonly = b
            case "production":
                guard let b = value.bool else { throw fail("\(full): expected true or false, found \(describe(value))") }
                p.production = b
            case "luhn": p.luhn = try string()
            case "app_key": p.appKey = try string()
            case "username": p.username = try string()
            case "app_secret": p.appSecret = try string()
            case "password": p.password = try string()
            case "access_token": p.accessToken = try string()
            case "session_token": p.sessionToken = try string()
            case "app_secret_command": p.appSecretCommand = try string()
            case "password_command": p.passwordCommand = try string()
            default: break
            }
        }
        return p
    }

    /// The type of a value, never the value itself (it might be a secret).
    private static func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .table: return "a table"
        case .array: return "an array"
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a number with a fraction"
        case .bool: return "a boolean"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime: return "a date-time"
        }
    }

    /// One edit apart, or the same letters with `-` for `_` (a typo worth naming).
    private static func closeEnough(_ a: String, _ b: String) -> Bool {
        if a == b.replacingOccurrences(of: "-", with: "_") { return true }
        let x = Array(a), y = Array(b)
        guard abs(x.count - y.count) <= 1 else { return false }
        var previous = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in stride(from: 1, through: y.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count] <= 1
    }

    var profileNames: [String] { profiles.keys.sorted() }

    /// Every (profile, key) holding a secret literally, as `profiles.NAME.KEY`.
    var literalSecretKeys: [String] {
        profileNames.flatMap { name in profiles[name]!.literalSecretKeys.map { "profiles.\(name).\($0)" } }
    }

    var commandKeys: [String] {
        profileNames.flatMap { name in profiles[name]!.commandKeys.map { "profiles.\(name).\($0)" } }
    }

    /// Refuses a file whose secrets others could read, or whose commands others could change.
    func checkPermissions() throws(SettingsError) {
        let secrets = literalSecretKeys
        if !secrets.isEmpty, mode & 0o077 != 0 {
            throw SettingsError("""
                \(path) holds secrets (\(secrets.joined(separator: ", "))) but can be read by group or others \
                (mode \(String(mode, radix: 8))); nothing was used from it.
                Fix it with:  chmod 600 \(path)
                """)
        }
        let commands = commandKeys
        if !commands.isEmpty, mode & 0o022 != 0 {
            throw SettingsError("""
                \(path) names commands to run (\(commands.joined(separator: ", "))) but can be changed by group or \
                others (mode \(String(mode, radix: 8))); nothing was run.
                Fix it with:  chmod 600 \(path)
                """)
        }
    }
}
