import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A request as the client builds it; independent of the HTTP stack.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: URL
    public var headers: [(String, String)]
    public var body: Data?

    public init(method: String, url: URL, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    public static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
        a.method == b.method && a.url == b.url && a.body == b.body
            && a.headers.map { "\($0.0):\($0.1)" } == b.headers.map { "\($0.0):\($0.1)" }
    }
}

public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]   // names lowercased
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// The seam between the client and the HTTP stack: tests and benchmarks can swap it.
/// Implementations throw `.unreachable` when nothing reached the server (refused, unreachable,
/// connect timeout), `.noAnswer` when the connection closed or was reset after the request may
/// have been sent, `.timeout` when the deadline passed after it was sent, `.transport` for any
/// other failure of the HTTP layer, and `.cancelled`. They never re-send a request by themselves.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeout: Double) async throws(ThingSpaceError) -> HTTPResponse
}

/// The real transport on Foundation's URLSession. URLSession on Linux cuts timeouts to whole
/// seconds, so our own deadline (task cancellation) is what bounds a request. Loopback hosts
/// bypass any proxy configured in the environment.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    // URLSession is thread-safe; it is only created once.
    private let session: URLSession
    private let loopbackSession: URLSession
    /// Bodies above this size are refused (a hostile server cannot make us hold gigabytes).
    public let maxBodyBytes: Int

    public init(maxBodyBytes: Int = 64 << 20) {
        self.maxBodyBytes = maxBodyBytes
        let config = URLSessionConfiguration.ephemeral
        config.httpCookieAcceptPolicy = .never
        config.httpShouldSetCookies = false
        config.urlCache = nil
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.httpMaximumConnectionsPerHost = 16
        session = URLSession(configuration: config)
        let loop = URLSessionConfiguration.ephemeral
        loop.httpCookieAcceptPolicy = .never
        loop.httpShouldSetCookies = false
        loop.urlCache = nil
        loop.connectionProxyDictionary = [:]
        loop.httpMaximumConnectionsPerHost = 16
        loopbackSession = URLSession(configuration: loop)
    }

    deinit {
        session.finishTasksAndInvalidate()
        loopbackSession.finishTasksAndInvalidate()
    }

    public func send(_ request: HTTPRequest, timeout: Double) async throws(ThingSpaceError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.addValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        // URLSession rounds to whole seconds; give it slack and enforce our own deadline below.
        urlRequest.timeoutInterval = max(1, (timeout + 1).rounded(.up))
        if Loopback.isLoopback(url: request.url) { ProxyBypass.ensureLoopbackBypass() }
        let prepared = urlRequest
        let outcome: Result<HTTPResponse, ThingSpaceError> = await withTaskGroup(of: Result<HTTPResponse, ThingSpaceError>?.self) { group in
            group.addTask { await self.perform(prepared, timeout: timeout) }
            group.addTask {
                do {
                    try await Task.sleep(nanoseconds: UInt64(max(0.001, timeout) * 1e9))
                    return .failure(.timeout(seconds: timeout))
                } catch {
                    return nil   // cancelled because the request finished first
                }
            }
            var result: Result<HTTPResponse, ThingSpaceError> = .failure(.cancelled)
            if let first = await group.next(), let value = first {
                result = value
            }
            group.cancelAll()
            return result
        }
        if Task.isCancelled { throw .cancelled }
        return try outcome.get()
    }

    private func perform(_ urlRequest: URLRequest, timeout: Double) async -> Result<HTTPResponse, ThingSpaceError> {
        let session = Loopback.isLoopback(url: urlRequest.url!) ? loopbackSession : self.session
        let limit = maxBodyBytes
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else {
                return .failure(.transport("the server's answer was not HTTP"))
            }
            if data.count > limit {
                return .failure(.transport("response body larger than \(limit) bytes refused"))
            }
            var headers: [String: String] = [:]
            for (k, v) in http.allHeaderFields {
                if let k = k as? String, let v = v as? String { headers[k.lowercased()] = v }
            }
            return .success(HTTPResponse(status: http.statusCode, headers: headers, body: data))
        } catch is CancellationError {
            return .failure(.cancelled)
        } catch let error as URLError {
            return .failure(URLSessionTransport.map(error, timeout: timeout))
        } catch {
            return .failure(.transport(String(describing: error)))
        }
    }

    static func map(_ error: URLError, timeout: Double) -> ThingSpaceError {
        switch error.code {
        case .timedOut: return .timeout(seconds: timeout)
        case .cancelled: return .cancelled
        case .cannotConnectToHost: return .unreachable(host: error.failingURL?.host ?? "host", detail: "connection refused")
        case .networkConnectionLost: return .noAnswer(host: error.failingURL?.host ?? "host", detail: "connection reset by the server")
        case .cannotFindHost, .dnsLookupFailed: return .unreachable(host: error.failingURL?.host ?? "?", detail: "host not found")
        case .notConnectedToInternet: return .unreachable(host: error.failingURL?.host ?? "?", detail: "no network connection")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return .transport("TLS failure: \(error.localizedDescription)")
        case .badServerResponse: return .noAnswer(host: error.failingURL?.host ?? "host", detail: "connection closed without a valid HTTP response")
        default: return .transport(error.localizedDescription)
        }
    }
}

/// libcurl (under URLSession on Linux) reads lowercase proxy variables; make sure loopback is
/// never sent through a proxy by adding it to `no_proxy` once.
enum ProxyBypass {
    private static let done: Void = {
        for name in ["no_proxy", "NO_PROXY"] {
            let current = ProcessInfo.processInfo.environment[name] ?? ""
            let parts = current.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if !parts.contains("127.0.0.1") || !parts.contains("localhost") {
                let merged = (parts.filter { !$0.isEmpty } + ["127.0.0.1", "localhost", "::1"]).joined(separator: ",")
                setenv(name, merged, 1)
            }
        }
    }()

    static func ensureLoopbackBypass() { _ = done }
}
