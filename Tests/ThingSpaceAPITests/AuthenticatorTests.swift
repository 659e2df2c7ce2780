import Foundation
import Testing
@testable import ThingSpaceAPI
import ThingSpaceSimulator

/// The authenticator against the simulator over loopback: renewals are single-flight (counted at
/// the simulator), failures reach every waiter, and early renewal follows the injected clock.
@Suite struct AuthenticatorTests {
    typealias Outcome = Result<String, ThingSpaceError>

    /// Starts `count` concurrent `call`s, waits until all of them wait for one renewal (`waiting`),
    /// then opens `gate` and returns every call's outcome. The gate is opened even when the wait
    /// times out, so no request stays held.
    func lineUp(
        _ count: Int, behind gate: Gate, waiting: @escaping @Sendable () async -> Int,
        _ call: @escaping @Sendable () async throws(ThingSpaceError) -> String
    ) async throws -> [Outcome] {
        let tasks = (0..<count).map { _ in
            Task { () async -> Outcome in
                do throws(ThingSpaceError) { return .success(try await call()) } catch { return .failure(error) }
            }
        }
        var timedOut: (any Error)?
        do {
            try await waitUntil("\(count) callers waiting for one renewal") { await waiting() == count }
        } catch {
            timedOut = error
        }
        await gate.open()
        var outcomes: [Outcome] = []
        for task in tasks { outcomes.append(await task.value) }
        if let timedOut { throw timedOut }
        return outcomes
    }

    func values(_ outcomes: [Outcome]) -> [String] {
        outcomes.compactMap { if case .success(let value) = $0 { value } else { nil } }
    }

    func errors(_ outcomes: [Outcome]) -> [ThingSpaceError] {
        outcomes.compactMap { if case .failure(let error) = $0 { error } else { nil } }
    }

    @Test func concurrentCallersShareOneTokenRequest() async throws {
        let gate = Gate(open: false)
        try await withAuthSimulator(transport: GatedTransport(gate: gate, pathSuffix: "/oauth2/token")) { sim, client in
            let auth = client.authenticator
            let outcomes = try await lineUp(8, behind: gate, waiting: { await auth.renewalWaiters().token }) {
                () async throws(ThingSpaceError) -> String in try await auth.bearer()
            }
            let tokens = values(outcomes)
            #expect(tokens.count == 8, "\(errors(outcomes))")
            #expect(Set(tokens).count == 1)
            #expect(await sim.counters().tokenRequests == 1)
            #expect(await auth.tokenRequests == 1)
            #expect(await gate.arrivals == 1)
        }
    }

    @Test func concurrentCallersShareOneLogin() async throws {
        let gate = Gate(open: false)
        try await withAuthSimulator(transport: GatedTransport(gate: gate, pathSuffix: "/session/login")) { sim, client in
            let auth = client.authenticator
            let outcomes = try await lineUp(8, behind: gate, waiting: { await auth.renewalWaiters().session }) {
                () async throws(ThingSpaceError) -> String in try await auth.sessionToken()
            }
            let sessions = values(outcomes)
            #expect(sessions.count == 8, "\(errors(outcomes))")
            #expect(Set(sessions).count == 1)
            let counters = await sim.counters()
            #expect(counters.loginAttempts == 1)
            #expect(counters.tokenRequests == 1)
        }
    }

    @Test func expiredTokenIsRenewedOnceForEveryRequestThatSawIt() async throws {
        let gate = Gate(open: true)
        try await withAuthSimulator(transport: GatedTransport(gate: gate, pathSuffix: "/oauth2/token")) { sim, client in
            let auth = client.authenticator
            _ = try await client.licenseCounts()
            await sim.expireToken()
            await gate.close()
            let outcomes = try await lineUp(8, behind: gate, waiting: { await auth.renewalWaiters().token }) {
                () async throws(ThingSpaceError) -> String in String(try await client.licenseCounts().used)
            }
            #expect(values(outcomes).count == 8, "\(errors(outcomes))")
            let counters = await sim.counters()
            #expect(counters.tokenRequests == 2)
            #expect(counters.tokenIssued == 2)
            #expect(counters.loginAttempts == 1)
        }
    }

    @Test func expiredSessionIsRenewedOnceForEveryRequestThatSawIt() async throws {
        let gate = Gate(open: true)
        try await withAuthSimulator(transport: GatedTransport(gate: gate, pathSuffix: "/session/login")) { sim, client in
            let auth = client.authenticator
            _ = try await client.licenseCounts()
            await sim.expireSession()
            await gate.close()
            let outcomes = try await lineUp(8, behind: gate, waiting: { await auth.renewalWaiters().session }) {
                () async throws(ThingSpaceError) -> String in String(try await client.licenseCounts().used)
            }
            #expect(values(outcomes).count == 8, "\(errors(outcomes))")
            let counters = await sim.counters()
            #expect(counters.loginAttempts == 2)
            #expect(counters.tokenRequests == 1)
        }
    }

