import TestSupport
import Foundation
import Testing
@testable import ThingSpaceAPI

/// The AsyncHTTPClient transport against real sockets on loopback: how each way a request can
/// fail is reported, the body cap, and the proxy choice.
@Suite struct TransportTests {
    static func request(_ url: URL, _ path: String = "/x") -> HTTPRequest {
        HTTPRequest(method: "GET", url: url.appendingPathComponent(path))
    }

    @Test func refusedConnectionIsUnreachable() async throws {
        let bound = try BoundPort()   // bound, not listening: refused, and no other test can take it
        defer { bound.close() }
        let port = bound.port
        let url = URL(string: "http://127.0.0.1:\(port)")!
        do {
            _ = try await AsyncHTTPTransport.shared().send(Self.request(url), timeout: 30)
            Issue.record("a closed port answered")
        } catch {
            guard case .unreachable(let host, let detail) = error else { Issue.record("not unreachable: \(error)"); return }
            #expect(host == "127.0.0.1:\(port)")
            #expect(detail.contains("refused"), "\(detail)")
            #expect(error.isConnectionLevel)
            #expect(!error.isLostReply)
        }
    }

    @Test func connectionClosedAfterTheRequestIsNoAnswer() async throws {
        let server = try CannedServer { _ in .close }
        defer { server.stop() }
        do {
            _ = try await AsyncHTTPTransport.shared().send(Self.request(server.baseURL), timeout: 30)
            Issue.record("a closed connection answered")
        } catch {
            guard case .noAnswer = error else { Issue.record("not noAnswer: \(error)"); return }
            #expect(error.isLostReply)
            #expect(error.isConnectionLevel)
        }
        // The HTTP layer never re-sends a request by itself.
        #expect(server.requests.count == 1)
    }

    @Test func silentServerHitsTheDeadline() async throws {
        let server = try CannedServer { _ in
            Thread.sleep(forTimeInterval: 30)
            return .close
        }
        defer { server.stop() }
        // 2 s, not less: on a loaded machine the connection itself can take a while.
        await #expect(throws: ThingSpaceError.timeout(seconds: 2)) {
            _ = try await AsyncHTTPTransport.shared().send(Self.request(server.baseURL), timeout: 2)
        }
        #expect(server.requests.count == 1)
    }

    @Test func bodyOverTheCapIsRefused() async throws {
        let server = try CannedServer { _ in .response(status: 200, headers: [:], body: String(repeating: "x", count: 8192)) }
        defer { server.stop() }
        let small = AsyncHTTPTransport.shared(.init(maxBodyBytes: 1024))
        do {
            _ = try await small.send(Self.request(server.baseURL), timeout: 30)
            Issue.record("an 8 KiB body passed a 1 KiB cap")
        } catch {
            guard case .transport(let what) = error else { Issue.record("not a transport error: \(error)"); return }
            #expect(what.contains("1024"), "\(what)")
        }
        let roomy = try await AsyncHTTPTransport.shared(.init(maxBodyBytes: 16384)).send(Self.request(server.baseURL), timeout: 30)
        #expect(roomy.body.count == 8192)
        #expect(roomy.status == 200)
    }

    @Test func requestsGoThroughTheProxyExceptToLoopback() async throws {
        let proxy = try CannedServer { _ in .close }
        defer { proxy.stop() }
        let target = try CannedServer { _ in .response(status: 204, headers: [:], body: "") }
        defer { target.stop() }
        let settings = try ProxySettings.fromEnvironment(["http_proxy": "http://127.0.0.1:\(proxy.port)"])
        let transport = AsyncHTTPTransport.shared(.init(proxy: settings))

        // Loopback: direct, the proxy sees nothing.
        let direct = try await transport.send(Self.request(target.baseURL), timeout: 30)
        #expect(direct.status == 204)
        #expect(proxy.requests.isEmpty)

        // Another host: through the proxy (which hangs up, so the request fails).
        let remote = URL(string: "http://thingspace.invalid:8080")!
        await #expect(throws: ThingSpaceError.self) {
            _ = try await transport.send(Self.request(remote), timeout: 30)
        }
        let seen = try #require(proxy.requests.first, "the proxy saw no request")
        #expect(seen.path.contains("thingspace.invalid:8080"), "\(seen.method) \(seen.path)")
    }
}

