/// One named profile of the config file: where an account lives and how to reach it.
/// Every field is optional: what a profile leaves out comes from the environment or the defaults.
struct Profile: Sendable, Equatable {
    var name: String
    var account: String?
    var baseURL: String?
    var apiVersion: String?
    var theme: String?
    var batchSize: Int?
    var concurrency: Int?
    var timeout: Double?
    var connectTimeout: Double?
    var readonly: Bool?
    var maxDevices: Int?
    var luhn: String?
    var appKey: String?
    var username: String?
    /// Secrets written in the file itself (allowed only when the file is private to its owner).
    var appSecret: String?
    var password: String?
    var accessToken: String?
    var sessionToken: String?
    /// Shell commands whose standard output is the secret (`pass show ...`, `security find-generic-password ...`).
    var appSecretCommand: String?
    var passwordCommand: String?

    init(name: String) { self.name = name }

    /// The keys of this profile that hold a secret literally, for the permission check.
    var literalSecretKeys: [String] {
        var keys: [String] = []
        if appSecret != nil { keys.append("app_secret") }
        if password != nil { keys.append("password") }
        if accessToken != nil { keys.append("access_token") }
        if sessionToken != nil { keys.append("session_token") }
        return keys
    }

    var commandKeys: [String] {
        var keys: [String] = []
        if appSecretCommand != nil { keys.append("app_secret_command") }
        if passwordCommand != nil { keys.append("password_command") }
        return keys
    }

    /// Every key a profile may hold, with what it expects (for error messages and the README).
    static let keys: [(name: String, kind: String)] = [
        ("account", "string"), ("base_url", "string"), ("api_version", "string"), ("theme", "string"),
        ("batch_size", "integer"), ("concurrency", "integer"), ("timeout", "number"), ("connect_timeout", "number"), ("readonly", "boolean"),
        ("max_devices", "integer"), ("luhn", "string"), ("app_key", "string"), ("username", "string"),
        ("app_secret", "string"), ("password", "string"), ("access_token", "string"), ("session_token", "string"),
        ("app_secret_command", "string"), ("password_command", "string"),
    ]
}
