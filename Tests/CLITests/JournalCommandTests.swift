import TestSupport
import Foundation
import RunJournal
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// history, history show and undo through the binary; no secret in the journal; failed logins.
@Suite("journal commands: history, undo, secrets, failed logins")
struct JournalCommandTests {
    @Test func undoOfACompletedAssignReturnsTheUsedCountAndNamesKeptLicences() async throws {
        try await withCLI { sim, box in
            let usedAtStart = await sim.simulator.licenseCounts().used
            let ids = await sim.unlicensed(10)
            let assign = try await box.run(["assign", "--yes", "--batch-size", "3", "--note", "ticket 42"] + ids,
                                           environment: sim.environment)
            #expect(assign.status == 0, "\(assign)")
            #expect(await sim.simulator.licenseCounts().used == usedAtStart + 10)
            let runId = try #require(JournalCLITests.store(box).runIds().first)

            // One device has used its licence for an upgrade meanwhile: ThingSpace keeps it.
            var faults = sim.configuration.faults
            faults.failingDevices = [ids[0]]
            await sim.simulator.setFaults(faults)
            let undo = try await box.run(["undo", runId, "--yes", "--format", "json"], environment: sim.environment)
            #expect(undo.status == 1, "the kept licence is a failure: \(undo)")
            #expect(undo.stderr.contains("1 device keeps the licence: ThingSpace does not take back a licence"), "\(undo)")
            #expect(undo.stderr.contains("  \(ids[0]): License removal failed"), "\(undo)")
            #expect(await sim.simulator.licenseCounts().used == usedAtStart + 1)

            // Undone otherwise: the remaining licence goes once the upgrade lock is gone.
            faults.failingDevices = []
            await sim.simulator.setFaults(faults)
            let again = try await box.run(["undo", runId, "--yes"], environment: sim.environment)
            #expect(again.status == 0, "\(again)")
            #expect(await sim.simulator.licenseCounts().used == usedAtStart, "the used count is back where it was")

            let history = try await box.run(["history", "--format", "json"], environment: sim.environment)
            let rows = try history.jsonArray()
            #expect(rows.count == 3)
            #expect(rows.map { $0["operation"] as? String } == ["remove", "remove", "assign"], "newest first: \(history)")
            for row in rows {
                #expect(Set(row.keys) == ["id", "account", "baseURL", "operation", "startedAt", "finishedAt", "state", "devices",
                                          "succeeded", "failed", "unsent"])
                #expect(row["account"] as? String == sim.account && row["baseURL"] as? String == sim.url.absoluteString)
                #expect(row["state"] as? String == "completed" && row["finishedAt"] is String)
            }
            let table = try await box.run(["history"], environment: sim.environment)
            #expect(table.stdout.contains("undoes \(runId)") && table.stdout.contains("ticket 42"), "\(table)")

            let show = try await box.run(["history", "show", runId, "--format", "csv"], environment: sim.environment)
            #expect(show.status == 0, "\(show)")
            #expect(show.stdoutLines.first == "deviceId,status,reason,outcome,attempts")
            #expect(show.stdoutLines.count == 11 && show.stdoutLines.dropFirst().allSatisfy { $0.contains(",success,") })
            let json = try await box.run(["history", "show", runId, "--format", "json"], environment: sim.environment)
            #expect((try json.jsonObject()["results"] as? [Any])?.count == 10)

