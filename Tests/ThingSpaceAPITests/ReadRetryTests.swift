import TestSupport
import Foundation
import Testing
@testable import ThingSpaceAPI
import ThingSpaceSimulator

/// Reads under the one retry policy, against the simulator and hostile servers over loopback.
@Suite struct ReadRetryTests {
    /// Quick back-off so the tests wait milliseconds, not seconds (the policy is the same code).
    static let quick = RetryPolicy(maxAttempts: 30, initialBackoff: 0.005, maxBackoff: 0.02, maxRetryAfter: 0.02,
                                   lostReplyResends: 0)

    static func with(_ client: ThingSpaceClient, retry: RetryPolicy, timeout: Double? = nil) -> ThingSpaceClient {
        var configuration = client.configuration
        configuration.readRetry = retry
        if let timeout { configuration.timeout = timeout }
        return ThingSpaceClient(configuration: configuration)
    }

    @Test func theWholeDeviceListLoadsThrough429sAnd503s() async throws {
        try await withSimulator({ c in
            c.devices = 2000
            c.pageSize = 100
            c.faults.rateLimitRate = 0.25
            c.faults.serverErrorRate = 0.2
            c.seed = 7
        }) { sim, base in
            let client = Self.with(base, retry: Self.quick)
            let notices = Locked<[RetryNotice]>([])
            var ids: [String] = []
            for try await page in client.deviceListPages(onRetry: { n in notices.withLock { $0.append(n) } }) {
                ids += page.devices.map(\.deviceId)
            }
            #expect(ids == (await sim.allDeviceIds()), "every device once, in paging order: no page dropped or read twice")
            let counters = await sim.counters()
            let injected = counters.rateLimited + counters.serverErrors
            #expect(injected > 0, "the faults were injected")
            let seen = notices.withLock { $0 }
            #expect(seen.count == injected, "one retry notice per injected fault")
            #expect(seen.allSatisfy { $0.step.hasPrefix("device list page ") })
            #expect(seen.contains { $0.summary.contains("HTTP 429, retrying in") })
        }
    }

    @Test func countsAndTheLicenceSummaryAreRetriedToo() async throws {
        try await withSimulator({ c in
            c.devices = 600
            c.used = 450
            c.pageSize = 50
            c.faults.serverErrorRate = 0.3
            c.seed = 11
        }) { sim, base in
            let client = Self.with(base, retry: Self.quick)
            let all = try await client.licensedDevices()
            #expect(Set(all.devices.map(\.deviceId)) == (await sim.licensedDeviceIds()))
            #expect(all.devices.count == 450)
            #expect(try await client.licenseCounts().used == 450)
            #expect(await sim.counters().serverErrors > 0)
        }
    }

    @Test func pagingResumesAtTheCursorOfThePageThatFailed() async throws {
        try await withSimulator({ c in
            c.devices = 1000
            c.pageSize = 100
            c.faults.serverErrorRate = 0.35
            c.seed = 3
        }) { sim, base in
            // No retries: every failure reaches us, and calling next() again continues.
            let client = Self.with(base, retry: .never)
            var iterator = client.deviceListPages().makeAsyncIterator()
            var ids: [String] = []
            var failures = 0
            while failures < 500 {
                do {
                    guard let page = try await iterator.next() else { break }
                    ids += page.devices.map(\.deviceId)
                } catch {
                    failures += 1
                    let error = ThingSpaceError.wrap(error)
                    #expect(error.httpStatus == 500 || error.httpStatus == 503, "\(error)")
                    #expect(error.description.hasPrefix("reading the device list page "), "\(error.description)")
                }
            }
            #expect(failures > 0, "some pages failed")
            #expect(ids == (await sim.allDeviceIds()))

            // A new sequence from a saved cursor continues after it, numbering pages on.
            let all = await sim.allDeviceIds()
            var rest: [String] = []
            for try await page in Self.with(base, retry: Self.quick).deviceListPages(from: all[499], firstPageNumber: 6) {
                rest += page.devices.map(\.deviceId)
            }
            #expect(rest == Array(all[500...]))
        }
    }

    @Test func aDeadHostIsGivenUpAfterThreeConnectionFailures() async throws {
        let bound = try BoundPort()   // bound, not listening: refused, and no other test can take it
        defer { bound.close() }
        let port = bound.port
        let client = ThingSpaceClient(configuration: ClientConfiguration(
            baseURL: URL(string: "http://127.0.0.1:\(port)")!, account: "0242078689-00001",
            credentials: Credentials(appKey: "k", appSecret: "secret-1", username: "u", password: "pass-1",
                                     accessToken: "token-1", sessionToken: "session-1"),
            timeout: 30, readRetry: Self.quick))
        let notices = Locked<[RetryNotice]>([])
        do {
            _ = try await client.licenseCounts(onRetry: { n in notices.withLock { $0.append(n) } })
            Issue.record("a closed port answered")
        } catch {
            guard case .unreachable = error.underlying else { Issue.record("not unreachable: \(error)"); return }
            #expect(error.description == "reading the licence counts from 127.0.0.1:\(port): connection refused")
        }
        #expect(notices.withLock { $0.count } == deadHostFailures - 1, "two waits before the third failure")
    }

    @Test func aSilentServerIsNamedWithTheStepAndTheDeadline() async throws {
        let server = try CannedServer { r in
            if let ok = HostileServerTests.authOK(r) { return ok }
            Thread.sleep(forTimeInterval: 30)
            return .close
        }
        defer { server.stop() }
        let client = ThingSpaceClient(configuration: ClientConfiguration(
            baseURL: server.baseURL, account: "0242078689-00001",
            credentials: Credentials(appKey: "key", appSecret: "app-secret-123", username: "user", password: "password-456"),
            timeout: 2, readRetry: RetryPolicy(maxAttempts: 2, initialBackoff: 0.01, maxBackoff: 0.01)))
        do {
            _ = try await client.licenseCounts()
            Issue.record("a silent server answered")
        } catch {
            #expect(error.underlying == .timeout(seconds: 2))
            #expect(error.description == "reading the licence counts from \(server.baseURL.host!):\(server.port): no answer within 2 s")
        }
        #expect(server.requests.filter { $0.path.contains("/fota/") }.count == 2, "tried twice, as the policy says")
    }
}
