import Foundation
import Testing
@testable import ThingSpaceSimulator

/// A small configuration that starts fast; tests adjust what they need.
func testConfiguration(_ adjust: (inout SimulatorConfiguration) -> Void = { _ in }) -> SimulatorConfiguration {
    var configuration = SimulatorConfiguration()
    configuration.devices = 200
    configuration.licenses = 150
    configuration.used = 50
    configuration.pageSize = 1000
    adjust(&configuration)
    return configuration
}

/// Starts a simulator on a free loopback port, runs `body`, and always stops it. `clock` is the
/// simulator's clock (the real one unless a test passes a `ManualSimulatorClock`).
func withSimulator(
    _ adjust: (inout SimulatorConfiguration) -> Void = { _ in },
    clock: any SimulatorClock = SystemSimulatorClock(),
    _ body: (ThingSpaceSimulator, SimClient) async throws -> Void
) async throws {
    let simulator = ThingSpaceSimulator(configuration: testConfiguration(adjust), clock: clock)
    let url = try await simulator.start()
    do {
        try await body(simulator, SimClient(base: url, configuration: simulator.configuration))
    } catch {
        await simulator.stop()
        throw error
    }
    await simulator.stop()
}

/// Speaks the ThingSpace wire contract by hand (literal paths, headers and field names).
struct SimClient: Sendable {
    var base: URL
    var configuration: SimulatorConfiguration
    var bearer: String?
    var session: String?

    var account: String { configuration.account }

    func basic(_ key: String, _ secret: String) -> String {
        "Basic " + Data("\(key):\(secret)".utf8).base64EncodedString()
    }

    func tokenRequest(authorization: String?, form: String = "grant_type=client_credentials") async throws -> HTTPReply {
        var headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")]
        if let authorization { headers.append(("Authorization", authorization)) }
        return try await RawHTTP.send(base, "POST", "/api/ts/v1/oauth2/token", headers: headers, body: Data(form.utf8))
    }

    func token() async throws -> String {
        let reply = try await tokenRequest(authorization: basic(configuration.appKey, configuration.appSecret))
        #expect(reply.status == 200, "\(reply.text)")
        return try #require(try reply.json()["access_token"] as? String)
    }

    func loginRequest(bearer: String?, username: String, password: String) async throws -> HTTPReply {
        var headers = [("Content-Type", "application/json")]
        if let bearer { headers.append(("Authorization", "Bearer \(bearer)")) }
        let body = try JSONSerialization.data(withJSONObject: ["username": username, "password": password])
        return try await RawHTTP.send(base, "POST", "/api/m2m/v1/session/login", headers: headers, body: body)
    }

    /// A client with a fresh bearer token and session.
    func authenticated() async throws -> SimClient {
        let token = try await token()
        let reply = try await loginRequest(bearer: token, username: configuration.username, password: configuration.password)
        #expect(reply.status == 200, "\(reply.text)")
        var client = self
        client.bearer = token
        client.session = try #require(try reply.json()["sessionToken"] as? String)
        return client
    }

    var authHeaders: [(String, String)] {
        var headers = [("Accept", "application/json")]
        if let bearer { headers.append(("Authorization", "Bearer \(bearer)")) }
        if let session { headers.append(("VZ-M2M-Token", session)) }
        return headers
    }

    func get(_ path: String) async throws -> HTTPReply {
        try await RawHTTP.send(base, "GET", path, headers: authHeaders)
    }

    func post(_ path: String, rawBody: String) async throws -> HTTPReply {
        try await RawHTTP.send(base, "POST", path, headers: authHeaders + [("Content-Type", "application/json")], body: Data(rawBody.utf8))
    }

    func batch(_ operation: String, _ ids: [String]) async throws -> HTTPReply {
        let body = try JSONSerialization.data(withJSONObject: ["deviceList": ids])
        return try await post("/api/fota/v1/licenses/\(account)/\(operation)", rawBody: String(decoding: body, as: UTF8.self))
    }

    func assign(_ ids: [String]) async throws -> HTTPReply { try await batch("assign", ids) }
    func remove(_ ids: [String]) async throws -> HTTPReply { try await batch("remove", ids) }
}

/// `deviceList[]` of an assign/remove reply as (status, Reason) by deviceId.
func outcomes(_ reply: HTTPReply) throws -> [String: (status: String, reason: String)] {
    let list = try #require(try reply.json()["deviceList"] as? [[String: Any]])
    var result: [String: (status: String, reason: String)] = [:]
    for entry in list {
        let id = try #require(entry["deviceId"] as? String)
        result[id] = (try #require(entry["status"] as? String), try #require(entry["Reason"] as? String))
    }
    return result
}

func faultCode(_ reply: HTTPReply) throws -> String? {
    (try reply.json()["fault"] as? [String: Any])?["code"] as? String
}

func errorCode(_ reply: HTTPReply) throws -> String? {
    try reply.json()["errorCode"] as? String
}

func errorMessage(_ reply: HTTPReply) throws -> String? {
    try reply.json()["errorMessage"] as? String
}

/// Polls `condition` until true or the deadline passes.
func eventually(timeout: Duration = .seconds(10), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}

/// A 15-digit IMEI with a valid check digit that the generator never produces (TAC 01234567).
func foreignIMEI(_ serial: UInt64 = 123_456) -> String {
    IMEICheck.string(IMEICheck.imei(body: 01_234_567 * 1_000_000 + serial))
}
