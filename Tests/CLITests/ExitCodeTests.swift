import TestSupport
import Foundation
import Testing
import ThingSpaceSimulator

@Suite("exit codes")
struct ExitCodeTests {
    @Test func wrongPasswordIsAnAuthenticationError() async throws {
        try await withCLI { sim, box in
            var env = sim.environment
            env["THINGSPACE_PASSWORD"] = "not-the-password"
            let status = try await box.run(["status"], environment: env)
            #expect(status.status == 3, "\(status)")
            #expect(status.stderr.contains("session login"))

            let login = try await box.run(["login"], environment: env)
            #expect(login.status == 3, "\(login)")
            #expect(login.stdout.contains("API token      ok"), "\(login)")
            #expect(login.stdout.contains("session login  failed"), "\(login)")

            let ids = await sim.unlicensed(2)
            let assign = try await box.run(["assign", "--yes"] + ids, environment: env)
            #expect(assign.status == 3, "\(assign)")
            #expect(await sim.simulator.counters().assignRequests == 0)
        }
    }

    @Test func wrongAppSecretFailsAtTheAPIToken() async throws {
        try await withCLI { sim, box in
            var env = sim.environment
            env["THINGSPACE_APP_SECRET"] = "not-the-secret"
            let login = try await box.run(["login"], environment: env)
            #expect(login.status == 3, "\(login)")
            #expect(login.stdout.contains("API token      failed"), "\(login)")
            #expect(!login.stdout.contains("session login"))
        }
    }

    @Test func loginSucceeds() async throws {
        try await withCLI { sim, box in
            let login = try await box.run(["login"], environment: sim.environment)
            #expect(login.status == 0, "\(login)")
            #expect(login.stdout.contains("API token      ok"))
            #expect(login.stdout.contains("session login  ok"))
            #expect(login.stdout.contains("licence read   ok"))
            #expect(login.stderr.contains(sim.account))
            #expect(await sim.simulator.counters().logouts == 1)
        }
    }

    @Test func networkErrorIsFour() async throws {
        let closed = try BoundPort()
        defer { closed.close() }
        try await withSandbox { box in
            let env = [
                "THINGSPACE_BASE_URL": "http://127.0.0.1:\(closed.port)", "THINGSPACE_ACCOUNT": "0242078689-00001",
                "THINGSPACE_APP_KEY": "k", "THINGSPACE_APP_SECRET": "secret-value", "THINGSPACE_USERNAME": "u",
                "THINGSPACE_PASSWORD": "password-value",
            ]
            for args in [["status"], ["devices"], ["login"], ["assign", "--yes", "352099001761481"]] {
                let r = try await box.run(args + ["--timeout", "5"], environment: env)
                #expect(r.status == 4, "\(args): \(r)")
            }
        }
    }

    @Test func serverErrorsAreFour() async throws {
        try await withCLI({ $0.faults.serverErrorRate = 1 }) { sim, box in
            let status = try await box.run(["status"], environment: sim.environment)
            #expect(status.status == 4, "\(status)")
            let devices = try await box.run(["devices", "--format", "json"], environment: sim.environment)
            #expect(devices.status == 4, "\(devices)")
            let ids = await sim.unlicensed(2)
            let assign = try await box.run(["assign", "--yes"] + ids, environment: sim.environment)
            #expect(assign.status == 4, "\(assign)")
            #expect(await sim.simulator.counters().assignRequests == 0)
        }
    }

    @Test func usageErrorsAreTwo() async throws {
        try await withCLI { sim, box in
            var noAccount = sim.environment
            noAccount["THINGSPACE_ACCOUNT"] = nil
            let missing = try await box.run(["status"], environment: noAccount)
            #expect(missing.status == 2, "\(missing)")
            #expect(missing.stderr.contains("no account configured"))

            let badAccount = try await box.run(["status", "--account", "12345"], environment: sim.environment)
            #expect(badAccount.status == 2, "\(badAccount)")
            #expect(badAccount.stderr.contains("--account"))

            let v2 = try await box.run(["status", "--api-version", "v2"], environment: sim.environment)
            #expect(v2.status == 2, "\(v2)")
            #expect(v2.stderr.contains("unsupported API version \"v2\""))
            #expect(v2.stderr.contains("v1, v3"))
            let v1 = try await box.run(["status", "--api-version", "v1"], environment: sim.environment)
            #expect(v1.status == 0, "\(v1)")

            let envVersion = try await box.run(["status"], environment: sim.environment.merging(["THINGSPACE_API_VERSION": "v2"]) { $1 })
            #expect(envVersion.status == 2, "\(envVersion)")
            #expect(envVersion.stderr.contains("THINGSPACE_API_VERSION"))

            let timeout = try await box.run(["status", "--timeout", "0"], environment: sim.environment)
            #expect(timeout.status == 2, "\(timeout)")

            let badURL = try await box.run(["status", "--base-url", "ftp://x"], environment: sim.environment)
            #expect(badURL.status == 2, "\(badURL)")

            let unknown = try await box.run(["status", "--no-such-flag"], environment: sim.environment)
            #expect(unknown.status == 2, "\(unknown)")

            let format = try await box.run(["status", "--format", "xml"], environment: sim.environment)
            #expect(format.status == 2, "\(format)")
        }
    }

    @Test func failedDevicesAreOneAndTheHighestWins() async throws {
        let failing = "352099001761481"
        try await withCLI({ $0.faults.failingDevices = [failing] }) { sim, box in
            let ids = await sim.unlicensed(2)
            let r = try await box.run(["assign", "--yes", "--format", "json", failing] + ids, environment: sim.environment)
            #expect(r.status == 1, "\(r)")
            let results = try #require(try r.jsonObject()["results"] as? [[String: Any]])
            #expect(results.first { $0["deviceId"] as? String == failing }?["outcome"] as? String == "failed")
            #expect(results.filter { $0["outcome"] as? String == "success" }.count == 2)

            // Skipped invalid entries do not lower or raise it.
            let file = try box.file("mixed.txt", "\(failing)\nnot-an-imei\n")
            let mixed = try await box.run(["assign", "--yes", "--skip-invalid", "--from-file", file], environment: sim.environment)
            #expect(mixed.status == 1, "\(mixed)")
        }
    }
}
