import Drawing
import Foundation

/// Turns HTTP responses into models or typed errors.
enum ResponseDecoding {
    /// Maps a non-2xx response to the most specific error: FOTA envelope, gateway fault, else
    /// the status with a short excerpt of the body.
    static func error(for response: HTTPResponse, redactor: Redactor) -> ThingSpaceError {
        let decoder = JSONDecoder()
        let body = LenientUTF8.repaired(response.body)
        if let fota = try? decoder.decode(FOTAErrorEnvelope.self, from: body) {
            return .fota(status: response.status, code: clean(fota.errorCode, redactor),
                         message: clean(fota.errorMessage ?? "", redactor))
        }
        if let gw = try? decoder.decode(GatewayFaultEnvelope.self, from: body) {
            return .gateway(status: response.status, code: clean(gw.fault.code, redactor),
                            message: clean(gw.fault.message ?? "", redactor),
                            detail: clean(gw.fault.description ?? "", redactor))
        }
        if let oauth = try? decoder.decode(OAuthErrorBody.self, from: body) {
            return .gateway(status: response.status, code: clean(oauth.error, redactor),
                            message: clean(oauth.error_description ?? oauth.error, redactor), detail: "")
        }
        return .http(status: response.status, excerpt: excerpt(response.body, redactor: redactor))
    }

    struct OAuthErrorBody: Decodable {
        var error: String
        var error_description: String?
    }

    /// The first 160 printable characters of a body, control characters replaced.
    static func excerpt(_ body: Data, redactor: Redactor, limit: Int = 160) -> String {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
        return clean(text, redactor, limit: limit)
    }

    /// Makes server-provided text safe to show on a terminal: escape sequences, control and bidi
    /// characters removed (`TextSanitizer`, the one sanitiser of every output), runs of spaces
    /// collapsed, at most `limit` characters (then `…`), no secrets.
    static func clean(_ text: String, _ redactor: Redactor, limit: Int = 300) -> String {
        let words = TextSanitizer.clean(text).split(separator: " ", omittingEmptySubsequences: true)
        var collapsed = words.joined(separator: " ")
        if collapsed.count > limit { collapsed = String(collapsed.prefix(limit)) + "…" }
        return redactor.redact(collapsed)
    }

    /// One decoder for every response (its options never change).
    static let decoder = JSONDecoder()

    /// Decodes `T`, turning a failure into an error that names the field. Invalid UTF-8 in the
    /// body becomes U+FFFD first (`LenientUTF8`), so one bad string does not cost the whole body.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String) throws(ThingSpaceError) -> T {
        do {
            return try decoder.decode(T.self, from: LenientUTF8.repaired(data))
        } catch let error as DecodingError {
            throw .decoding(what: what, detail: describe(error))
        } catch {
            throw .decoding(what: what, detail: String(describing: error))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ p: [any CodingKey]) -> String {
            let s = p.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return s.hasPrefix(".") ? String(s.dropFirst()) : (s.isEmpty ? "(top level)" : s)
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            let parent = path(ctx.codingPath)
            return "field \"\(parent == "(top level)" ? "" : parent + ".")\(key.stringValue)\" is missing"
        case .typeMismatch(let type, let ctx):
            return "field \"\(path(ctx.codingPath))\" is not a \(typeName(type))"
        case .valueNotFound(let type, let ctx):
            return "field \"\(path(ctx.codingPath))\" is null, expected a \(typeName(type))"
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty { return "the body is not valid JSON" }
            return "field \"\(path(ctx.codingPath))\": \(ctx.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "string"
        case is Int.Type, is UInt64.Type, is Int64.Type: return "number"
        case is Bool.Type: return "boolean"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "list" }
            if name.hasPrefix("Dictionary") { return "object" }
            return name
        }
    }
}
