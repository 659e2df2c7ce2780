import TestSupport
import Foundation
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// A server that dies mid-run, a host that never answers, and the operator's stop: the run ends
/// at once, says which devices were never sent and which got no answer.
@Suite struct DeadHostTests {
    @Test func aServerThatDiesStopsTheRunWithinThreeRequests() async throws {
        try await withSimulator({ $0.devices = 2000; $0.licenses = 5000; $0.used = 0 }) { sim, client in
            let ids = await sim.allDeviceIds()
            let options = RunOptions(batchSize: 10, concurrency: 2,
                                     retry: RetryPolicy(maxAttempts: 6, initialBackoff: 0.05, maxBackoff: 0.2))
            let run = RunEngine(client: client, options: options).start(.assign, deviceIds: ids)
            var events: [RunEvent] = []
            var answered = 0
            var iterator = run.events.makeAsyncIterator()
            try await withDeadline("300 devices to be answered", onTimeout: { run.cancel() }) {
                while answered < 300, let e = await iterator.next() {
                    events.append(e)
                    if case .batchResults(let rs, _) = e { answered += rs.count }
                }
            }
            // Both batches in flight are held by the server when it dies: they are never answered.
            await sim.setHoldBatches(true)
            try await waitUntil("the server to hold the 2 batches in flight") { await sim.heldBatchCount() == 2 }
            let reachedBeforeDeath = await sim.counters().assignRequests
            await sim.kill()
            try await withDeadline("the run to end after the server died", onTimeout: { run.cancel() }) {
                while let e = await iterator.next() { events.append(e) }
            }
            guard case .finished(let summary)? = events.last else { Issue.record("no .finished event"); return }

            let sent = events.filter { if case .batchSent = $0 { return true }; return false }.count
            #expect(sent - reachedBeforeDeath <= 3, "\(sent - reachedBeforeDeath) requests were sent after the server died")
            let failure = try #require(summary.hostFailure)
            #expect(failure.description.hasPrefix("assigning batch "))
            #expect(failure.description.contains(HostFailureText.hostPort(client)))
            #expect(events.contains { if case .hostUnreachable = $0 { return true }; return false })

            let c = summary.outcomeCounts
            let success: Int = c[.success] ?? 0
            let unknown: Int = c[.unknown] ?? 0
            let skipped: Int = c[.skipped] ?? 0
            #expect(summary.results.count == 2000)
            #expect(c[.unknown] == 20)                  // the two held batches
            #expect(c[.failed] == 0)
            #expect(success >= 300)
            #expect(success + unknown + skipped == 2000)
            let notSent = summary.results.filter { $0.outcome == .skipped }
            #expect(notSent.allSatisfy { $0.status == DeviceResult.notSentStatus })
            #expect(Set(summary.unsent) == Set(notSent.map(\.deviceId)))
            #expect(notSent.count >= 1000)
            #expect(summary.results.filter { $0.outcome == .unknown }.allSatisfy { $0.status == DeviceResult.noAnswerStatus })
            #expect(!summary.countsCurrent)
            #expect(ExitStatus.code(for: summary) == ExitStatus.someFailed)
            // Nothing the run reports as not sent was applied.
            let licensed = await sim.licensedDeviceIds()
            #expect(licensed.isDisjoint(with: notSent.map(\.deviceId)))
            #expect(licensed.count == c[.success])
        }
    }

