import Foundation
import Hummingbird

/// Reading what a request carries: its body, Basic and Bearer credentials, form fields.
extension SimulatorResponder {
    static func bodyData(_ request: Request) async -> Data? {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: maxBodyBytes) else { return nil }
        return Data(buffer.readableBytesView)
    }

    static func bodyText(_ request: Request) async -> String? {
        guard let data = await bodyData(request) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// `Authorization: Basic base64(key:secret)`; nil when absent, not Basic, or undecodable.
    static func basicCredentials(_ header: String?) -> (key: String, secret: String)? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic" else { return nil }
        guard let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8)
        else { return ("", "") }
        guard let colon = text.firstIndex(of: ":") else { return (text, "") }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// `Authorization: Bearer <token>`; nil when absent or another scheme.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// `application/x-www-form-urlencoded` fields (first value wins).
    static func formFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(kv[0]).trimmingCharacters(in: .whitespacesAndNewlines)
            let value = kv.count > 1 ? decode(kv[1]).trimmingCharacters(in: .whitespacesAndNewlines) : ""
            if fields[key] == nil { fields[key] = value }
        }
        return fields
    }
}
