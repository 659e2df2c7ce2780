import Foundation
import Testing
@testable import ThingSpaceSimulator

@Suite("Generated devices")
struct DeviceGenerationTests {
    @Test("the Luhn helper agrees with the reference examples")
    func luhnExamples() {
        for valid in ["352099001761481", "356938035643809", "990008629123451", "867233031245789"] {
            #expect(IMEICheck.isLuhnValid(valid), "\(valid)")
        }
        #expect(!IMEICheck.isLuhnValid("990008629123452"))
        #expect(!IMEICheck.isLuhnValid("35209900176148"))
        #expect(IMEICheck.isWellFormed("990008629123452"))
        #expect(!IMEICheck.isWellFormed("99000862912345x"))
    }

    @Test("generated IMEIs are 15 digits, Luhn-valid, unique, sorted and from known TACs")
    func imeisValid() async {
        let simulator = ThingSpaceSimulator(configuration: testConfiguration { $0.devices = 20_000; $0.used = 100 })
        let ids = await simulator.allDeviceIds()
        #expect(ids.count == 20_000)
        #expect(ids.allSatisfy(IMEICheck.isLuhnValid))
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
        let tacs = Set(DeviceCatalog.tacs.map { String($0.tac) })
        #expect(ids.allSatisfy { tacs.contains(String($0.prefix(8))) })
        #expect(Set(ids.map { $0.prefix(8) }).count > 10)
    }

    @Test("the same seed gives the same account; another seed a different one")
    func determinism() async {
        let adjust: (inout SimulatorConfiguration) -> Void = {
            $0.devices = 1000
            $0.used = 300
            $0.faults.failingDeviceCount = 5
        }
        let a = ThingSpaceSimulator(configuration: testConfiguration(adjust))
        let b = ThingSpaceSimulator(configuration: testConfiguration(adjust))
        let c = ThingSpaceSimulator(configuration: testConfiguration { adjust(&$0); $0.seed = 2 })
        #expect(await a.allDeviceIds() == b.allDeviceIds())
        #expect(await a.licensedDeviceIds() == b.licensedDeviceIds())
        #expect(await a.failingDeviceIds() == b.failingDeviceIds())
        #expect(await a.allDeviceIds() != c.allDeviceIds())
        #expect(await a.licensedDeviceIds().count == 300)
        let failing = await a.failingDeviceIds()
        #expect(failing.count == 5)
        #expect(failing.isDisjoint(with: await a.licensedDeviceIds()))
        let catalog = a.state.catalog
        let d = b.state.catalog
        for imei in catalog.imeis.prefix(50) {
            #expect(catalog.mdn(of: imei) == d.mdn(of: imei))
            #expect(catalog.upgradeTime(of: imei) == d.upgradeTime(of: imei))
            #expect(catalog.firmware(of: imei) == d.firmware(of: imei))
        }
    }

    @Test("device attributes look like the reference")
    func attributes() {
        let catalog = DeviceCatalog(count: 2000, seed: 7)
        let makes = Set(catalog.imeis.map { catalog.model(of: $0).make })
        #expect(makes.isSuperset(of: ["SEQUANS COMMUNICATIONS", "TELIT", "QUECTEL", "SIERRA WIRELESS", "u-blox"]))
        let upgrades = catalog.imeis.map { catalog.upgradeTime(of: $0, style: .mixed) }
        #expect(upgrades.contains(Timestamp.neverUpgraded))
        #expect(upgrades.contains { $0.hasSuffix("Z") })
        #expect(upgrades.contains { $0.hasSuffix("+0000 UTC") })
        // RFC 3339 (the default on the wire): every upgraded device in the one form.
        let rfc = catalog.imeis.map { catalog.upgradeTime(of: $0, style: .rfc3339) }
        #expect(rfc.allSatisfy { $0 == Timestamp.neverUpgraded || ($0.hasSuffix("Z") && $0.contains("T")) })
        #expect(catalog.imeis.allSatisfy { catalog.formatAssignment(0, imei: $0, style: .rfc3339).hasSuffix("Z") })
        #expect(catalog.imeis.allSatisfy { catalog.mdn(of: $0).count == 10 })
    }

    @Test("timestamp formats")
    func timestamps() {
        #expect(Timestamp.iso(1_710_173_022_000) == "2024-03-11T16:03:42.000Z")
        #expect(Timestamp.go(1_710_173_110_118) == "2024-03-11 16:05:10.118 +0000 UTC")
        #expect(Timestamp.slashed(1_710_173_022_000) == "03/11/2024 16:3:42")
        #expect(Timestamp.iso(0) == "1970-01-01T00:00:00.000Z")
    }

    @Test("a large account generates", .timeLimit(.minutes(1)))
    func largeAccount() async {
        // Generating takes a second or more in a debug build: on a thread of its own, not the pool.
        let (simulator, elapsed) = await withCheckedContinuation { continuation in
            Thread {
                let start = ContinuousClock.now
                let simulator = ThingSpaceSimulator(configuration: testConfiguration { $0.devices = 200_000; $0.licenses = 180_000; $0.used = 100_000 })
                continuation.resume(returning: (simulator, ContinuousClock.now - start))
            }.start()
        }
        #expect(await simulator.licenseCounts().used == 100_000)
        #expect(simulator.state.catalog.count == 200_000)
        print("generated 200,000 devices in \(elapsed)")
    }

    @Test("configuration validation explains each problem")
    func validation() {
        var configuration = SimulatorConfiguration()
        #expect(configuration.validationErrors().isEmpty)
        configuration.used = 10_000
        configuration.pageSize = 0
        configuration.account = "12-3"
        configuration.faults.rateLimitRate = 2
        let problems = configuration.validationErrors()
        #expect(problems.contains { $0.contains("used (10000) must not exceed licenses") })
        #expect(problems.contains { $0.contains("used (10000) must not exceed devices") })
        #expect(problems.contains { $0.contains("page-size") })
        #expect(problems.contains { $0.contains("account") })
        #expect(problems.contains { $0.contains("rate-limit-rate") })
    }

    @Test("start rejects an invalid configuration and a port in use")
    func startErrors() async throws {
        let bad = ThingSpaceSimulator(configuration: testConfiguration { $0.used = 500 })
        await #expect(throws: SimulatorConfigurationError.self) { _ = try await bad.start() }

        let first = ThingSpaceSimulator(configuration: testConfiguration())
        let url = try await first.start()
        let second = ThingSpaceSimulator(configuration: testConfiguration { $0.port = url.port! })
        var bound = false
        do {
            _ = try await second.start()
            bound = true
        } catch {}
        await second.stop()
        await first.stop()
        #expect(!bound, "a second simulator bound the port of a running one")
    }
}