    @Test func aHostThatRefusesEverythingIsGivenUpAfterThreeFailures() async throws {
        // A port bound but not listening: refused, and no other test's simulator can take it.
        let closed = try BoundPort()
        defer { closed.close() }
        let config = SimulatorConfiguration()
        let ids = (0..<100).map { String(352_099_001_760_000 + $0) }   // 15 digits; a bad check digit only warns
        let client = ThingSpaceClient(configuration: ClientConfiguration(
            baseURL: URL(string: "http://127.0.0.1:\(closed.port)")!, account: config.account,
            credentials: Credentials(appKey: config.appKey, appSecret: Secret(config.appSecret),
                                     username: config.username, password: Secret(config.password)),
            timeout: 60))
        let options = RunOptions(batchSize: 10, concurrency: 4, retry: RetryPolicy(maxAttempts: 6, initialBackoff: 0.05, maxBackoff: 0.1))
        let (events, summary) = try await collect(RunEngine(client: client, options: options).start(.assign, deviceIds: ids))
        let sent = events.filter { if case .batchSent = $0 { return true }; return false }.count
        #expect(sent <= 4 + 1, "\(sent) requests to a refused port")
        #expect(summary.hostFailure != nil)
        let others = Set(summary.results.filter { $0.status != DeviceResult.notSentStatus }.map { "\($0.status): \($0.reason)" })
        #expect(summary.outcomeCounts[.skipped] == 100, "\(others)")
        #expect(others.isEmpty)
        #expect(summary.errorDescription?.contains("stopped answering") == true)
    }

    @Test func stopDuringBackOffEndsAtOnce() async throws {
        try await withSimulator({ $0.devices = 30; $0.used = 0; $0.faults.serverErrorEvery = 1 }) { sim, client in
            let ids = await sim.allDeviceIds()
            // A back-off of 5 to 10 minutes: only an interrupted sleep ends this run within the deadline.
            let options = RunOptions(batchSize: 10, concurrency: 1,
                                     retry: RetryPolicy(maxAttempts: 6, initialBackoff: 600, maxBackoff: 600))
            let run = RunEngine(client: client, options: options).start(.assign, deviceIds: ids)
            var iterator = run.events.makeAsyncIterator()
            try await withDeadline("the first batch to wait in back-off", onTimeout: { run.cancel() }) {
                while let e = await iterator.next() {
                    if case .batchRetrying = e { break }
                }
            }
            run.stop()
            var summary: RunSummary?
            try await withDeadline("the stopped run to end", onTimeout: { run.cancel() }) {
                while let e = await iterator.next() { if case .finished(let s) = e { summary = s } }
            }
            let s = try #require(summary)
            #expect(s.stopped)
            #expect(s.outcomeCounts[.skipped] == 30)
            #expect(s.results.allSatisfy { $0.status == DeviceResult.notSentStatus })
            #expect(s.results.prefix(10).allSatisfy { $0.attempts == 1 })
            #expect(Set(s.unsent) == Set(ids))
            #expect(await sim.counters().assignRequests == 1)
            #expect(ExitStatus.code(for: s) == ExitStatus.someFailed)
        }
    }

    @Test func secondStopCancelsTheRequestsInFlight() async throws {
        try await withSimulator({ $0.devices = 30; $0.used = 0; $0.faults.holdBatches = true }) { sim, client in
            let ids = await sim.allDeviceIds()
            let run = RunEngine(client: client, options: RunOptions(batchSize: 10, concurrency: 2)).start(.assign, deviceIds: ids)
            try await waitUntil("the server to hold 2 batches") { await sim.heldBatchCount() == 2 }
            run.stop()
            run.cancel()
            let summary = try await finish(run)
            #expect(summary.stopped)
            #expect(summary.outcomeCounts[.unknown] == 20)
            #expect(summary.outcomeCounts[.skipped] == 10)
            #expect(summary.results.prefix(20).allSatisfy { $0.status == DeviceResult.noAnswerStatus && $0.attempts == 1 })
            #expect(summary.results.suffix(10).allSatisfy { $0.status == DeviceResult.notSentStatus && $0.attempts == 0 })
            #expect(ExitStatus.code(for: summary) == ExitStatus.someFailed)
        }
    }
}

enum HostFailureText {
    /// `127.0.0.1:PORT` of a client's base URL.
    static func hostPort(_ client: ThingSpaceClient) -> String {
        let url = client.configuration.baseURL
        return "\(url.host ?? ""):\(url.port ?? 0)"
    }
}
