import Foundation
import Testing
@testable import ThingSpaceSimulator

@Suite("OAuth token and UWS session")
struct AuthTests {
    @Test("the token endpoint returns the same token while it is valid, a new one after it expires")
    func tokenSameWhileValid() async throws {
        let clock = ManualSimulatorClock()
        try await withSimulator({ $0.faults.tokenLifetimeSeconds = 3 }, clock: clock) { simulator, client in
            let auth = client.basic(client.configuration.appKey, client.configuration.appSecret)
            let first = try await client.tokenRequest(authorization: auth)
            #expect(first.status == 200)
            #expect(first.headers["content-type"] == "application/json")
            let firstJSON = try first.json()
            let firstToken = try #require(firstJSON["access_token"] as? String)
            #expect(firstJSON["token_type"] as? String == "Bearer")
            #expect(firstJSON["scope"] is String)
            #expect(firstJSON["expires_in"] as? Int == 3)

            let second = try await client.tokenRequest(authorization: auth).json()
            #expect(second["access_token"] as? String == firstToken)
            #expect(second["expires_in"] as? Int == 3)

            // One second left: still the same token.
            clock.advance(by: .seconds(2))
            let third = try await client.tokenRequest(authorization: auth).json()
            #expect(third["access_token"] as? String == firstToken)
            #expect(third["expires_in"] as? Int == 1)

            // Lifetime over: a new token with a full lifetime.
            clock.advance(by: .seconds(1))
            let fourth = try await client.tokenRequest(authorization: auth).json()
            let fourthToken = try #require(fourth["access_token"] as? String)
            #expect(fourthToken != firstToken)
            #expect(fourth["expires_in"] as? Int == 3)

            let counters = await simulator.counters()
            #expect(counters.tokenRequests == 4)
            #expect(counters.tokenIssued == 2)
        }
    }

    @Test("remaining lifetime is reported on a re-request, in whole seconds rounded down")
    func remainingLifetime() async throws {
        let clock = ManualSimulatorClock()
        try await withSimulator(clock: clock) { _, client in
            let auth = client.basic(client.configuration.appKey, client.configuration.appSecret)
            let first = try await client.tokenRequest(authorization: auth).json()
            #expect(first["expires_in"] as? Int == 3600)
            clock.advance(by: .seconds(10))
            #expect(try await client.tokenRequest(authorization: auth).json()["expires_in"] as? Int == 3590)
            clock.advance(by: .milliseconds(400))
            #expect(try await client.tokenRequest(authorization: auth).json()["expires_in"] as? Int == 3589)
        }
    }

    @Test("a bearer works until its lifetime has passed, then gets 900903; the next token request mints a new one")
    func bearerExpiresWithTheClock() async throws {
        let clock = ManualSimulatorClock()
        try await withSimulator({ $0.faults.tokenLifetimeSeconds = 60 }, clock: clock) { simulator, client in
            let authed = try await client.authenticated()
            let path = "/api/fota/v1/licenses/\(client.account)/index/0"

            clock.advance(by: .milliseconds(59_999))
            #expect(try await authed.get(path).status == 200)

            clock.advance(by: .milliseconds(1))
            let expired = try await authed.get(path)
            #expect(expired.status == 401)
            #expect(try faultCode(expired) == "900903")
            // Still expired (not unknown) on the next use.
            #expect(try faultCode(try await authed.get(path)) == "900903")

            var renewed = authed
            renewed.bearer = try await client.token()
            #expect(renewed.bearer != authed.bearer)
            #expect(try await renewed.get(path).status == 200)
            #expect(await simulator.counters().tokenIssued == 2)
        }
    }

    @Test("token request faults: wrong key/secret, no Basic, bad grant_type")
    func tokenFaults() async throws {
        try await withSimulator { simulator, client in
            let wrong = try await client.tokenRequest(authorization: client.basic(client.configuration.appKey, "nope"))
            #expect(wrong.status == 401)
            #expect(try faultCode(wrong) == "900901")
            #expect((try wrong.json()["fault"] as? [String: Any])?["message"] as? String == "Invalid Credentials")

            let missing = try await client.tokenRequest(authorization: nil)
            #expect(missing.status == 401)
            #expect(try faultCode(missing) == "900902")

            let garbage = try await client.tokenRequest(authorization: "Basic !!!not-base64")
            #expect(garbage.status == 401)
            #expect(try faultCode(garbage) == "900901")

            let auth = client.basic(client.configuration.appKey, client.configuration.appSecret)
            let noGrant = try await client.tokenRequest(authorization: auth, form: "")
            #expect(noGrant.status == 400)
            #expect(try noGrant.json()["error"] as? String == "invalid_request")

            let otherGrant = try await client.tokenRequest(authorization: auth, form: "grant_type=password")
            #expect(otherGrant.status == 400)
            #expect(try otherGrant.json()["error"] as? String == "unsupported_grant_type")

            #expect(await simulator.counters().tokenIssued == 0)
        }
    }

