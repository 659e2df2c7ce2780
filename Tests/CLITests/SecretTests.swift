import Foundation
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

@Suite("secrets never leak")
struct SecretTests {
    static let appSecret = "app-secret-Q7wX93kLmZ"
    static let password = "uws-password-Hh42pPq9"

    static func configure(_ c: inout SimulatorConfiguration) {
        c.appSecret = appSecret
        c.password = password
    }

    static func assertNoLeak(_ secrets: [String], results: [CLIResult], box: Sandbox,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            for r in results {
                #expect(!r.stdout.contains(secret), "secret in stdout: \(r)", sourceLocation: sourceLocation)
                #expect(!r.stderr.contains(secret), "secret in stderr: \(r)", sourceLocation: sourceLocation)
            }
            for file in box.allFiles() {
                #expect(!file.text.contains(secret), "secret in \(file.path)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func fullAssignWithDebugLeaksNoSecret() async throws {
        try await withCLI(Self.configure) { sim, box in
            let ids = await sim.unlicensed(5)
            let list = try box.file("ids.txt", ids.joined(separator: "\n") + "\n")
            let output = box.root.appendingPathComponent("io/results.json").path
            var results: [CLIResult] = []
            let assign = try await box.run(["assign", "--yes", "--debug", "--batch-size", "2", "--from-file", list, "--output", output],
                                           environment: sim.environment)
            #expect(assign.status == 0, "\(assign)")
            results.append(assign)
            for format in ["json", "csv", "table"] {
                results.append(try await box.run(["status", "--debug", "--devices", "--format", format], environment: sim.environment))
                results.append(try await box.run(["devices", "--debug", "--format", format], environment: sim.environment))
                results.append(try await box.run(["config", "show", "--debug", "--format", format], environment: sim.environment))
            }
            results.append(try await box.run(["remove", "--yes", "--debug", "--format", "json"] + ids, environment: sim.environment))
            results.append(try await box.run(["login", "--debug"], environment: sim.environment))
            // Failures print errors: still no secrets.
            var wrong = sim.environment
            wrong["THINGSPACE_PASSWORD"] = Self.password + "-wrong"
            results.append(try await box.run(["login", "--debug"], environment: wrong))
            results.append(try await box.run(["assign", "--yes", "--debug"] + ids, environment: wrong))
            #expect(results.allSatisfy { $0.status == 0 || $0.status == 3 }, "\(results)")

            // The trace exists, says where it is, and has the requests.
            #expect(assign.stderr.contains("debug: writing a redacted HTTP trace to \(box.stateDirectory)"))
            let traces = box.allFiles().filter { $0.path.contains("/debug/trace-") }
            #expect(traces.count >= 10)
            let assignTrace = try #require(traces.first { $0.text.contains("/assign") })
            #expect(assignTrace.text.contains("Authorization: Bearer ••••••"))
            #expect(assignTrace.text.contains("VZ-M2M-Token: ••••••"))
            #expect(assignTrace.text.contains("\"password\":\"••••••\""))
            #expect(assignTrace.text.contains(ids[0]))

            // The API token the CLI got (the simulator hands out the same one within its lifetime).
            let token = try await sim.client().authenticator.bearer()
            Self.assertNoLeak([Self.appSecret, Self.password, Self.password + "-wrong", token], results: results, box: box)
        }
    }

    @Test func givenTokensDoNotLeakEither() async throws {
        try await withCLI(Self.configure) { sim, box in
            let client = sim.client()
            let token = try await client.authenticator.bearer()
            let session = try await client.authenticator.sessionToken()
            let env = [
                "THINGSPACE_BASE_URL": sim.url.absoluteString, "THINGSPACE_ACCOUNT": sim.account,
                "THINGSPACE_ACCESS_TOKEN": token, "THINGSPACE_SESSION_TOKEN": session,
            ]
            let ids = await sim.unlicensed(2)
            var results: [CLIResult] = []
            results.append(try await box.run(["assign", "--yes", "--debug", "--format", "json"] + ids, environment: env))
            results.append(try await box.run(["status", "--debug"], environment: env))
            results.append(try await box.run(["login", "--debug"], environment: env))
            results.append(try await box.run(["config", "show", "--format", "csv"], environment: env))
            #expect(results.allSatisfy { $0.status == 0 }, "\(results)")
            #expect(results[3].stdout.contains("access_token,••••••,env THINGSPACE_ACCESS_TOKEN"))
            // The session we were given is left open for its owner.
            #expect(await sim.simulator.counters().logouts == 0)
            Self.assertNoLeak([token, session], results: results, box: box)
        }
    }

    @Test func secretsFromTheConfigFileAndCommandsDoNotLeak() async throws {
        try await withCLI(Self.configure) { sim, box in
            try box.writeConfig("""
                [profiles.sim]
                account = "\(sim.account)"
                base_url = "\(sim.url.absoluteString)"
                app_key = "\(sim.configuration.appKey)"
                app_secret = "\(Self.appSecret)"
                username = "\(sim.configuration.username)"
                password_command = "printf %s \(Self.password)"
                """)
            let ids = await sim.unlicensed(2)
            var results: [CLIResult] = []
            results.append(try await box.run(["assign", "--yes", "--debug", "--profile", "sim"] + ids))
            results.append(try await box.run(["config", "show", "--run-commands", "--profile", "sim", "--format", "json"]))
            #expect(results.allSatisfy { $0.status == 0 }, "\(results)")
            // The config file itself holds the secret on purpose; scan everything else.
            try FileManager.default.removeItem(atPath: box.configPath)
            Self.assertNoLeak([Self.appSecret, Self.password], results: results, box: box)
        }
    }
}
