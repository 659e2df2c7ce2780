import Foundation

/// Every error the API module raises, in words an operator understands.
public enum ThingSpaceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A FOTA `{errorCode, errorMessage}` envelope (usually HTTP 400).
    case fota(status: Int, code: String, message: String)
    /// An API gateway `{fault: {code, message, description}}` (401 for token trouble, 429 throttled).
    case gateway(status: Int, code: String, message: String, detail: String)
    /// Another HTTP status, with a short excerpt of the body.
    case http(status: Int, excerpt: String)
    /// Another failure of the HTTP layer: TLS, a malformed answer, a body over the size cap.
    case transport(String)
    /// Nothing reached the server: connection refused, host not found or unreachable, connect
    /// timeout. The request was certainly not applied.
    case unreachable(host: String, detail: String)
    /// The request may have reached the server, but the connection closed or was reset before an
    /// answer came: the request may have been applied (a lost reply).
    case noAnswer(host: String, detail: String)
    /// No answer within our own deadline after the request was sent (it may have been applied).
    case timeout(seconds: Double)
    /// The body was not what the contract says; names the field.
    case decoding(what: String, detail: String)
    /// Credentials rejected. `step` says where: "API token" or "session login".
    case authentication(step: String, detail: String)
    /// Input refused before anything was sent.
    case invalidInput(String)
    /// The operation was cancelled.
    case cancelled
    /// A transient error whose response carried `Retry-After` (seconds).
    indirect case retryAfter(ThingSpaceError, seconds: Double)
    /// An error with the step it ended and the host: "reading the device list from HOST: ...".
    indirect case step(String, host: String, ThingSpaceError)

    /// The error without its `Retry-After` and step wrappers.
    public var underlying: ThingSpaceError {
        switch self {
        case .retryAfter(let inner, _), .step(_, _, let inner): return inner.underlying
        default: return self
        }
    }

    /// This error naming the step and host where it happened. Authentication, input and
    /// cancellation errors are returned as they are (they say what they need already).
    public func during(_ step: String, host: String) -> ThingSpaceError {
        switch underlying {
        case .authentication, .invalidInput, .cancelled: return self
        default: break
        }
        if case .step = self { return self }
        return .step(step, host: host, self)
    }

    /// The server's `Retry-After`, when it sent one.
    public var retryAfterSeconds: Double? {
        switch self {
        case .retryAfter(_, let s): return s
        case .step(_, _, let inner): return inner.retryAfterSeconds
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .fota(let status, let code, let message):
            return "ThingSpace refused the request (HTTP \(status), \(code)): \(message)"
        case .gateway(let status, let code, let message, let detail):
            let extra = detail.isEmpty || detail == message ? "" : " — \(detail)"
            return "API gateway refused the request (HTTP \(status), fault \(code)): \(message)\(extra)"
        case .http(let status, let excerpt):
            return excerpt.isEmpty ? "unexpected HTTP \(status) with an empty body" : "unexpected HTTP \(status): \(excerpt)"
        case .transport(let what):
            return "network error: \(what)"
        case .unreachable(let host, let detail):
            return "cannot reach \(host): \(detail)"
        case .noAnswer(let host, let detail):
            return "no answer from \(host): \(detail)"
        case .timeout(let seconds):
            return "no answer within \(ThingSpaceError.formatSeconds(seconds))"
        case .decoding(let what, let detail):
            return "could not read \(what): \(detail)"
        case .authentication(let step, let detail):
            return "authentication failed at \(step): \(detail)"
        case .invalidInput(let what):
            return what
        case .cancelled:
            return "cancelled"
        case .retryAfter(let inner, let seconds):
            return "\(inner.description) (retry after \(ThingSpaceError.formatSeconds(seconds)))"
        case .step(let step, let host, let inner):
            switch inner.underlying {
            case .unreachable(_, let detail), .noAnswer(_, let detail):
                return "\(step) from \(host): \(detail)"
            default:
                return "\(step) from \(host): \(inner.description)"
            }
        }
    }

    /// HTTP status when the error came from a response.
    public var httpStatus: Int? {
        switch self {
        case .retryAfter(let inner, _), .step(_, _, let inner): return inner.httpStatus
        case .fota(let s, _, _), .gateway(let s, _, _, _), .http(let s, _): return s
        default: return nil
        }
    }

    /// The error code (FOTA errorCode or gateway fault code), when there is one.
    public var code: String? {
        switch self {
        case .retryAfter(let inner, _), .step(_, _, let inner): return inner.code
        case .fota(_, let c, _), .gateway(_, let c, _, _): return c
        default: return nil
        }
    }

    /// Worth another try later: throttling, server trouble, timeouts, dropped connections.
    public var isTransient: Bool {
        switch self {
        case .retryAfter(let inner, _), .step(_, _, let inner): return inner.isTransient
        case .timeout, .transport, .unreachable, .noAnswer: return true
        case .fota(let s, _, _), .gateway(let s, _, _, _), .http(let s, _):
            return [429, 500, 502, 503, 504].contains(s)
        default: return false
        }
    }

    /// A failure at the connection level (refused, unreachable, closed or reset before any
    /// answer): three in a row across batches mean the host is dead. Timeouts are not counted
    /// (a slow server is not a dead one).
    public var isConnectionLevel: Bool {
        switch underlying {
        case .unreachable, .noAnswer: return true
        default: return false
        }
    }

    /// The request may have been applied although no answer came: the connection closed after it
    /// was sent, or our deadline passed. Assign and remove are safe to send again.
    public var isLostReply: Bool {
        switch underlying {
        case .noAnswer, .timeout: return true
        default: return false
        }
    }

    public var isAuthentication: Bool {
        if case .authentication = underlying { return true }
        return false
    }

    /// A gateway 401: the API token is missing, invalid or expired.
    public var isTokenRejected: Bool {
        if case .gateway(401, _, _, _) = underlying { return true }
        return false
    }

    /// A FOTA error saying the VZ-M2M session expired. Matches the code after the service prefix
    /// (`UnifiedWebService.REQUEST_FAILED.SessionToken.Expired` and the bare form), never the message.
    public var isSessionExpired: Bool {
        guard case .fota(_, let code, _) = underlying else { return false }
        let normalized = ThingSpaceError.codeAfterServicePrefix(code)
        return normalized == "REQUEST_FAILED.SessionToken.Expired" || normalized == "REQUEST_FAILED.SessionToken.Invalid"
    }

    /// Any error as a `ThingSpaceError` (closures lose typed throws).
    public static func wrap(_ error: any Error) -> ThingSpaceError {
        if let e = error as? ThingSpaceError { return e }
        if error is CancellationError { return .cancelled }
        return .transport(String(describing: error))
    }

    /// Drops a leading service name such as `UnifiedWebService.` from an error code.
    public static func codeAfterServicePrefix(_ code: String) -> String {
        if let range = code.range(of: "REQUEST_FAILED.") { return String(code[range.lowerBound...]) }
        return code
    }

    static func formatSeconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : String(format: "%.1f s", s)
    }
}
