import Foundation

/// A secret value: never printed. `description` and `debugDescription` are masked, so a secret
/// that ends up in string interpolation, a log line or a dump shows as `••••••`.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, ExpressibleByStringLiteral {
    public let revealed: String
    public init(_ value: String) { revealed = value }
    public init(stringLiteral value: String) { revealed = value }
    public var description: String { "••••••" }
    public var debugDescription: String { "Secret(••••••)" }
    public var isEmpty: Bool { revealed.isEmpty }
}

/// Where the client's authority comes from. Either an app key and secret (the API token is
/// fetched and renewed) or a ready-made access token; either a username and password (the
/// session is logged in and renewed) or a ready-made session token.
public struct Credentials: Sendable {
    public var appKey: String?
    public var appSecret: Secret?
    public var username: String?
    public var password: Secret?
    public var accessToken: Secret?
    public var sessionToken: Secret?

    public init(appKey: String? = nil, appSecret: Secret? = nil, username: String? = nil, password: Secret? = nil,
                accessToken: Secret? = nil, sessionToken: Secret? = nil) {
        self.appKey = appKey
        self.appSecret = appSecret
        self.username = username
        self.password = password
        self.accessToken = accessToken
        self.sessionToken = sessionToken
    }

    /// Every secret value present, for redaction.
    public var secretValues: [String] {
        [appSecret, password, accessToken, sessionToken].compactMap { $0?.revealed }.filter { $0.count >= 4 }
    }
}

/// Client settings, resolved once by the front end and passed down.
public struct ClientConfiguration: Sendable {
    public static let productionBaseURL = URL(string: "https://thingspace.verizon.com")!

    public var baseURL: URL
    public var account: String
    public var apiVersion: APIVersion
    public var credentials: Credentials
    /// Our own deadline per request, in seconds.
    public var timeout: Double
    /// How reads (licence summary, device pages, counts) are retried.
    public var readRetry: RetryPolicy

    public init(baseURL: URL = ClientConfiguration.productionBaseURL, account: String, apiVersion: APIVersion = .v1,
                credentials: Credentials, timeout: Double = 30, readRetry: RetryPolicy = .reads) {
        self.baseURL = baseURL
        self.account = account
        self.apiVersion = apiVersion
        self.credentials = credentials
        self.timeout = timeout
        self.readRetry = readRetry
    }

    /// The host operators see in headers and confirmations (`thingspace.verizon.com`, `127.0.0.1:8080`).
    public var hostDescription: String {
        guard let host = baseURL.host else { return baseURL.absoluteString }
        if let port = baseURL.port { return "\(host):\(port)" }
        return host
    }

    /// `##########-#####`: 10 digits, a dash, 5 digits.
    public static func accountNameProblem(_ account: String) -> String? {
        let bytes = Array(account.utf8)
        let ok = bytes.count == 16 && bytes[10] == UInt8(ascii: "-")
            && bytes.enumerated().allSatisfy { i, b in i == 10 || (b >= 48 && b <= 57) }
        return ok ? nil : "account name \"\(account)\" is not in the form ##########-##### (10 digits, a dash, 5 digits)"
    }
}

/// Removes known secret values from text that might be shown (error excerpts, traces).
public struct Redactor: Sendable {
    public let secrets: [String]
    public init(secrets: [String]) { self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count } }

    public func redact(_ text: String) -> String {
        var out = text
        for s in secrets where out.contains(s) { out = out.replacingOccurrences(of: s, with: "••••••") }
        return out
    }
}
