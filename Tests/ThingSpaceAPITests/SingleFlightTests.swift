import Testing
@testable import ThingSpaceAPI

/// `SingleFlight` on its own: an actor owns it, as the authenticator does.
@Suite struct SingleFlightTests {
    struct Failure: Error, Equatable { var attempt: Int }

    actor Host {
        let flight = SingleFlight<Int, Failure>()
        private(set) var attempts = 0

        var waiting: Int { flight.waiting }
        var started: Int { flight.started }
        var isRunning: Bool { flight.isRunning }

        func nextAttempt() -> Int {
            attempts += 1
            return attempts
        }

        /// Runs an attempt that waits at `gate`, then returns its number or throws it when `fail`.
        func run(gate: Gate, fail: Bool) async throws(Failure) -> Int {
            try await flight.run { () async throws(Failure) -> Int in
                let attempt = await self.nextAttempt()
                await gate.pass()
                if fail { throw Failure(attempt: attempt) }
                return attempt
            }
        }
    }

    /// Starts `count` calls, waits until all wait for one flight, opens the gate, returns outcomes.
    func lineUp(_ count: Int, _ host: Host, gate: Gate, fail: Bool) async throws -> [Result<Int, Failure>] {
        let tasks = (0..<count).map { _ in
            Task { () async -> Result<Int, Failure> in
                do throws(Failure) { return .success(try await host.run(gate: gate, fail: fail)) } catch { return .failure(error) }
            }
        }
        var timedOut: (any Error)?
        do {
            try await waitUntil("\(count) callers waiting for one flight") { await host.waiting == count }
        } catch {
            timedOut = error
        }
        await gate.open()
        var outcomes: [Result<Int, Failure>] = []
        for task in tasks { outcomes.append(await task.value) }
        if let timedOut { throw timedOut }
        return outcomes
    }

    @Test func concurrentCallersShareOneRun() async throws {
        let host = Host()
        let outcomes = try await lineUp(5, host, gate: Gate(open: false), fail: false)
        #expect(outcomes.map { try? $0.get() } == Array(repeating: 1, count: 5))
        #expect(await host.started == 1)
        #expect(await host.attempts == 1)
        #expect(await host.waiting == 0)
        #expect(await !host.isRunning)
    }

    @Test func failureReachesEveryWaiterAndTheNextCallRunsAgain() async throws {
        let host = Host()
        let outcomes = try await lineUp(5, host, gate: Gate(open: false), fail: true)
        for outcome in outcomes {
            #expect(throws: Failure(attempt: 1)) { try outcome.get() }
        }
        #expect(await host.started == 1)
        #expect(await !host.isRunning)

        #expect(try await host.run(gate: Gate(open: true), fail: false) == 2)
        #expect(await host.started == 2)
    }

    @Test func finishedRunIsNotCached() async throws {
        let host = Host()
        let open = Gate(open: true)
        #expect(try await host.run(gate: open, fail: false) == 1)
        #expect(try await host.run(gate: open, fail: false) == 2)
        #expect(await host.started == 2)
    }
}
