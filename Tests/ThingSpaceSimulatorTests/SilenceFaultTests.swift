import Foundation
import Testing
@testable import ThingSpaceSimulator

/// Answers lost after the batch was applied, batches applied and never answered, a silent
/// server, and a server that dies: over raw sockets, so nothing retries behind the test's back.
@Suite("faults: lost answers, hangs, silence, death")
struct SilenceFaultTests {
    @Test("a lost answer: the batch is applied, then the connection closes without a response")
    func loseAnswer() async throws {
        try await withSimulator({ $0.faults.loseAnswerEvery = 2 }) { simulator, client in
            let authed = try await client.authenticated()
            let licensed = await simulator.licensedDeviceIds()
            let free = await simulator.allDeviceIds().filter { !licensed.contains($0) }
            #expect(try await authed.assign([free[0]]).status == 200)
            await #expect(throws: RawHTTPError.closedWithoutResponse) {
                _ = try await authed.assign([free[1]])
            }
            let counters = await simulator.counters()
            #expect(counters.answersLost == 1)
            #expect(counters.batchRequests[free[1]] == 1)
            #expect(await simulator.licensedDeviceIds().contains(free[1]), "applied although unanswered")
            // Sent again: the licence preexists.
            let again = try await authed.assign([free[1]])
            #expect(again.status == 200 && again.text.contains("preexist"), "\(again.text)")
            #expect(await simulator.counters().batchRequests[free[1]] == 2)
        }
    }

    @Test("hang after apply: applied, never answered until the server stops")
    func hangAfterApply() async throws {
        let simulator = ThingSpaceSimulator(configuration: testConfiguration { $0.faults.hangAfterApplyEvery = 1 })
        let url = try await simulator.start()
        let client = try await SimClient(base: url, configuration: simulator.configuration).authenticated()
        let licensed = await simulator.licensedDeviceIds()
        let device = try #require(await simulator.allDeviceIds().first { !licensed.contains($0) })
        let request = Task { try await client.assign([device]) }
        try await waitUntil("the batch to be applied") { await simulator.licensedDeviceIds().contains(device) }
        #expect(await simulator.counters().hungAfterApply == 1)
        await simulator.stop()
        await #expect(throws: RawHTTPError.closedWithoutResponse) { _ = try await request.value }
    }

    @Test("silent: every request is accepted and never answered; stop ends them")
    func silent() async throws {
        let simulator = ThingSpaceSimulator(configuration: testConfiguration { $0.faults.silent = true })
        let url = try await simulator.start()
        let client = SimClient(base: url, configuration: simulator.configuration)
        let token = Task { try await client.tokenRequest(authorization: client.basic(client.configuration.appKey, client.configuration.appSecret)) }
        try await waitUntil("the token request to reach the silent server") { await simulator.counters().silentRequests == 1 }
        #expect(await simulator.counters().tokenIssued == 0)
        await simulator.stop()
        await #expect(throws: RawHTTPError.closedWithoutResponse) { _ = try await token.value }
    }

    @Test("kill: held requests are never applied nor answered, and the port is refused")
    func kill() async throws {
        let simulator = ThingSpaceSimulator(configuration: testConfiguration { $0.faults.holdBatches = true })
        let url = try await simulator.start()
        let client = try await SimClient(base: url, configuration: simulator.configuration).authenticated()
        let licensed = await simulator.licensedDeviceIds()
        let device = try #require(await simulator.allDeviceIds().first { !licensed.contains($0) })
        let request = Task { try await client.assign([device]) }
        try await waitUntil("the batch to be held") { await simulator.heldBatchCount() == 1 }
        await simulator.kill()
        await #expect(throws: RawHTTPError.closedWithoutResponse) { _ = try await request.value }
        #expect(!(await simulator.licensedDeviceIds()).contains(device), "a dead server applies nothing")
        try await waitUntil("the port to be refused") { !(await RawHTTP.canConnect(url)) }
    }

    /// Polls `condition` every 10 ms; records an issue naming `what` and throws after `seconds`
    /// (a bound for a hang on a loaded machine, not a speed check).
    private func waitUntil(_ what: String, within seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation,
                           _ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !(await condition()) {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out after \(seconds) s waiting for \(what)", sourceLocation: sourceLocation)
                throw CancellationError()
            }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
    }
}