/// Runs send up to 64 batches at once: each needs its own connection at the same time.
@Suite struct ConnectionPoolTests {
    @Test func thirtyRequestsAreOnTheWireAtOnce() async throws {
        try await withSimulator({ $0.devices = 600; $0.used = 0; $0.faults.holdBatches = true }) { sim, client in
            let ids = await sim.allDeviceIds()
            let batches = stride(from: 0, to: 600, by: 20).map { Array(ids[$0..<$0 + 20]) }
            try await withThrowingTaskGroup(of: Int.self) { group in
                for batch in batches {
                    group.addTask { try await client.send(.assign, deviceIds: batch).devices.count }
                }
                // All 30 reach the server together (a pool of 8 connections would hold 22 back,
                // and those would fail after the connect timeout).
                try await waitUntil("30 assign requests held by the simulator at once") { await sim.heldBatchCount() == 30 }
                await sim.releaseAllBatches()
                #expect(try await group.reduce(0, +) == 600)
            }
            #expect(await sim.licensedDeviceIds().count == 600)
        }
    }
}

/// The proxy variables as curl reads them.
@Suite struct ProxySettingsTests {
    @Test func choosesTheProxyByScheme() throws {
        let s = try ProxySettings.fromEnvironment([
            "https_proxy": "http://user:p%40ss@proxy.corp:3128", "http_proxy": "proxy.corp:8080",
        ])
        let https = try #require(s.proxy(for: URL(string: "https://thingspace.verizon.com")!))
        #expect(https == ProxySettings.Server(host: "proxy.corp", port: 3128, user: "user", password: "p@ss"))
        #expect(https.description == "proxy.corp:3128")
        #expect(s.proxy(for: URL(string: "http://example.com")!)?.port == 8080)
    }

    @Test func upperCaseHTTPProxyIsIgnoredButHTTPSProxyIsRead() throws {
        let s = try ProxySettings.fromEnvironment(["HTTP_PROXY": "evil:1", "HTTPS_PROXY": "proxy:3128"])
        #expect(s.proxy(for: URL(string: "http://example.com")!) == nil)
        #expect(s.proxy(for: URL(string: "https://example.com")!)?.host == "proxy")
    }

    @Test func noProxyMatchesHostSuffixesAndStar() throws {
        let env = ["https_proxy": "proxy:3128", "no_proxy": " .internal, verizon.com ,other:443"]
        let s = try ProxySettings.fromEnvironment(env)
        #expect(s.proxy(for: URL(string: "https://thingspace.verizon.com")!) == nil)
        #expect(s.proxy(for: URL(string: "https://verizon.com")!) == nil)
        #expect(s.proxy(for: URL(string: "https://a.b.internal")!) == nil)
        #expect(s.proxy(for: URL(string: "https://other")!) == nil)
        #expect(s.proxy(for: URL(string: "https://notverizon.com")!) != nil)
        let all = try ProxySettings.fromEnvironment(["https_proxy": "proxy:3128", "NO_PROXY": "*"])
        #expect(all.proxy(for: URL(string: "https://thingspace.verizon.com")!) == nil)
    }

    @Test func loopbackIsNeverProxied() throws {
        let s = try ProxySettings.fromEnvironment(["http_proxy": "proxy:8080", "https_proxy": "proxy:3128"])
        for url in ["http://127.0.0.1:8080", "http://localhost", "https://[::1]:9"] {
            #expect(s.proxy(for: URL(string: url)!) == nil, "\(url)")
        }
    }

    @Test func malformedProxyNamesTheVariable() {
        #expect(throws: ThingSpaceError.invalidInput("https_proxy: only http proxies are supported, not socks5://")) {
            _ = try ProxySettings.fromEnvironment(["https_proxy": "socks5://proxy:1080"])
        }
        #expect(throws: ThingSpaceError.self) { _ = try ProxySettings.fromEnvironment(["http_proxy": "http://:80"]) }
    }
}
