import Foundation

/// Consulted by the `Authenticator` around each session login (username and password), so that
/// failed logins are counted across invocations. Only credential rejections count; timeouts,
/// refused connections and 5xx answers do not.
public protocol LoginGuard: Sendable {
    /// Throws (an authentication error) when no login may be tried now.
    func permit() throws(ThingSpaceError)
    /// The server rejected the credentials.
    func rejected()
    /// A login succeeded: the count starts again.
    func succeeded()
}

/// Failed logins per base URL and username, in `STATE/login-failures.json` (owner-only): after
/// `limit` rejections in a row no login is tried (ThingSpace locks the account after five)
/// unless `force` (`--force-login`). Commands and the console get it from the one place that
/// makes their client.
public struct LoginFailureLedger: LoginGuard {
    /// Rejections in a row after which logins stop.
    public static let limit = 3
    /// Failures in a row that make ThingSpace lock the account.
    public static let lockout = 5

    public let path: String
    public let baseURL: String
    public let username: String
    public let force: Bool

    struct Entry: Codable { var failures: Int; var last: String }

    public init(stateDirectory: String, baseURL: URL, username: String, force: Bool) {
        path = (stateDirectory as NSString).appendingPathComponent("login-failures.json")
        self.baseURL = baseURL.absoluteString
        self.username = username
        self.force = force
    }

    var key: String { "\(username) @ \(baseURL)" }

    /// Rejections in a row on record.
    public var failures: Int { update { _ in }?.failures ?? 0 }

    public func permit() throws(ThingSpaceError) {
        guard !force, let entry = update({ _ in }), entry.failures >= LoginFailureLedger.limit else { return }
        throw .authentication(step: "session login", detail: """
            \(entry.failures) failed logins in a row for user \(username) on \(baseURL) (the last at \(entry.last)); \
            not trying again: \(LoginFailureLedger.lockout) failures lock the account. Check the password, then give \
            --force-login to try once more
            """)
    }

    public func rejected() {
        let now = ISO8601DateFormatter().string(from: Date())
        _ = update { entry in entry = Entry(failures: (entry?.failures ?? 0) + 1, last: now) }
    }

    public func succeeded() {
        _ = update { entry in entry = nil }
    }

    /// Reads the file under an exclusive lock, applies `change` to this key's entry, writes it back
    /// when it changed; returns the entry after the change. Nil on any file problem (never fatal:
    /// the server still refuses bad credentials).
    @discardableResult
    private func update(_ change: (inout Entry?) -> Void) -> Entry? {
        let directory = (path as NSString).deletingLastPathComponent
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        defer { _ = close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        let data = (try? handle.readToEnd()) ?? Data()
        var all = (try? JSONDecoder().decode([String: Entry].self, from: data)) ?? [:]
        let old = all[key]
        var entry = old
        change(&entry)
        if entry?.failures != old?.failures || entry?.last != old?.last {
            all[key] = entry
            if let out = try? JSONEncoder().encode(all) {
                _ = ftruncate(fd, 0)
                _ = out.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
                _ = fsync(fd)
            }
        }
        return entry
    }
}
