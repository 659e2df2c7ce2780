import Foundation
import Testing
@testable import ThingSpaceSimulator

@Suite("Injected clock")
struct ClockTests {
    @Test("a manual clock stands still until advanced, and moves both its times together")
    func manualClockMoves() {
        let clock = ManualSimulatorClock(wallClockMilliseconds: 1_000)
        let start = clock.now
        #expect(clock.now == start)
        #expect(clock.wallClockMilliseconds == 1_000)

        clock.advance(by: .milliseconds(1_500))
        #expect(clock.now - start == .milliseconds(1_500))
        #expect(clock.wallClockMilliseconds == 2_500)
        #expect(clock.elapsed == .milliseconds(1_500))

        clock.advance(by: .seconds(-5))
        #expect(clock.now - start == .milliseconds(1_500), "time never runs back")
        #expect(clock.wallClockMilliseconds == 2_500)
    }

    @Test("the simulator reads the clock it was given")
    func simulatorKeepsItsClock() {
        let clock = ManualSimulatorClock()
        let simulator = ThingSpaceSimulator(configuration: testConfiguration(), clock: clock)
        clock.advance(by: .seconds(7))
        #expect(simulator.clock.now == clock.now)
        #expect(simulator.clock.wallClockMilliseconds == clock.wallClockMilliseconds)
        #expect(ThingSpaceSimulator(configuration: testConfiguration()).clock is SystemSimulatorClock)
    }

    @Test("an assignment is stamped with the clock's wall time")
    func assignmentTimeFromWallClock() async throws {
        // 2024-03-11T16:03:42Z, then 90 s later.
        let clock = ManualSimulatorClock(wallClockMilliseconds: 1_710_173_022_000)
        try await withSimulator({ $0.used = 0 }, clock: clock) { simulator, client in
            let authed = try await client.authenticated()
            let device = try #require(await simulator.allDeviceIds().first)
            clock.advance(by: .seconds(90))
            #expect(try outcomes(try await authed.assign([device]))[device]?.status == "LicenseAssignSuccess")

            let summary = try await authed.get("/api/fota/v1/licenses/\(client.account)/index/0").json()
            let devices = try #require(summary["deviceList"] as? [[String: Any]])
            #expect(devices.count == 1)
            let time = try #require(devices.first?["assignmentTime"] as? String)
            #expect(["2024-03-11T16:05:12.000Z", "2024-03-11 16:05:12.000 +0000 UTC"].contains(time), "\(time)")
        }
    }
}
