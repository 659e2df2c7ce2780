import Foundation
import Testing
@testable import ThingSpaceAPI

/// The client against a server that misbehaves, over a real loopback socket.
@Suite struct HostileServerTests {
    static let account = "0242078689-00001"

    func client(_ server: CannedServer, timeout: Double = 5) -> ThingSpaceClient {
        ThingSpaceClient(configuration: ClientConfiguration(
            baseURL: server.baseURL, account: Self.account,
            credentials: Credentials(appKey: "key", appSecret: "app-secret-123", username: "user", password: "password-456"),
            timeout: timeout, readRetry: .never))   // each test sees the first failure (ReadRetryTests: retries)
    }

    static func authOK(_ r: CannedServer.Request) -> CannedServer.Reply? {
        if r.path.hasSuffix("/oauth2/token") {
            return .response(status: 200, headers: [:], body: #"{"access_token":"tok-1","token_type":"Bearer","expires_in":3600}"#)
        }
        if r.path.hasSuffix("/session/login") {
            return .response(status: 200, headers: [:], body: #"{"sessionToken":"sess-1"}"#)
        }
        return nil
    }

    @Test func garbledJSONNamesTheProblem() async throws {
        let server = try CannedServer { r in
            Self.authOK(r) ?? .response(status: 200, headers: [:], body: #"{"accountName":"0242078689-00001","licCount":"many""#)
        }
        defer { server.stop() }
        await #expect(throws: ThingSpaceError.decoding(what: "the licence response", detail: "the body is not valid JSON")) {
            _ = try await client(server).send(.assign, deviceIds: ["352099001761481"])
        }
    }

    @Test func wrongTypeNamesTheField() async throws {
        let server = try CannedServer { r in
            Self.authOK(r) ?? .response(status: 200, headers: [:],
                                        body: #"{"accountName":"0242078689-00001","totalLicenses":"9000","assignedLicenses":1,"hasMoreData":false,"deviceList":[]}"#)
        }
        defer { server.stop() }
        do {
            _ = try await client(server).licenseCounts()
            Issue.record("decoded a string licence total")
        } catch {
            #expect(error.description.contains("totalLicenses"))
        }
    }

    @Test func everyFOTARequestCarriesBothTokensAndJSON() async throws {
        let server = try CannedServer { r in
            Self.authOK(r) ?? .response(status: 200, headers: [:],
                                        body: #"{"accountName":"0242078689-00001","licCount":10,"licUsedCount":1,"deviceList":[{"deviceId":"352099001761481","status":"LicenseAssignSuccess","Reason":"Success"}]}"#)
        }
        defer { server.stop() }
        let r = try await client(server).send(.assign, deviceIds: ["352099001761481"])
        #expect(r.counts == LicenseCounts(total: 10, used: 1))
        let fota = try #require(server.requests.last)
        #expect(fota.path == "/api/fota/v1/licenses/0242078689-00001/assign")
        #expect(fota.headers["authorization"] == "Bearer tok-1")
        #expect(fota.headers["vz-m2m-token"] == "sess-1")
        #expect(fota.headers["content-type"] == "application/json")
        #expect(String(decoding: fota.body, as: UTF8.self) == #"{"deviceList":["352099001761481"]}"#)
        let token = try #require(server.requests.first)
        #expect(token.headers["authorization"] == "Basic " + Data("key:app-secret-123".utf8).base64EncodedString())
        #expect(String(decoding: token.body, as: UTF8.self) == "grant_type=client_credentials")
    }

    @Test func droppedConnectionIsATransportError() async throws {
        let server = try CannedServer { r in Self.authOK(r) ?? .close }
        defer { server.stop() }
        do {
            _ = try await client(server).licenseCounts()
            Issue.record("no error")
        } catch {
            #expect(error.isTransient, "\(error)")
        }
    }

    @Test func slowServerHitsOurDeadline() async throws {
        let server = try CannedServer { r in
            if let ok = Self.authOK(r) { return ok }
            Thread.sleep(forTimeInterval: 30)
            return .response(status: 200, headers: [:], body: "{}")
        }
        defer { server.stop() }
        // The server would answer `{}` after 30 s, which decodes to an error, not a timeout: the
        // timeout error itself proves our own deadline fired first (no clock is read here, so a
        // loaded machine cannot make this fail).
        do {
            _ = try await client(server, timeout: 0.5).licenseCounts()
            Issue.record("the slow server's answer came first")
        } catch {
            #expect(error.underlying == .timeout(seconds: 0.5), "\(error)")
        }
    }

    @Test func retryAfterIsReadFrom429() async throws {
        let server = try CannedServer { r in
            Self.authOK(r) ?? .response(status: 429, headers: ["Retry-After": "7"],
                                        body: #"{"fault":{"code":"900800","message":"Message throttled out","description":"slow down"}}"#)
        }
        defer { server.stop() }
        do {
            _ = try await client(server).send(.assign, deviceIds: ["352099001761481"])
            Issue.record("no error")
        } catch {
            #expect(error.retryAfterSeconds == 7)
            #expect(error.httpStatus == 429)
            #expect(error.code == "900800")
        }
    }

    @Test func cursorThatRepeatsStopsPaging() async throws {
        let server = try CannedServer { r in
            Self.authOK(r) ?? .response(status: 200, headers: [:],
                                        body: #"{"accountName":"0242078689-00001","hasMoreData":true,"lastSeenDeviceId":352099001761481,"deviceList":[]}"#)
        }
        defer { server.stop() }
        var pages = 0
        do {
            for try await _ in client(server).deviceListPages() { pages += 1 }
            Issue.record("paging did not stop")
        } catch {
            #expect(error.description.contains("repeats"))
        }
        #expect(pages == 1)
    }

    @Test func secretsNeverAppearInErrors() async throws {
        let server = try CannedServer { r in
            .response(status: 401, headers: [:],
                      body: #"{"fault":{"code":"900901","message":"Invalid Credentials for app-secret-123","description":"password-456"}}"#)
        }
        defer { server.stop() }
        do {
            _ = try await client(server).licenseCounts()
            Issue.record("no error")
        } catch {
            #expect(error.isAuthentication)
            #expect(!error.description.contains("app-secret-123"))
            #expect(!error.description.contains("password-456"))
        }
    }
}