            let nothing = try await box.run(["resume", runId, "--yes"], environment: sim.environment)
            #expect(nothing.status == 2 && nothing.stderr.contains("has nothing to resume"), "\(nothing)")
            let elsewhere = try await box.run(["undo", runId, "--yes", "--base-url", "http://127.0.0.1:1"],
                                              environment: sim.environment)
            #expect(elsewhere.status == 2, "\(elsewhere)")
            #expect(elsewhere.stderr.contains(sim.url.absoluteString) && elsewhere.stderr.contains("http://127.0.0.1:1"))
            let unknown = try await box.run(["history", "show", "20200101T000000Z-000000"], environment: sim.environment)
            #expect(unknown.status == 2 && unknown.stderr.contains("no run 20200101T000000Z-000000"), "\(unknown)")
        }
    }

    @Test func aTornLastLineIsReportedAndNeverFatal() async throws {
        try await withCLI { sim, box in
            let ids = await sim.unlicensed(3)
            #expect(try await box.run(["assign", "--yes"] + ids, environment: sim.environment).status == 0)
            let store = JournalCLITests.store(box)
            let runId = try #require(store.runIds().first)
            let handle = try #require(FileHandle(forWritingAtPath: store.journalPath(runId)))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(#"{"type":"outcome","batch":7,"results":[{"devi"#.utf8))
            try handle.close()
            let history = try await box.run(["history", "--format", "json"], environment: sim.environment)
            #expect(history.status == 0, "\(history)")
            #expect(try history.jsonArray().first?["succeeded"] as? Int == 3)
            #expect(history.stderr.contains("run \(runId): line"), "\(history)")
            #expect(history.stderr.contains("incomplete (the process ended while writing it); ignored"), "\(history)")
            let show = try await box.run(["history", "show", runId], environment: sim.environment)
            #expect(show.status == 0 && show.stdout.contains("3 done"), "\(show)")
        }
    }

    @Test func theJournalHoldsNoSecretAndIsOwnerOnly() async throws {
        try await withCLI(SecretTests.configure) { sim, box in
            let ids = await sim.unlicensed(4)
            #expect(try await box.run(["assign", "--yes", "--batch-size", "2"] + ids, environment: sim.environment).status == 0)
            let runId = try #require(JournalCLITests.store(box).runIds().first)
            #expect(try await box.run(["undo", runId, "--yes"], environment: sim.environment).status == 0)
            let bearer = try await sim.client().authenticator.bearer()
            let secrets = [SecretTests.appSecret, SecretTests.password, bearer]
            let journals = box.allFiles().filter { $0.path.contains("/runs/") }
            #expect(journals.count == 2)
            for file in journals {
                for secret in secrets { #expect(!file.text.contains(secret), "a secret in \(file.path)") }
                let mode = (try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int ?? 0) & 0o777
                #expect(mode == 0o600, "\(file.path) is \(String(mode, radix: 8))")
            }
            let dir = JournalCLITests.store(box).directory
            #expect(((try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? Int ?? 0) & 0o777) == 0o700)
        }
    }

    /// Three credential rejections in a row, across invocations: the fourth is not tried without
    /// --force-login; a success starts the count again. A refused connection does not count.
    @Test func failedLoginsAreCountedAcrossInvocations() async throws {
        try await withCLI { sim, box in
            var wrong = sim.environment
            wrong["THINGSPACE_PASSWORD"] = "not-the-password"
            for n in 1...3 {
                let r = try await box.run(["status"], environment: wrong)
                #expect(r.status == 3, "attempt \(n): \(r)")
            }
            #expect(await sim.simulator.counters().loginFailures == 3)
            let refused = try await box.run(["status"], environment: wrong)
            #expect(refused.status == 3, "\(refused)")
            #expect(refused.stderr.contains("3 failed logins in a row for user \(sim.configuration.username)"), "\(refused)")
            #expect(refused.stderr.contains("5 failures lock the account") && refused.stderr.contains("--force-login"))
            #expect(await sim.simulator.counters().loginAttempts == 3, "the fourth login was not tried")
            // The right password is refused too until forced: the count is per base URL and user, not per password.
            #expect(try await box.run(["status"], environment: sim.environment).status == 3)
            let forced = try await box.run(["status", "--force-login"], environment: sim.environment)
            #expect(forced.status == 0, "\(forced)")
            #expect(try await box.run(["status"], environment: sim.environment).status == 0, "a success reset the count")

            // Another base URL (a refused port) is a connection error, not a rejection: never counted.
            let closed = try BoundPort()
            defer { closed.close() }
            var down = wrong
            down["THINGSPACE_BASE_URL"] = "http://127.0.0.1:\(closed.port)"
            for _ in 1...4 { #expect(try await box.run(["status"], environment: down).status == 4) }
            let ledger = try String(contentsOfFile: box.stateDirectory + "/tslicense/login-failures.json", encoding: .utf8)
            #expect(!ledger.contains("\(closed.port)"), "\(ledger)")
        }
    }
}
