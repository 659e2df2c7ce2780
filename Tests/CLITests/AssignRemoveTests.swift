import Foundation
import Testing
import ThingSpaceSimulator

@Suite("assign and remove against the simulator")
struct AssignRemoveTests {
    @Test func assignInEveryFormat() async throws {
        try await withCLI { sim, box in
            let ids = await sim.unlicensed(9)
            // JSON
            let json = try await box.run(["assign", "--yes", "--format", "json"] + Array(ids[0..<3]), environment: sim.environment)
            #expect(json.status == 0, "\(json)")
            let doc = try json.jsonObject()
            #expect(doc["account"] as? String == sim.account)
            #expect(doc["total"] as? Int == 1000)
            #expect(doc["used"] as? Int == 103)
            let results = try #require(doc["results"] as? [[String: Any]])
            #expect(results.map { $0["deviceId"] as? String } == Array(ids[0..<3]))
            for r in results {
                #expect(r["outcome"] as? String == "success")
                #expect(r["status"] as? String == "LicenseAssignSuccess")
                #expect(r["reason"] != nil)
            }
            let summary = try #require(doc["summary"] as? [String: Any])
            #expect(summary["success"] as? Int == 3)
            #expect(summary["elapsedMs"] is Int)
            // CSV
            let csv = try await box.run(["assign", "--yes", "--format", "csv"] + Array(ids[3..<6]), environment: sim.environment)
            #expect(csv.status == 0, "\(csv)")
            #expect(csv.stdoutLines.first == "deviceId,status,reason,outcome,attempts")
            #expect(csv.stdoutLines.count == 4)
            #expect(csv.stdoutLines.dropFirst().allSatisfy { $0.hasSuffix(",success,1") })
            // Table: one line per device, the summary, and the account and host on stderr.
            let table = try await box.run(["assign", "--yes", "--batch-size", "1"] + Array(ids[6..<9]), environment: sim.environment)
            #expect(table.status == 0, "\(table)")
            for id in ids[6..<9] { #expect(table.stdoutLines.contains { $0.hasPrefix(id) && $0.contains("success") }) }
            #expect(table.stdout.contains("assign: 3 devices: 3 success"))
            #expect(table.stderr.contains("account \(sim.account) on \(sim.url.host!):\(sim.url.port!)"))

            let licensed = await sim.simulator.licensedDeviceIds()
            #expect(Set(ids).isSubset(of: licensed))
            #expect(await sim.simulator.counters().assignRequests == 5)   // 1 + 1 + 3 batches of one
        }
    }

    @Test func removeInEveryFormat() async throws {
        try await withCLI { sim, box in
            let ids = await sim.licensed(6)
            let table = try await box.run(["remove", "--yes"] + Array(ids[0..<2]), environment: sim.environment)
            #expect(table.status == 0, "\(table)")
            for id in ids[0..<2] { #expect(table.stdoutLines.contains { $0.hasPrefix(id) && $0.contains("LicenseRemoveSuccess") }) }
            #expect(table.stdout.contains("remove: 2 devices: 2 success, 0 not licensed"))
            #expect(table.stdout.contains("licences: 98 of 1,000 used"))
            let csv = try await box.run(["remove", "--yes", "--format", "csv"] + Array(ids[2..<4]), environment: sim.environment)
            #expect(csv.status == 0, "\(csv)")
            #expect(csv.stdoutLines == ["deviceId,status,reason,outcome,attempts"] + ids[2..<4].map { "\($0),LicenseRemoveSuccess,Success,success,1" })
            let json = try await box.run(["remove", "--yes", "--format", "json"] + Array(ids[4..<6]), environment: sim.environment)
            #expect(json.status == 0, "\(json)")
            #expect(try json.jsonObject()["used"] as? Int == 94)
            #expect(await sim.simulator.licensedDeviceIds().isDisjoint(with: ids))
        }
    }

    @Test func alreadyLicensedAndNotLicensedAreSuccessForTheExitCode() async throws {
        try await withCLI { sim, box in
            let licensed = await sim.licensed(2)
            let unlicensed = await sim.unlicensed(2)
            let again = try await box.run(["assign", "--yes", "--format", "json"] + licensed, environment: sim.environment)
            #expect(again.status == 0, "\(again)")
            let results = try #require(try again.jsonObject()["results"] as? [[String: Any]])
            #expect(results.allSatisfy { $0["outcome"] as? String == "alreadyLicensed" })

            let remove = try await box.run(["remove", "--yes", "--format", "json"] + unlicensed + licensed, environment: sim.environment)
            #expect(remove.status == 0, "\(remove)")
            let removed = try #require(try remove.jsonObject()["results"] as? [[String: Any]])
            #expect(removed.prefix(2).allSatisfy { $0["outcome"] as? String == "notLicensed" })
            #expect(removed.suffix(2).allSatisfy { $0["outcome"] as? String == "success" })
            let now = await sim.simulator.licensedDeviceIds()
            #expect(now.isDisjoint(with: licensed))
            #expect(await sim.simulator.licenseCounts().used == 98)
        }
    }

    @Test func invalidLinesAreAllReportedAndNothingIsSent() async throws {
        try await withCLI { sim, box in
            let ids = await sim.unlicensed(2)
            let path = try box.file("list.txt", "\(ids[0])\n12345\n\n# a comment\nabcdefghijklmno\n\(ids[1])\n35209900176148\n")
            let r = try await box.run(["assign", "--yes", "--from-file", path], environment: sim.environment)
            #expect(r.status == 2, "\(r)")
            #expect(r.stderr.contains("\(path):2: "))
            #expect(r.stderr.contains("\(path):5: "))
            #expect(r.stderr.contains("\(path):7: "))
            #expect(!r.stderr.contains("\(path):1: "))
            #expect(r.stderr.contains("3 invalid entries; nothing was sent"))
            #expect(r.stdout.isEmpty)
            #expect(await sim.simulator.counters().assignRequests == 0)
            #expect(await sim.simulator.licenseCounts().used == 100)

            // Invalid arguments too.
            let args = try await box.run(["remove", "--yes", ids[0], "1234"], environment: sim.environment)
            #expect(args.status == 2, "\(args)")
            #expect(args.stderr.contains("argument 2: \"1234\""))
            #expect(await sim.simulator.counters().removeRequests == 0)
        }
    }

    @Test func skipInvalidSendsTheRestAndReportsSkipped() async throws {
        try await withCLI { sim, box in
            let ids = await sim.unlicensed(2)
            let path = try box.file("list.txt", "\(ids[0])\n12345\n\(ids[1])\n\(ids[0])\n")
            let r = try await box.run(["assign", "--yes", "--skip-invalid", "--format", "json", "--from-file", path],
                                      environment: sim.environment)
            #expect(r.status == 0, "\(r)")
            #expect(r.stderr.contains("\(path):2: "))
            let results = try #require(try r.jsonObject()["results"] as? [[String: Any]])
            #expect(results.count == 4)
            #expect(results.map { $0["outcome"] as? String } == ["success", "skipped", "success", "skipped"])
            #expect(results[1]["status"] as? String == "Invalid")
            #expect(results[1]["deviceId"] as? String == "12345")
            #expect(results[3]["status"] as? String == "Duplicate")
            #expect(Set(ids).isSubset(of: await sim.simulator.licensedDeviceIds()))
        }
    }

    @Test func skippedEntriesKeepTheirPlaceInTheResults() async throws {
        try await withCLI { sim, box in
            let ids = await sim.unlicensed(2)
            let path = try box.file("order.txt", "\(ids[0])\n\(ids[0])\nbad\n\(ids[1])\n1,2\n")
            let r = try await box.run(["assign", "--yes", "--skip-invalid", "--format", "json", "--from-file", path],
                                      environment: sim.environment)
            #expect(r.status == 0, "\(r)")
            let results = try #require(try r.jsonObject()["results"] as? [[String: Any]])
            #expect(results.map { $0["status"] as? String } == ["LicenseAssignSuccess", "Duplicate", "Invalid", "LicenseAssignSuccess", "Invalid"])
            #expect(results.map { $0["deviceId"] as? String } == [ids[0], ids[0], "bad", ids[1], ""])
            #expect(results[2]["reason"] as? String == "\(path):3: \"bad\" is not an IMEI: an IMEI has only digits 0-9, found \"b\"")
            #expect(r.stderr.contains("\(path):5: expected one IMEI per line, found 2 values"))
        }
    }

    @Test func theProfilesLuhnPolicyIsTheOneThatCounts() async throws {
        try await withCLI { sim, box in
            let badLuhn = "990008629123452"
            let lenient = try await box.run(["assign", "--yes", "--dry-run", badLuhn], environment: sim.environment)
            #expect(lenient.status == 0, "\(lenient)")
            #expect(lenient.stderr.contains("warning: argument 1: \(badLuhn): Luhn check digit is 2, expected 1 (sent anyway)"))

            try box.writeConfig("""
                [profiles.strict]
                luhn = "error"
                """)
            let strict = try await box.run(["assign", "--yes", "--profile", "strict", badLuhn], environment: sim.environment)
            #expect(strict.status == 2, "\(strict)")
            #expect(strict.stderr.contains("argument 1: \"\(badLuhn)\" is not an IMEI: Luhn check digit is 2, expected 1"))
            #expect(strict.stderr.contains("1 invalid entry; nothing was sent"))
            #expect(await sim.simulator.counters().assignRequests == 0)
        }
    }

    @Test func csvAndStandardInput() async throws {
        try await withCLI { sim, box in
            let ids = await sim.unlicensed(4)
            let csv = try box.file("devices.csv", "name,IMEI,site\nfirst,\(ids[0]),a\nsecond,\(ids[1]),b\n")
            let fromCSV = try await box.run(["assign", "--yes", "--from-file", csv, "--format", "csv"], environment: sim.environment)
            #expect(fromCSV.status == 0, "\(fromCSV)")
            #expect(fromCSV.stdoutLines.count == 3)

            let fromStdin = try await box.run(["assign", "--yes", "--from-file", "-", "--format", "json"],
                                              environment: sim.environment, stdin: "\(ids[2])\n\(ids[3])\n")
            #expect(fromStdin.status == 0, "\(fromStdin)")
            #expect(try #require(try fromStdin.jsonObject()["results"] as? [[String: Any]]).count == 2)

            let badStdin = try await box.run(["assign", "--yes", "--from-file", "-"], environment: sim.environment, stdin: "x\n")
            #expect(badStdin.status == 2, "\(badStdin)")
            #expect(badStdin.stderr.contains("<stdin>:1: "))

            #expect(Set(ids).isSubset(of: await sim.simulator.licensedDeviceIds()))
        }
    }

    @Test func withoutATerminalYesIsRequired() async throws {
        try await withCLI { sim, box in
            let ids = await sim.unlicensed(2)
            let r = try await box.run(["assign"] + ids, environment: sim.environment)
            #expect(r.status == 2, "\(r)")
            #expect(r.stderr.contains("--yes"))
            #expect(r.stderr.contains(sim.account))
            let remove = try await box.run(["remove"] + ids, environment: sim.environment)
            #expect(remove.status == 2, "\(remove)")
            #expect(await sim.simulator.counters().assignRequests == 0)
            #expect(await sim.simulator.counters().removeRequests == 0)
        }
    }

    @Test func maxDevicesRefusesLargerRuns() async throws {
        try await withCLI { sim, box in
            let ids = await sim.unlicensed(3)
            let r = try await box.run(["assign", "--yes", "--max-devices", "2"] + ids, environment: sim.environment)
            #expect(r.status == 2, "\(r)")
            #expect(r.stderr.contains("--max-devices"))
            #expect(await sim.simulator.counters().assignRequests == 0)

            // From the profile.
            try box.writeConfig("""
                [profiles.capped]
                max_devices = 2
                """)
            let capped = try await box.run(["assign", "--yes", "--profile", "capped"] + ids, environment: sim.environment)
            #expect(capped.status == 2, "\(capped)")
            #expect(capped.stderr.contains("max_devices"))
            #expect(await sim.simulator.counters().assignRequests == 0)

            let ok = try await box.run(["assign", "--yes", "--max-devices", "3"] + ids, environment: sim.environment)
            #expect(ok.status == 0, "\(ok)")
        }
    }

    @Test func dryRunSendsNothingAndShowsTheLicencesAfter() async throws {
        try await withCLI { sim, box in
            let unlicensed = await sim.unlicensed(3)
            let licensed = await sim.licensed(1)
            let json = try await box.run(["assign", "--dry-run", "--format", "json"] + unlicensed + licensed, environment: sim.environment)
            #expect(json.status == 0, "\(json)")
            let doc = try json.jsonObject()
            #expect(doc["dryRun"] as? Bool == true)
            #expect(doc["used"] as? Int == 100)
            #expect(doc["usedAfter"] as? Int == 103)
            #expect(doc["freeAfter"] as? Int == 897)
            let devices = try #require(doc["devices"] as? [[String: Any]])
            #expect(devices.map { $0["deviceId"] as? String } == unlicensed + licensed)
            #expect(devices.last?["action"] as? String == "none")

            let table = try await box.run(["remove", "--dry-run"] + unlicensed + licensed, environment: sim.environment)
            #expect(table.status == 0, "\(table)")
            #expect(table.stdout.contains("would remove 4 devices"))
            #expect(table.stdout.contains("licences after: 99 of 1,000 used"))

            let csv = try await box.run(["remove", "--dry-run", "--format", "csv"] + licensed, environment: sim.environment)
            #expect(csv.stdoutLines == ["deviceId,licensedNow,licensedAfter,action", "\(licensed[0]),true,false,remove"])

            #expect(await sim.simulator.counters().assignRequests == 0)
            #expect(await sim.simulator.counters().removeRequests == 0)
            #expect(await sim.simulator.licenseCounts().used == 100)
        }
    }

    @Test func resultsFileIsWritten() async throws {
        try await withCLI { sim, box in
            let ids = await sim.unlicensed(2)
            let path = box.root.appendingPathComponent("io/results.csv").path
            let r = try await box.run(["assign", "--yes", "--output", path] + ids, environment: sim.environment)
            #expect(r.status == 0, "\(r)")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("deviceId,status,reason,outcome"))
            #expect(FileManager.default.fileExists(atPath: box.root.appendingPathComponent("io/results.summary.csv").path))
        }
    }

    @Test func argumentsAndFileExcludeEachOther() async throws {
        try await withSandbox { box in
            let both = try await box.run(["assign", "--yes", "--from-file", "x", "352099001761481"])
            #expect(both.status == 2, "\(both)")
            let neither = try await box.run(["remove", "--yes"])
            #expect(neither.status == 2, "\(neither)")
            let batch = try await box.run(["assign", "--batch-size", "0", "352099001761481"])
            #expect(batch.status == 2, "\(batch)")
        }
    }
}

@Suite("table output streams")
struct StreamingTests {
    /// With batches held by the simulator, the first batch's line shows while the second is still
    /// in flight.
    @Test func eachDevicesLineIsPrintedAsItsBatchReturns() async throws {
        try await withCLI({ $0.faults.holdBatches = true }) { sim, box in
            let ids = await sim.unlicensed(2)
            let cli = try box.start(["assign", "--yes", "--batch-size", "1", "--concurrency", "1"] + ids,
                                    environment: sim.environment)
            defer { cli.kill() }
            let held = await cli.waitFor { await sim.simulator.heldBatchCount() >= 1 }
            #expect(held, "the first batch never reached the simulator: \(cli.stderrSoFar)")
            await sim.simulator.releaseBatches(1)
            let firstShown = await cli.waitFor { cli.stdoutSoFar.contains(ids[0]) }
            #expect(firstShown, "\(cli.stdoutSoFar)")
            #expect(!cli.stdoutSoFar.contains(ids[1]))
            #expect(cli.isRunning)
            await sim.simulator.setHoldBatches(false)
            await sim.simulator.releaseAllBatches()
            let result = await cli.finish()
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains(ids[1]))
        }
    }
}
