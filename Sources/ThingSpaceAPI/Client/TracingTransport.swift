import Foundation

/// Wraps a transport and writes a redacted trace of every exchange (`--debug`): method, URL,
/// status, timing, headers and bodies. Credentials never reach the sink:
/// - `Authorization` keeps only its scheme (`Bearer ••••••`), `VZ-M2M-Token` and any other
///   header whose name mentions a token, secret, password, key or cookie are masked whole;
/// - JSON bodies have the value of every field whose name mentions a token, secret or password
///   masked (`access_token`, `sessionToken`, `password`, ...);
/// - every known secret (from the credentials) and every token seen on the wire (request
///   headers, token and login responses) is masked wherever else it shows up.
public final class TracingTransport: HTTPTransport, Sendable {
    public static let mask = "••••••"

    let base: any HTTPTransport
    let sink: @Sendable (String) -> Void
    let maxBodyCharacters: Int
    private let secrets: Locked<[String]>
    private let sequence = Locked(0)

    /// - Parameters:
    ///   - base: the transport that does the work.
    ///   - secrets: values that must never appear in the trace (the credentials' secret values).
    ///   - maxBodyCharacters: longer bodies are cut (after redaction).
    ///   - sink: receives one complete entry (several lines, ending in a newline) per event.
    public init(wrapping base: any HTTPTransport, secrets: [String], maxBodyCharacters: Int = 4096,
                sink: @escaping @Sendable (String) -> Void) {
        self.base = base
        self.sink = sink
        self.maxBodyCharacters = maxBodyCharacters
        self.secrets = Locked(secrets.filter { $0.count >= 4 })
    }

    public func send(_ request: HTTPRequest, timeout: Double) async throws(ThingSpaceError) -> HTTPResponse {
        let number = sequence.withLock { value -> Int in
            value += 1
            return value
        }
        learn(fromHeaders: request.headers)
        if let body = request.body { learn(fromBody: body) }
        var entry = "[\(Self.timestamp())] #\(number) → \(request.method) \(redact(request.url.absoluteString))\n"
        for (name, value) in request.headers {
            entry += "  > \(name): \(redactHeader(name: name, value: value))\n"
        }
        if let body = request.body, !body.isEmpty {
            entry += indent(redactBody(body), prefix: "  > ")
        }
        sink(entry)

        let started = ContinuousClock.now
        do {
            let response = try await base.send(request, timeout: timeout)
            let ms = Self.milliseconds(since: started)
            learn(fromBody: response.body)
            var out = "[\(Self.timestamp())] #\(number) ← \(response.status) in \(ms) ms, \(response.body.count) bytes\n"
            for name in response.headers.keys.sorted() {
                out += "  < \(name): \(redactHeader(name: name, value: response.headers[name] ?? ""))\n"
            }
            if !response.body.isEmpty { out += indent(redactBody(response.body), prefix: "  < ") }
            sink(out)
            return response
        } catch {
            let ms = Self.milliseconds(since: started)
            sink("[\(Self.timestamp())] #\(number) ✗ after \(ms) ms: \(redact(error.description))\n")
            throw error
        }
    }

    // MARK: Redaction

    /// Every value that must not show, longest first.
    private var currentSecrets: [String] {
        secrets.withLock { $0 }.sorted { $0.count > $1.count }
    }

    func redact(_ text: String) -> String {
        var out = text
        for s in currentSecrets where out.contains(s) {
            out = out.replacingOccurrences(of: s, with: Self.mask)
        }
        return out
    }

    static func isSensitiveName(_ name: String) -> Bool {
        let n = name.lowercased()
        if n.hasSuffix("type") || n.hasPrefix("expires") || n.hasSuffix("expiry") { return false }
        return n.contains("token") || n.contains("secret") || n.contains("password") || n.contains("passwd")
            || n.contains("authorization") || n.contains("cookie") || n.contains("api-key") || n.contains("apikey")
            || n.contains("credential")
    }

    func redactHeader(name: String, value: String) -> String {
        let lower = name.lowercased()
        if lower == "authorization" || lower == "proxy-authorization" {
            if let space = value.firstIndex(of: " ") { return "\(value[..<space]) \(Self.mask)" }
            return Self.mask
        }
        if Self.isSensitiveName(name) { return Self.mask }
        return redact(value)
    }

    func redactBody(_ body: Data) -> String {
        var text: String
        if let json = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]),
           JSONSerialization.isValidJSONObject(Self.maskFields(json)),
           let data = try? JSONSerialization.data(withJSONObject: Self.maskFields(json), options: [.sortedKeys]),
           let s = String(data: data, encoding: .utf8) {
            text = s
        } else if let s = String(data: body, encoding: .utf8) {
            text = Self.maskFormFields(s)
        } else {
            text = "(\(body.count) bytes, not UTF-8)"
        }
        text = redact(text)
        if text.count > maxBodyCharacters {
            text = String(text.prefix(maxBodyCharacters)) + "… (\(text.count - maxBodyCharacters) more characters)"
        }
        return text
    }

    static func maskFields(_ value: Any) -> Any {
        if let dict = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (k, v) in dict {
                out[k] = isSensitiveName(k) && !(v is [String: Any]) && !(v is [Any]) ? mask : maskFields(v)
            }
            return out
        }
        if let array = value as? [Any] { return array.map(maskFields) }
        return value
    }

    /// `a=1&password=x` → `a=1&password=••••••`.
    static func maskFormFields(_ text: String) -> String {
        guard text.contains("="), !text.contains("\n") else { return text }
        return text.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            guard let eq = part.firstIndex(of: "=") else { return String(part) }
            let key = String(part[..<eq])
            return isSensitiveName(key) ? "\(key)=\(mask)" : String(part)
        }.joined(separator: "&")
    }

    // MARK: Learning tokens seen on the wire

    private func remember(_ value: String) {
        let v = value.trimmingCharacters(in: .whitespaces)
        guard v.count >= 4, v != Self.mask else { return }
        secrets.withLock { if !$0.contains(v) { $0.append(v) } }
    }

    private func learn(fromHeaders headers: [(String, String)]) {
        for (name, value) in headers {
            let lower = name.lowercased()
            if lower == "authorization" || lower == "proxy-authorization" {
                if let space = value.firstIndex(of: " ") {
                    let credential = String(value[value.index(after: space)...])
                    remember(credential)
                    // Basic credentials: the decoded `key:secret` halves as well.
                    if value.lowercased().hasPrefix("basic "), let data = Data(base64Encoded: credential),
                       let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":") {
                        remember(String(decoded[decoded.index(after: colon)...]))
                    }
                } else {
                    remember(value)
                }
            } else if Self.isSensitiveName(name) {
                remember(value)
            }
        }
    }

    private func learn(fromBody body: Data) {
        guard body.count < 1 << 20,
              let json = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else { return }
        collect(json)
    }

    private func collect(_ value: Any) {
        if let dict = value as? [String: Any] {
            for (k, v) in dict {
                if Self.isSensitiveName(k), let s = v as? String { remember(s) } else { collect(v) }
            }
        } else if let array = value as? [Any] {
            for v in array { collect(v) }
        }
    }

    // MARK: Formatting

    private func indent(_ text: String, prefix: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n") + "\n"
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let d = ContinuousClock.now - start
        return Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
    }

    static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: Date())
    }
}
