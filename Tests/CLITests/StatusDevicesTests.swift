import Foundation
import Testing
import ThingSpaceSimulator

@Suite("status and devices against the simulator")
struct StatusDevicesTests {
    @Test func statusInEveryFormat() async throws {
        try await withCLI { sim, box in
            let table = try await box.run(["status"], environment: sim.environment)
            #expect(table.status == 0, "\(table)")
            #expect(table.stdout.contains(sim.account))
            #expect(table.stdout.contains("1,000"))
            #expect(table.stdout.contains("900"))

            let json = try await box.run(["status", "--format", "json"], environment: sim.environment)
            #expect(json.status == 0, "\(json)")
            let object = try json.jsonObject()
            #expect(object["account"] as? String == sim.account)
            #expect(object["total"] as? Int == 1000)
            #expect(object["used"] as? Int == 100)
            #expect(object["free"] as? Int == 900)
            #expect(object["billing"] as? String == "monthly")
            #expect(object["devices"] == nil)

            let csv = try await box.run(["status", "--format", "csv"], environment: sim.environment)
            #expect(csv.status == 0, "\(csv)")
            #expect(csv.stdoutLines == ["account,billing,total,used,free", "\(sim.account),monthly,1000,100,900"])
        }
    }

    @Test func statusWithDevices() async throws {
        try await withCLI { sim, box in
            let licensed = await sim.simulator.licensedDeviceIds()
            let json = try await box.run(["status", "--devices", "--format", "json"], environment: sim.environment)
            #expect(json.status == 0, "\(json)")
            let devices = try #require(try json.jsonObject()["devices"] as? [[String: Any]])
            #expect(Set(devices.compactMap { $0["deviceId"] as? String }) == licensed)
            #expect(devices.allSatisfy { $0.keys.contains("assignmentTime") })

            let csv = try await box.run(["status", "--devices", "--format", "csv"], environment: sim.environment)
            #expect(csv.status == 0, "\(csv)")
            #expect(csv.stdoutLines.first == "account,billing,total,used,free,deviceId,assignmentTime")
            #expect(csv.stdoutLines.count == 1 + licensed.count)

            let table = try await box.run(["status", "--devices"], environment: sim.environment)
            #expect(table.status == 0, "\(table)")
            #expect(licensed.allSatisfy { table.stdout.contains($0) })
        }
    }

    @Test func devicesInEveryFormatWithFilters() async throws {
        try await withCLI({ $0.pageSize = 70 }) { sim, box in
            let all = Set(await sim.simulator.allDeviceIds())
            let licensed = await sim.simulator.licensedDeviceIds()

            let json = try await box.run(["devices", "--format", "json"], environment: sim.environment)
            #expect(json.status == 0, "\(json)")
            let devices = try json.jsonArray()
            #expect(devices.count == all.count)
            #expect(Set(devices.compactMap { $0["deviceId"] as? String }) == all)
            for key in ["deviceId", "mdn", "make", "model", "firmware", "licenseAssigned"] {
                #expect(devices.allSatisfy { $0[key] != nil }, "missing \(key)")
            }
            #expect(devices.filter { $0["licenseAssigned"] as? Bool == true }.count == licensed.count)

            let onlyLicensed = try await box.run(["devices", "--licensed", "--format", "json"], environment: sim.environment)
            #expect(Set(try onlyLicensed.jsonArray().compactMap { $0["deviceId"] as? String }) == licensed)

            let unlicensed = try await box.run(["devices", "--unlicensed", "--format", "csv"], environment: sim.environment)
            #expect(unlicensed.status == 0, "\(unlicensed)")
            let lines = unlicensed.stdoutLines
            #expect(lines.first == "deviceId,mdn,make,model,firmware,fotaEligible,licenseAssigned,upgradeTime")
            #expect(lines.count == 1 + all.count - licensed.count)
            #expect(lines.dropFirst().allSatisfy { $0.contains(",false,") })

            let table = try await box.run(["devices"], environment: sim.environment)
            #expect(table.status == 0, "\(table)")
            #expect(table.stdout.hasPrefix("DEVICE ID"))
            #expect(table.stdout.contains("300 of 300 devices"))
        }
    }

    @Test func emptyAccountPrintsAnEmptyArray() async throws {
        try await withCLI({ $0.devices = 0; $0.used = 0 }) { sim, box in
            let json = try await box.run(["devices", "--format", "json"], environment: sim.environment)
            #expect(json.status == 0, "\(json)")
            #expect(try json.jsonArray().isEmpty)
        }
    }

    @Test func licensedAndUnlicensedExcludeEachOther() async throws {
        try await withSandbox { box in
            let r = try await box.run(["devices", "--licensed", "--unlicensed"])
            #expect(r.status == 2, "\(r)")
            #expect(r.stderr.contains("--licensed"))
        }
    }

    @Test func statusSaysWhenAnAccountIsEventBased() async throws {
        try await withCLI({ $0.billing = .event }) { sim, box in
            let json = try await box.run(["status", "--format", "json"], environment: sim.environment)
            #expect(json.status == 0, "\(json)")
            #expect(try json.jsonObject()["billing"] as? String == "event")
            let table = try await box.run(["status"], environment: sim.environment)
            #expect(table.stdoutLines.contains { $0.hasPrefix("billing") && $0.contains("event-based: no licences needed") }, "\(table)")
            let v3 = try await box.run(["status", "--format", "json", "--api-version", "v3"], environment: sim.environment)
            #expect(try v3.jsonObject()["billing"] as? String == "event", "\(v3)")
            #expect(try v3.jsonObject()["apiVersion"] as? String == "v3", "the command says which version it speaks")
            #expect(table.stdoutLines.contains { $0.hasPrefix("api") && $0.hasSuffix("v1") }, "\(table)")
        }
    }
}

/// Assign on an event-based account explains that licences are not needed and sends nothing
/// unless `--force` is given; remove is unchanged.
@Suite struct EventBasedAccountTests {
    @Test func assignIsRefusedWithoutForce() async throws {
        try await withCLI({ $0.billing = .event; $0.used = 0 }) { sim, box in
            let ids = Array(await sim.simulator.allDeviceIds().prefix(5))
            let refused = try await box.run(["assign", "--yes"] + ids, environment: sim.environment)
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.stderr.contains("event-based"), "\(refused)")
            #expect(refused.stderr.contains("--force"), "\(refused)")
            #expect(refused.stderr.contains("; API v1"), "the command says which version it speaks: \(refused)")
            #expect(await sim.simulator.counters().assignRequests == 0, "nothing was sent")

            let forced = try await box.run(["assign", "--yes", "--force"] + ids, environment: sim.environment)
            #expect(forced.status == 0, "\(forced)")
            #expect(await sim.simulator.licenseCounts().used == 5)

            let removed = try await box.run(["remove", "--yes"] + ids, environment: sim.environment)
            #expect(removed.status == 0, "\(removed)")
            #expect(await sim.simulator.licenseCounts().used == 0)
        }
    }
}
