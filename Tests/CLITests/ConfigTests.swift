import Foundation
import Testing
import ThingSpaceSimulator

@Suite("configuration, profiles and guards")
struct ConfigTests {
    static func settings(_ r: CLIResult) throws -> [String: (value: String, origin: String)] {
        let list = try #require(try r.jsonObject()["settings"] as? [[String: String]], "\(r)")
        var out: [String: (String, String)] = [:]
        for s in list { out[s["key"]!] = (s["value"]!, s["origin"]!) }
        return out
    }

    @Test func precedenceIsFlagsThenEnvironmentThenProfileThenDefaults() async throws {
        try await withSandbox { box in
            try box.writeConfig("""
                default_profile = "main"

                [profiles.main]
                account = "1111111111-00001"
                base_url = "https://profile.example"
                batch_size = 50
                timeout = 12.5

                [profiles.other]
                account = "3333333333-00003"
                """)
            let fromProfile = try Self.settings(try await box.run(["config", "show", "--format", "json"]))
            #expect(fromProfile["profile"]?.value == "main")
            #expect(fromProfile["profile"]?.origin == "config file (default_profile)")
            #expect(fromProfile["account"]?.value == "1111111111-00001")
            #expect(fromProfile["account"]?.origin == "profile main (account)")
            #expect(fromProfile["batch_size"]?.value == "50")
            #expect(fromProfile["timeout"]?.value == "12.5")
            #expect(fromProfile["concurrency"]?.origin == "default")
            #expect(fromProfile["api_version"]?.value == "v1")

            let env = ["THINGSPACE_ACCOUNT": "2222222222-00002", "THINGSPACE_BASE_URL": "https://env.example"]
            let fromEnv = try await box.run(["config", "show", "--format", "json"], environment: env)
            let s = try Self.settings(fromEnv)
            #expect(s["account"]?.value == "2222222222-00002")
            #expect(s["account"]?.origin == "env THINGSPACE_ACCOUNT")
            #expect(s["base_url"]?.value == "https://env.example")
            // The profile was not chosen explicitly: no warning.
            #expect(!fromEnv.stderr.contains("warning"), "\(fromEnv)")

            let fromFlag = try Self.settings(try await box.run(
                ["config", "show", "--format", "json", "--account", "4444444444-00004", "--base-url", "https://flag.example"],
                environment: env))
            #expect(fromFlag["account"]?.value == "4444444444-00004")
            #expect(fromFlag["account"]?.origin == "flag --account")
            #expect(fromFlag["base_url"]?.origin == "flag --base-url")

            let other = try Self.settings(try await box.run(["config", "show", "--format", "json", "--profile", "other"]))
            #expect(other["account"]?.value == "3333333333-00003")
            #expect(other["base_url"]?.value == "https://thingspace.verizon.com")
            #expect(other["base_url"]?.origin == "default")
            #expect(other["batch_size"]?.value == "100")
        }
    }