    @Test("login needs a bearer; wrong passwords are counted and 5 in a row lock the user")
    func loginAndLockout() async throws {
        try await withSimulator { simulator, client in
            let token = try await client.token()
            let configuration = client.configuration

            let noBearer = try await client.loginRequest(bearer: nil, username: configuration.username, password: configuration.password)
            #expect(noBearer.status == 401)
            #expect(try faultCode(noBearer) == "900902")

            let badBearer = try await client.loginRequest(bearer: "not-a-token", username: configuration.username, password: configuration.password)
            #expect(badBearer.status == 401)
            #expect(try faultCode(badBearer) == "900901")

            let ok = try await client.loginRequest(bearer: token, username: configuration.username, password: configuration.password)
            #expect(ok.status == 200)
            #expect(try ok.json()["sessionToken"] is String)

            for _ in 0..<5 {
                let bad = try await client.loginRequest(bearer: token, username: configuration.username, password: "wrong")
                #expect(bad.status == 400)
                #expect(try errorCode(bad) == "UnifiedWebService.REQUEST_FAILED.InvalidCredentials")
            }
            let locked = try await client.loginRequest(bearer: token, username: configuration.username, password: configuration.password)
            #expect(locked.status == 400)
            #expect(try errorCode(locked) == "UnifiedWebService.REQUEST_FAILED.AccountLocked")

            let counters = await simulator.counters()
            #expect(counters.loginAttempts == 9)
            #expect(counters.loginFailures == 6)

            await simulator.unlockLogin()
            let again = try await client.loginRequest(bearer: token, username: configuration.username, password: configuration.password)
            #expect(again.status == 200)
        }
    }

    @Test("a success resets the consecutive failure count")
    func successResetsFailures() async throws {
        try await withSimulator { _, client in
            let token = try await client.token()
            let configuration = client.configuration
            for _ in 0..<4 {
                _ = try await client.loginRequest(bearer: token, username: configuration.username, password: "wrong")
            }
            #expect(try await client.loginRequest(bearer: token, username: configuration.username, password: configuration.password).status == 200)
            for _ in 0..<4 {
                _ = try await client.loginRequest(bearer: token, username: "someone", password: configuration.password)
            }
            #expect(try await client.loginRequest(bearer: token, username: configuration.username, password: configuration.password).status == 200)
        }
    }

    @Test("FOTA requests need a bearer: missing 900902, unknown 900901, expired 900903")
    func fotaBearer() async throws {
        try await withSimulator { simulator, client in
            let authed = try await client.authenticated()
            let path = "/api/fota/v1/licenses/\(client.account)/index/0"

            var noBearer = authed
            noBearer.bearer = nil
            let missing = try await noBearer.get(path)
            #expect(missing.status == 401)
            #expect(try faultCode(missing) == "900902")

            var wrongBearer = authed
            wrongBearer.bearer = "11111111-2222-3333-4444-555555555555"
            let invalid = try await wrongBearer.get(path)
            #expect(invalid.status == 401)
            #expect(try faultCode(invalid) == "900901")

            #expect(try await authed.get(path).status == 200)
            await simulator.expireToken()
            let expired = try await authed.get(path)
            #expect(expired.status == 401)
            #expect(try faultCode(expired) == "900903")

            // A new token works with the same session.
            var renewed = authed
            renewed.bearer = try await client.token()
            #expect(renewed.bearer != authed.bearer)
            #expect(try await renewed.get(path).status == 200)
        }
    }

    @Test("sessions: missing/unknown -> SessionToken.Invalid, expireSession and idle timeout -> SessionToken.Expired")
    func sessions() async throws {
        let clock = ManualSimulatorClock()
        try await withSimulator({ $0.faults.sessionIdleSeconds = 2 }, clock: clock) { simulator, client in
            let authed = try await client.authenticated()
            let path = "/api/fota/v1/devices/\(client.account)/index/0"

            var noSession = authed
            noSession.session = nil
            let missing = try await noSession.get(path)
            #expect(missing.status == 400)
            #expect(try errorCode(missing) == "UnifiedWebService.REQUEST_FAILED.SessionToken.Invalid")

            var unknown = authed
            unknown.session = "bcce3ea6-fe4f-4952-bacf-eadd80718e83"
            #expect(try errorCode(try await unknown.get(path)) == "UnifiedWebService.REQUEST_FAILED.SessionToken.Invalid")

            // Each use restarts the idle time: four uses 1.5 s apart keep the session past 2 s.
            let live = try await client.authenticated()
            for use in 1...4 {
                clock.advance(by: .milliseconds(1500))
                #expect(try await live.get(path).status == 200, "use \(use)")
            }
            // Exactly the idle time since the last use: still valid.
            clock.advance(by: .seconds(2))
            #expect(try await live.get(path).status == 200)
            // Longer than the idle time: expired.
            clock.advance(by: .milliseconds(2001))
            let idle = try await live.get(path)
            #expect(idle.status == 400)
            #expect(try errorCode(idle) == "UnifiedWebService.REQUEST_FAILED.SessionToken.Expired")
            #expect(try errorMessage(idle) == "The Session has expired.")
            #expect(try errorCode(try await live.get(path)) == "UnifiedWebService.REQUEST_FAILED.SessionToken.Expired")

            let fresh = try await client.authenticated()
            #expect(try await fresh.get(path).status == 200)
            await simulator.expireSession()
            let expired = try await fresh.get(path)
            #expect(expired.status == 400)
            #expect(try errorCode(expired) == "UnifiedWebService.REQUEST_FAILED.SessionToken.Expired")
            #expect(try errorMessage(expired) == "The Session has expired.")
        }
    }

    @Test("logout returns the invalidated token; it no longer works")
    func logout() async throws {
        try await withSimulator { simulator, client in
            let authed = try await client.authenticated()
            let session = try #require(authed.session)
            let reply = try await RawHTTP.send(client.base, "POST", "/api/m2m/v1/session/logout", headers: authed.authHeaders)
            #expect(reply.status == 200)
            #expect(try reply.json()["sessionToken"] as? String == session)
            #expect(await simulator.counters().logouts == 1)

            let after = try await authed.get("/api/fota/v1/licenses/\(client.account)/index/0")
            #expect(after.status == 400)
            #expect(try errorCode(after) == "UnifiedWebService.REQUEST_FAILED.SessionToken.Invalid")

            let twice = try await RawHTTP.send(client.base, "POST", "/api/m2m/v1/session/logout", headers: authed.authHeaders)
            #expect(twice.status == 400)
        }
    }
}