    @Test func failedTokenRequestReachesEveryWaiterAndTheNextCallTriesAgain() async throws {
        let gate = Gate(open: false)
        try await withAuthSimulator(
            credentials: { c in Credentials(appKey: c.appKey, appSecret: "wrong-secret", username: c.username, password: Secret(c.password)) },
            transport: GatedTransport(gate: gate, pathSuffix: "/oauth2/token")
        ) { sim, client in
            let auth = client.authenticator
            let outcomes = try await lineUp(6, behind: gate, waiting: { await auth.renewalWaiters().token }) {
                () async throws(ThingSpaceError) -> String in try await auth.bearer()
            }
            let failures = errors(outcomes)
            #expect(failures.count == 6)
            #expect(failures.allSatisfy { $0.isAuthentication && $0.description.contains("API token") })
            #expect(Set(failures.map(\.description)).count == 1)
            #expect(await sim.counters().tokenRequests == 1)

            await #expect(throws: ThingSpaceError.self) { _ = try await auth.bearer() }
            #expect(await sim.counters().tokenRequests == 2)
            #expect(await auth.tokenRequests == 2)
        }
    }

    @Test func failedLoginReachesEveryWaiterAndIsRememberedUntilReset() async throws {
        let gate = Gate(open: false)
        try await withAuthSimulator(
            credentials: { c in Credentials(appKey: c.appKey, appSecret: Secret(c.appSecret), username: c.username, password: "wrong-password") },
            transport: GatedTransport(gate: gate, pathSuffix: "/session/login")
        ) { sim, client in
            let auth = client.authenticator
            let outcomes = try await lineUp(6, behind: gate, waiting: { await auth.renewalWaiters().session }) {
                () async throws(ThingSpaceError) -> String in try await auth.sessionToken()
            }
            let failures = errors(outcomes)
            #expect(failures.count == 6)
            #expect(failures.allSatisfy { $0.isAuthentication && $0.description.contains("session login") })
            #expect(await sim.counters().loginAttempts == 1)

            // Remembered: the next call fails without a request (five failures lock the account).
            await #expect(throws: ThingSpaceError.self) { _ = try await auth.sessionToken() }
            #expect(await sim.counters().loginAttempts == 1)

            await auth.resetLoginFailure()
            await #expect(throws: ThingSpaceError.self) { _ = try await auth.sessionToken() }
            #expect(await sim.counters().loginAttempts == 2)
        }
    }

    @Test func tokenIsRenewedEarlyByTheInjectedClockAndNotBefore() async throws {
        let manual = ManualSimulatorClock()
        try await withAuthSimulator(clock: ManualAuthClock(manual: manual)) { sim, client in
            let auth = client.authenticator
            let margin = Authenticator.earlyRenewal
            #expect(margin == .seconds(60))
            let first = try await auth.bearer()
            #expect(await sim.counters().tokenRequests == 1)

            // The simulator's token lives 3600 s; just before 3600 s - margin the cached one is used.
            manual.advance(by: .seconds(3600) - margin - .milliseconds(1))
            #expect(try await auth.bearer() == first)
            #expect(await sim.counters().tokenRequests == 1)

            // From expiry - margin on, it is renewed, once: the renewed token is cached again.
            manual.advance(by: .milliseconds(1))
            _ = try await auth.bearer()
            #expect(await sim.counters().tokenRequests == 2)
            _ = try await auth.bearer()
            #expect(await sim.counters().tokenRequests == 2)
            #expect(await auth.tokenRequests == 2)
        }
    }

    @Test func readyMadeTokenIsNeverRenewedEarly() async throws {
        let manual = ManualSimulatorClock()
        try await withAuthSimulator { sim, client in
            let bearer = try await client.authenticator.bearer()
            let ready = ThingSpaceClient(
                configuration: ClientConfiguration(baseURL: client.configuration.baseURL, account: client.account,
                                                   credentials: Credentials(accessToken: Secret(bearer), sessionToken: "unused")),
                clock: ManualAuthClock(manual: manual))
            manual.advance(by: .seconds(30 * 86_400))
            #expect(try await ready.authenticator.bearer() == bearer)
            #expect(await ready.authenticator.tokenRequests == 0)
            #expect(await sim.counters().tokenRequests == 1)
        }
    }

    /// A gateway that hands back the same token with its remaining lifetime (under the early
    /// renewal margin) is asked again only halfway through that time, not on every call.
    @Test func aShortLivedTokenIsNotRefetchedOnEveryCall() async throws {
        let tokens = Locked(0)
        let server = try CannedServer { r in
            if r.path.hasSuffix("/oauth2/token") {
                tokens.withLock { $0 += 1 }
                return .response(status: 200, headers: [:], body: #"{"access_token":"same-token","token_type":"Bearer","expires_in":40}"#)
            }
            return .response(status: 200, headers: [:], body: #"{"sessionToken":"sess-1"}"#)
        }
        defer { server.stop() }
        let manual = ManualSimulatorClock()
        let client = ThingSpaceClient(
            configuration: ClientConfiguration(baseURL: server.baseURL, account: "0242078689-00001",
                                               credentials: Credentials(appKey: "key", appSecret: "app-secret-123")),
            clock: ManualAuthClock(manual: manual))
        for _ in 0..<5 { #expect(try await client.authenticator.bearer() == "same-token") }
        #expect(tokens.withLock { $0 } == 1, "40 s left: used, not fetched again on every call")
        manual.advance(by: .seconds(19))
        _ = try await client.authenticator.bearer()
        #expect(tokens.withLock { $0 } == 1)
        manual.advance(by: .seconds(1))   // halfway through its 40 s
        _ = try await client.authenticator.bearer()
        _ = try await client.authenticator.bearer()
        #expect(tokens.withLock { $0 } == 2, "renewed once, halfway")
    }
}