    @Test func configShowReportsEverySettingWithItsOrigin() async throws {
        try await withSandbox { box in
            try box.writeConfig("""
                [profiles.run]
                max_devices = 40
                concurrency = 3
                luhn = "error"
                """)
            let r = try await box.run(["config", "show", "--format", "json", "--profile", "run"])
            #expect(r.status == 0, "\(r)")
            let list = try #require(try r.jsonObject()["settings"] as? [[String: String]], "\(r)")
            #expect(list.map { $0["key"] ?? "" } == [
                "config_file", "profile", "account", "base_url", "api_version", "timeout", "connect_timeout", "readonly", "batch_size",
                "concurrency", "max_devices", "luhn", "theme", "app_key", "app_secret", "username", "password",
                "access_token", "session_token", "debug",
            ])
            #expect(list.allSatisfy { !($0["origin"] ?? "").isEmpty && !($0["value"] ?? "").isEmpty }, "\(list)")
            let s = try Self.settings(r)
            #expect(s["max_devices"]?.value == "40")
            #expect(s["max_devices"]?.origin == "profile run (max_devices)")
            #expect(s["concurrency"]?.origin == "profile run (concurrency)")
            #expect(s["batch_size"]?.origin == "default")
            #expect(s["luhn"]?.value == "error")
        }
    }

    @Test func runFlagsBeatTheProfile() async throws {
        try await withCLI { sim, box in
            try box.writeConfig("""
                [profiles.small]
                max_devices = 1
                batch_size = 1
                """)
            let ids = await sim.unlicensed(3)
            let env = sim.environment.merging(["THINGSPACE_PROFILE": "small"]) { $1 }
            let capped = try await box.run(["assign", "--dry-run", "--format", "json"] + ids, environment: env)
            #expect(capped.status == 2, "\(capped)")
            #expect(capped.stderr.contains("max_devices of profile \"small\""), "\(capped)")
            let r = try await box.run(["assign", "--dry-run", "--format", "json", "--max-devices", "3", "--batch-size", "2"] + ids,
                                      environment: env)
            #expect(r.status == 0, "\(r)")
            let json = try r.jsonObject()
            #expect(json["batchSize"] as? Int == 2, "\(r)")
            #expect(json["batches"] as? Int == 2, "\(r)")
        }
    }

    @Test func environmentOverridingAnExplicitProfileWarns() async throws {
        try await withSandbox { box in
            try box.writeConfig("""
                [profiles.prod]
                account = "1111111111-00001"
                base_url = "https://prod.example"
                """)
            let env = ["THINGSPACE_ACCOUNT": "2222222222-00002", "THINGSPACE_BASE_URL": "https://env.example"]
            let byFlag = try await box.run(["config", "show", "--profile", "prod"], environment: env)
            #expect(byFlag.status == 0, "\(byFlag)")
            #expect(byFlag.stderr.contains("warning: THINGSPACE_BASE_URL=https://env.example overrides base_url https://prod.example of profile \"prod\""))
            #expect(byFlag.stderr.contains("warning: THINGSPACE_ACCOUNT=2222222222-00002 overrides account 1111111111-00001 of profile \"prod\""))

            let byEnv = try await box.run(["config", "show", "--format", "json"],
                                          environment: env.merging(["THINGSPACE_PROFILE": "prod"]) { $1 })
            #expect(byEnv.stderr.contains("overrides base_url"))
            #expect(try byEnv.jsonObject()["warnings"] as? [String] != [])

            // A flag overriding the profile is the operator's own explicit choice: no warning.
            let flag = try await box.run(["config", "show", "--profile", "prod", "--account", "2222222222-00002"])
            #expect(!flag.stderr.contains("warning"), "\(flag)")

            let missing = try await box.run(["config", "show", "--profile", "nope"])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("no profile named \"nope\""))
            #expect(missing.stderr.contains("prod"))
        }
    }

    @Test func aProfileIsUsedForRealCommands() async throws {
        try await withCLI { sim, box in
            try box.writeConfig("""
                [profiles.sim]
                account = "\(sim.account)"
                base_url = "\(sim.url.absoluteString)"
                app_key = "\(sim.configuration.appKey)"
                username = "\(sim.configuration.username)"
                app_secret = "\(sim.configuration.appSecret)"
                password_command = "printf '%s\\\\n' '\(sim.configuration.password)'"
                """)
            let r = try await box.run(["status", "--format", "json"], environment: ["THINGSPACE_PROFILE": "sim"])
            #expect(r.status == 0, "\(r)")
            #expect(try r.jsonObject()["used"] as? Int == 100)
            let show = try await box.run(["config", "show", "--run-commands", "--profile", "sim"])
            #expect(show.status == 0, "\(show)")
            #expect(show.stdout.contains("command password_command of profile sim"))
            #expect(!show.stdout.contains(sim.configuration.password))
            #expect(!show.stdout.contains(sim.configuration.appSecret))
        }
    }

    @Test func failingSecretCommandNamesTheKeyAndHidesItsOutput() async throws {
        try await withCLI { sim, box in
            try box.writeConfig("""
                [profiles.sim]
                password_command = "echo leaked-secret-output; exit 3"
                """)
            let r = try await box.run(["status", "--profile", "sim"], environment: sim.environment.merging(["THINGSPACE_PASSWORD": ""]) { $1 })
            #expect(r.status == 2, "\(r)")
            #expect(r.stderr.contains("password_command of profile \"sim\" failed (exit status 3)"))
            #expect(!r.stderr.contains("leaked-secret-output"))
            #expect(!r.stdout.contains("leaked-secret-output"))
        }
    }

    @Test func readableConfigHoldingASecretIsRefused() async throws {
        try await withCLI { sim, box in
            for mode in [0o640, 0o604, 0o644] {
                let path = try box.writeConfig("""
                    [profiles.sim]
                    app_secret = "\(sim.configuration.appSecret)"
                    """, mode: mode)
                let r = try await box.run(["status", "--profile", "sim"], environment: sim.environment)
                #expect(r.status == 2, "mode \(String(mode, radix: 8)): \(r)")
                #expect(r.stderr.contains(path))
                #expect(r.stderr.contains("chmod 600 \(path)"))
                #expect(!r.stderr.contains(sim.configuration.appSecret))
            }
            try box.writeConfig("""
                [profiles.sim]
                app_secret = "\(sim.configuration.appSecret)"
                """, mode: 0o600)
            var env = sim.environment
            env["THINGSPACE_APP_SECRET"] = nil
            let ok = try await box.run(["status", "--profile", "sim"], environment: env)
            #expect(ok.status == 0, "\(ok)")

            // Without secrets a readable file is fine.
            try box.writeConfig("""
                [profiles.sim]
                batch_size = 10
                """, mode: 0o644)
            let plain = try await box.run(["status", "--profile", "sim"], environment: sim.environment)
            #expect(plain.status == 0, "\(plain)")

            // Commands in a file others can change are refused too.
            try box.writeConfig("""
                [profiles.sim]
                password_command = "true"
                """, mode: 0o662)
            let writable = try await box.run(["status", "--profile", "sim"], environment: sim.environment)
            #expect(writable.status == 2, "\(writable)")
            #expect(writable.stderr.contains("chmod 600"))
        }
    }

    @Test func malformedConfigNamesTheFileAndTheKey() async throws {
        try await withSandbox { box in
            let env = ["THINGSPACE_ACCOUNT": "0242078689-00001"]
            let cases: [(String, [String])] = [
                ("[profiles.a]\nbatch_size = \"ten\"\n", ["profiles.a.batch_size", "expected an integer"]),
                ("[profiles.a]\nacount = \"x\"\n", ["unknown key profiles.a.acount", "did you mean account"]),
                ("[profiles.a]\nreadonly = \"yes\"\n", ["profiles.a.readonly", "true or false"]),
                ("default_profile = \"b\"\n[profiles.a]\n", ["default_profile", "no profile named \"b\""]),
                ("colour = 1\n", ["unknown key colour"]),
                ("[profiles.a]\nsecret_thing = \"abc\nx = 1\n", [":2:", "key secret_thing"]),
                ("[profiles.a]\nbatch_size = 5000\n", ["profiles.a.batch_size must be 1...1000"]),
                ("[profiles.a]\nluhn = \"strict\"\n", ["profiles.a.luhn"]),
            ]
            for (text, needles) in cases {
                let path = try box.writeConfig(text)
                let r = try await box.run(["status", "--profile", "a"], environment: env)
                #expect(r.status == 2, "\(text): \(r)")
                #expect(r.stderr.contains(path), "\(text): \(r)")
                for needle in needles { #expect(r.stderr.contains(needle), "\(text): \(r)") }
                #expect(!r.stderr.contains("abc"))
            }
            let explicit = try await box.run(["status", "--config", "/nonexistent/config.toml"], environment: env)
            #expect(explicit.status == 2, "\(explicit)")
            #expect(explicit.stderr.contains("/nonexistent/config.toml"))
        }
    }

    @Test func readonlyRefusesAssignAndRemove() async throws {
        try await withCLI { sim, box in
            try box.writeConfig("""
                [profiles.prod]
                readonly = true
                """)
            let ids = await sim.unlicensed(2)
            let env = sim.environment.merging(["THINGSPACE_PROFILE": "prod"]) { $1 }
            for command in ["assign", "remove"] {
                let r = try await box.run([command, "--yes"] + ids, environment: env)
                #expect(r.status == 2, "\(r)")
                #expect(r.stderr.contains("readonly"))
                #expect(r.stderr.contains("Nothing was sent"))
            }
            let flag = try await box.run(["assign", "--yes", "--readonly"] + ids, environment: sim.environment)
            #expect(flag.status == 2, "\(flag)")
            #expect(flag.stderr.contains("--readonly"))
            let counters = await sim.simulator.counters()
            #expect(counters.assignRequests == 0)
            #expect(counters.removeRequests == 0)
            // Reading still works.
            let status = try await box.run(["status"], environment: env)
            #expect(status.status == 0, "\(status)")
            let show = try Self.settings(try await box.run(["config", "show", "--format", "json"], environment: env))
            #expect(show["readonly"]?.value == "true")
        }
    }
}
