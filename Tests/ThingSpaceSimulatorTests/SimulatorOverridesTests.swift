import Testing
import ThingSpaceSimulator

@Suite("simulator options applied to a configuration")
struct SimulatorOverridesTests {
    @Test("no override leaves the defaults as they are")
    func emptyOverridesKeepDefaults() throws {
        #expect(try SimulatorConfiguration().applying(SimulatorOverrides()) == SimulatorConfiguration())
        #expect(try SimulatorConfiguration.demo.applying(SimulatorOverrides()) == SimulatorConfiguration.demo)
    }

    @Test("every override lands in its field")
    func everyOverrideApplies() throws {
        let c = try SimulatorConfiguration().applying(SimulatorOverrides(
            host: "::1", port: 8080, account: "1234567890-12345", devices: 40, licenses: 30, used: 10, pageSize: 7,
            latencyMs: 5, jitterMs: 3, seed: 99, appKey: "k", appSecret: "s", username: "u", password: "p",
            enforceLuhn: true, rateLimitRate: 0.25, rateLimitEvery: 4, retryAfterSeconds: 0, serverErrorRate: 0.5,
            serverErrorEvery: 6, dropRate: 0.125, dropEvery: 8, tokenLifetimeSeconds: 9, sessionIdleSeconds: 11,
            failingDeviceCount: 2, failingImeis: ["352099001761481"], holdBatches: true))
        #expect(c.host == "::1")
        #expect(c.port == 8080)
        #expect(c.account == "1234567890-12345")
        #expect([c.devices, c.licenses, c.used, c.pageSize, c.latencyMs, c.jitterMs] == [40, 30, 10, 7, 5, 3])
        #expect(c.seed == 99)
        #expect([c.appKey, c.appSecret, c.username, c.password] == ["k", "s", "u", "p"])
        #expect(c.enforceLuhn)
        let f = c.faults
        #expect([f.rateLimitRate, f.serverErrorRate, f.dropConnectionRate] == [0.25, 0.5, 0.125])
        #expect([f.rateLimitEvery, f.serverErrorEvery, f.dropConnectionEvery, f.failingDeviceCount] == [4, 6, 8, 2])
        #expect([f.retryAfterSeconds, f.tokenLifetimeSeconds, f.sessionIdleSeconds] == [0, 9, 11])
        #expect(f.failingDevices == ["352099001761481"])
        #expect(f.holdBatches)
    }

    @Test("flags left off do not switch a default off, and failing IMEIs are added")
    func flagsOnlyTurnOn() throws {
        var base = SimulatorConfiguration()
        base.enforceLuhn = true
        base.faults.holdBatches = true
        base.faults.failingDevices = ["352099001761481"]
        let c = try base.applying(SimulatorOverrides(failingImeis: ["356938035643809"]))
        #expect(c.enforceLuhn)
        #expect(c.faults.holdBatches)
        #expect(c.faults.failingDevices == ["352099001761481", "356938035643809"])
    }

    /// The problems `applying` throws; empty when it returns.
    func problems(_ overrides: SimulatorOverrides, on base: SimulatorConfiguration = SimulatorConfiguration()) -> [String] {
        do {
            _ = try base.applying(overrides)
            return []
        } catch {
            return error.problems
        }
    }

    @Test("every problem is reported at once, in the options' words")
    func problemsAreListed() {
        #expect(problems(SimulatorOverrides(port: 99999, used: 99999, rateLimitRate: 2)) == [
            "port must be 0...65535 (0 picks a free port), got 99999",
            "used (99999) must not exceed licenses (9000)",
            "used (99999) must not exceed devices (5000)",
            "rate-limit-rate must be a probability 0...1, got 2.0",
        ])
        #expect(problems(SimulatorOverrides(account: "x")) == [
            "account must look like 0242078689-00001 (10 digits, dash, 5 digits), got 'x'",
        ])
    }

    @Test("the demo's defaults add latency and failing devices, validated with the overrides")
    func demoDefaults() {
        let demo = SimulatorConfiguration.demo
        #expect(demo.latencyMs == 80)
        #expect(demo.jitterMs == 40)
        #expect(demo.faults.failingDeviceCount == 7)
        #expect(demo.validationErrors().isEmpty)
        #expect(problems(SimulatorOverrides(failingDeviceCount: 5000), on: demo) == [
            "failing-devices (5000) must not exceed the unlicensed devices (devices - used = 4000)",
        ])
        #expect(problems(SimulatorOverrides(used: 4996), on: demo) == [
            "failing-devices (7) must not exceed the unlicensed devices (devices - used = 4)",
        ])
    }
}
