import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The real transport, on AsyncHTTPClient (SwiftNIO): one deadline per request in milliseconds
/// (head and body both), a short connect timeout with no hidden retry of the connection, bodies
/// read as a stream and refused as soon as they pass the cap, proxies chosen per URL from the
/// environment's variables (loopback never proxied). The HTTP layer never re-sends a request;
/// a connection the server closes fails its request at once. Waiting is done by the event loop
/// (epoll), never by polling.
///
/// One instance per set of options per process (`shared(_:)`); `shutdownShared()` closes them
/// all and must be awaited before the process exits.
public final class AsyncHTTPTransport: HTTPTransport, Sendable {
    public struct Options: Sendable, Hashable {
        /// Seconds to establish a connection (TCP, TLS, proxy handshake) before the host counts as unreachable.
        public var connectTimeout: Double
        /// Bodies above this size are refused.
        public var maxBodyBytes: Int
        public var proxy: ProxySettings

        public init(connectTimeout: Double = 3, maxBodyBytes: Int = 64 << 20, proxy: ProxySettings = .none) {
            self.connectTimeout = connectTimeout
            self.maxBodyBytes = maxBodyBytes
            self.proxy = proxy
        }

        public static func == (a: Options, b: Options) -> Bool {
            a.connectTimeout == b.connectTimeout && a.maxBodyBytes == b.maxBodyBytes && a.proxy == b.proxy
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(connectTimeout)
            hasher.combine(maxBodyBytes)
            hasher.combine(proxy.httpsProxy)
            hasher.combine(proxy.httpProxy)
            hasher.combine(proxy.noProxy)
        }
    }

    public let options: Options
    /// Connections per host: the largest run concurrency plus room for reads beside it.
    static let connectionsPerHost = RunOptions.concurrencyRange.upperBound + 16
    /// One client per proxy used (nil: direct), made on first use.
    private let clients = Locked<[ProxySettings.Server?: HTTPClient]>([:])
    private let closed = Locked(false)

    private init(options: Options) {
        self.options = options
    }

    private static let registry = Locked<[Options: AsyncHTTPTransport]>([:])

    /// The process's transport for `options`, made once.
    public static func shared(_ options: Options = Options()) -> AsyncHTTPTransport {
        registry.withLock { all in
            if let existing = all[options] { return existing }
            let made = AsyncHTTPTransport(options: options)
            all[options] = made
            return made
        }
    }

    /// Shuts every shared transport down (requests in flight fail as cancelled). Call before exit.
    public static func shutdownShared() async {
        let all = registry.withLock { all in
            defer { all.removeAll() }
            return Array(all.values)
        }
        for transport in all { await transport.shutdown() }
    }

    /// Closes this transport's connections; later requests fail as cancelled.
    public func shutdown() async {
        let toClose: [HTTPClient] = clients.withLock { clients in
            defer { clients.removeAll() }
            return Array(clients.values)
        }
        closed.withLock { $0 = true }
        for client in toClose { try? await client.shutdown() }
    }

    private func client(for url: URL) throws(ThingSpaceError) -> HTTPClient {
        let proxy = options.proxy.proxy(for: url)
        let connectTimeout = options.connectTimeout
        if closed.withLock({ $0 }) { throw .cancelled }
        return clients.withLock { clients in
            if let existing = clients[proxy] { return existing }
            var configuration = HTTPClient.Configuration(
                redirectConfiguration: .disallow,
                timeout: .init(connect: .milliseconds(Int64((connectTimeout * 1000).rounded(.up)))),
                proxy: proxy.map { server in
                    .server(host: server.host, port: server.port, authorization: server.user.map {
                        .basic(username: $0, password: server.password ?? "")
                    })
                },
                decompression: .disabled
            )
            configuration.connectionPool.retryConnectionEstablishment = false
            // One connection per request in flight: a request waiting for a pooled connection
            // longer than the connect timeout would fail, and runs send up to 64 batches at once.
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = AsyncHTTPTransport.connectionsPerHost
            configuration.httpVersion = .http1Only
            let made = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton),
                                  configuration: configuration)
            clients[proxy] = made
            return made
        }
    }

    public func send(_ request: HTTPRequest, timeout: Double) async throws(ThingSpaceError) -> HTTPResponse {
        let host = AsyncHTTPTransport.hostDescription(request.url)
        let client = try client(for: request.url)
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let deadline = NIODeadline.now() + .milliseconds(Int64((max(0.001, timeout) * 1000).rounded(.up)))
        let limit = options.maxBodyBytes
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > limit {
                throw ThingSpaceError.transport("\(host) sent a body of \(length) bytes; more than \(limit) refused")
            }
            let body = try await AsyncHTTPTransport.readBody(response.body, limit: limit, deadline: deadline,
                                                             on: client.eventLoopGroup.any())
            var headers: [String: String] = [:]
            for (name, value) in response.headers {
                let key = name.lowercased()
                headers[key] = headers[key].map { "\($0), \(value)" } ?? value
            }
            return HTTPResponse(status: Int(response.status.code), headers: headers, body: body)
        } catch {
            if Task.isCancelled { throw .cancelled }
            throw AsyncHTTPTransport.map(error, host: host, timeout: timeout, limit: limit,
                                         deadlinePassed: NIODeadline.now() >= deadline)
        }
    }

    /// The body, refused as soon as it passes `limit`, and cut off at `deadline` by cancelling the
    /// read from the event loop (no timer task per request).
    static func readBody(_ body: HTTPClientResponse.Body, limit: Int, deadline: NIODeadline,
                         on loop: any EventLoop) async throws -> Data {
        let reader = Task { try await body.collect(upTo: limit) }
        let timer = loop.scheduleTask(deadline: deadline) { reader.cancel() }
        defer { timer.cancel() }
        let buffer = try await withTaskCancellationHandler {
            try await reader.value
        } onCancel: {
            reader.cancel()
        }
        return Data(buffer.readableBytesView)
    }

    static func hostDescription(_ url: URL) -> String {
        guard let host = url.host else { return url.absoluteString }
        return url.port.map { "\(host):\($0)" } ?? host
    }
}
