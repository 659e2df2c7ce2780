import Foundation

/// The proxy variables of the environment, read by us (AsyncHTTPClient reads none): `https_proxy`
/// / `HTTPS_PROXY` for https URLs, `http_proxy` for http URLs (the upper-case `HTTP_PROXY` is
/// ignored, as curl does, because CGI servers set it from a request header), and `no_proxy` /
/// `NO_PROXY`: host suffixes separated by commas (`.example.com` or `example.com` match the host
/// and its subdomains; `*` turns proxying off). Loopback hosts are never proxied.
public struct ProxySettings: Sendable, Equatable {
    /// A proxy server: host, port, and the user and password from its URL when given.
    public struct Server: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var user: String?
        public var password: String?

        /// `host:port` (credentials never shown).
        public var description: String { "\(host):\(port)" }
    }

    public var httpsProxy: Server?
    public var httpProxy: Server?
    public var noProxy: [String]

    public init(httpsProxy: Server? = nil, httpProxy: Server? = nil, noProxy: [String] = []) {
        self.httpsProxy = httpsProxy
        self.httpProxy = httpProxy
        self.noProxy = noProxy
    }

    /// No proxy at all.
    public static let none = ProxySettings()

    /// Reads the variables; a malformed proxy URL is an error naming the variable.
    public static func fromEnvironment(_ environment: [String: String]) throws(ThingSpaceError) -> ProxySettings {
        func value(_ names: [String]) -> (String, String)? {
            for name in names {
                if let v = environment[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty { return (name, v) }
            }
            return nil
        }
        var settings = ProxySettings()
        if let (name, text) = value(["https_proxy", "HTTPS_PROXY"]) { settings.httpsProxy = try server(text, variable: name) }
        if let (name, text) = value(["http_proxy"]) { settings.httpProxy = try server(text, variable: name) }
        if let (_, text) = value(["no_proxy", "NO_PROXY"]) {
            settings.noProxy = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .filter { !$0.isEmpty }
        }
        return settings
    }

    /// Parses `http://user:pass@host:port`, `host:port` or `host` (port 80, or 443 for `https://`).
    static func server(_ text: String, variable: String) throws(ThingSpaceError) -> Server {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else {
            throw .invalidInput("\(variable) is not a proxy address (expected http://host:port)")
        }
        let scheme = components.scheme?.lowercased() ?? "http"
        guard scheme == "http" || scheme == "https" else {
            throw .invalidInput("\(variable): only http proxies are supported, not \(scheme)://")
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65535).contains(port) else { throw .invalidInput("\(variable): port \(port) is out of range") }
        return Server(host: host, port: port, user: components.user?.removingPercentEncoding,
                      password: components.password?.removingPercentEncoding)
    }

    /// The proxy a request to `url` goes through, or nil for a direct connection.
    public func proxy(for url: URL) -> Server? {
        guard let host = url.host?.lowercased(), !Loopback.isLoopback(url: url) else { return nil }
        if bypasses(host: host) { return nil }
        return url.scheme?.lowercased() == "https" ? httpsProxy : httpProxy
    }

    /// True when `no_proxy` names the host or a domain it belongs to, or is `*`.
    func bypasses(host: String) -> Bool {
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        for entry in noProxy {
            if entry == "*" { return true }
            var suffix = entry.hasPrefix("*.") ? String(entry.dropFirst(2)) : entry
            if suffix.hasPrefix(".") { suffix.removeFirst() }
            if let colon = suffix.lastIndex(of: ":"), !suffix.contains("]"), suffix.filter({ $0 == ":" }).count == 1 {
                suffix = String(suffix[..<colon])   // `host:port` entries: the port is not checked
            }
            if bare == suffix || bare.hasSuffix("." + suffix) { return true }
        }
        return false
    }
}
