import Foundation
import RunJournal
import Testing
import ThingSpaceAPI

/// The fold, state, resume and undo plans, and the announcement, from records written by hand.
@Suite("journaled runs: fold, plans, announcement")
struct RunFoldTests {
    static let a = "352099001761481", b = "352099001761482", c = "352099001761483", d = "352099001761484"

    static func start(_ op: LicenseOperation = .assign, devices: [String] = [a, b, c, d]) -> JournalRecord {
        var r = JournalRecord(type: .start, at: "2026-11-28T06:30:12.000Z")
        r.runId = "20261128T063012Z-abcdef"
        r.account = "0242078689-00001"
        r.baseURL = "http://127.0.0.1:8080"
        r.apiVersion = "v1"
        r.operation = op
        r.entries = devices + ["12345"]
        r.devices = devices
        r.skipped = [DeviceResult(deviceId: "12345", status: "Invalid", reason: "not an IMEI", outcome: .skipped)]
        return r
    }

    static func intent(_ batch: Int, _ ids: [String]) -> JournalRecord {
        var r = JournalRecord(type: .intent)
        r.batch = batch
        r.attempt = 1
        r.devices = ids
        return r
    }

    static func outcome(_ results: [DeviceResult]) -> JournalRecord {
        var r = JournalRecord(type: .outcome)
        r.batch = 0
        r.results = results
        return r
    }

    static func ok(_ id: String, _ outcome: DeviceOutcome = .success, unanswered: Bool = false) -> DeviceResult {
        DeviceResult(deviceId: id, status: outcome == .failed ? "LicenseAssignFailed" : "LicenseAssignSuccess",
                     reason: outcome == .alreadyLicensed ? "Device license preexisting" : "Success", outcome: outcome,
                     attempts: unanswered ? 2 : 1, earlierAttemptUnanswered: unanswered)
    }

    static func end(_ state: RunState) -> JournalRecord {
        var r = JournalRecord(type: .end, at: "2026-11-28T06:31:00.000Z")
        r.state = state.rawValue
        return r
    }

    /// Killed with batch 0 answered and batch 1 on the wire; c and d never answered, d never sent.
    static var killed: [JournalRecord] {
        [start(), intent(0, [a, b]), outcome([ok(a), ok(b, .failed)]), intent(1, [c])]
    }

    @Test func aKilledRunIsInterruptedWithItsUnansweredAndUnsentDevicesPending() throws {
        let run = try #require(JournaledRun(records: Self.killed))
        #expect(run.state(lockHeld: false) == .interrupted)
        #expect(run.state(lockHeld: true) == .running)
        #expect(run.pending == [Self.c, Self.d])
        #expect(run.sentUnanswered == [Self.c])
        #expect((run.succeeded, run.failed, run.unsent) == (1, 1, 2))
        #expect(run.finishedAt == nil)
        let shown = run.displayResults
        #expect(shown.map(\.outcome) == [.success, .failed, .unknown, .skipped, .skipped])
        #expect(shown.map(\.status) == ["LicenseAssignSuccess", "LicenseAssignFailed", "NoAnswer", "NotSent", "Invalid"])
    }

    @Test func aResumedRunReadsCompletedAndItsLateAnswerIsPossiblyOwnDoing() throws {
        var records = Self.killed
        var resume = JournalRecord(type: .resume)
        resume.devices = [Self.c, Self.d]
        records += [resume, Self.intent(0, [Self.c, Self.d]),
                    Self.outcome([Self.ok(Self.c, .alreadyLicensed), Self.ok(Self.d)]), Self.end(.completed)]
        let run = try #require(JournaledRun(records: records))
        #expect(run.state(lockHeld: false) == .completed)
        #expect(run.parts == 2)
        #expect(run.pending.isEmpty)
        #expect(run.finishedAt == "2026-11-28T06:31:00.000Z")
        let c = try #require(run.displayResults.first { $0.deviceId == Self.c })
        #expect(c.possiblyOwnDoing, "c's first batch went unanswered, so its preexisting licence may be the run's own")
        #expect(RunOverview(run, state: .completed).succeeded == 3)
    }

    @Test func resumeRefusesRunningRunsOtherTargetsAndFinishedOnes() throws {
        let run = try #require(JournaledRun(records: Self.killed))
        let plan = try ResumePlan.make(run, state: .interrupted, account: run.account, baseURL: run.baseURL + "/")
        #expect(plan.devices == [Self.c, Self.d])
        #expect(plan.sentUnanswered == [Self.c])
        #expect(plan.marked(Self.ok(Self.c, .alreadyLicensed)).possiblyOwnDoing)
        #expect(!plan.marked(Self.ok(Self.d, .alreadyLicensed)).possiblyOwnDoing)

        #expect(throws: JournalError.self) { try ResumePlan.make(run, state: .running, account: run.account, baseURL: run.baseURL) }
        do {
            _ = try ResumePlan.make(run, state: .interrupted, account: "0242078689-00002", baseURL: "https://thingspace.verizon.com")
            Issue.record("another account was accepted")
        } catch {
            #expect(error.description.contains("0242078689-00001 at http://127.0.0.1:8080"))
            #expect(error.description.contains("0242078689-00002 at https://thingspace.verizon.com"))
        }
        let done = try #require(JournaledRun(records: [Self.start(devices: [Self.a]), Self.intent(0, [Self.a]),
                                                       Self.outcome([Self.ok(Self.a)]), Self.end(.completed)]))
        #expect(throws: JournalError.self) { try ResumePlan.make(done, state: .completed, account: done.account, baseURL: done.baseURL) }
    }

    @Test func undoReversesWhatTheRunChangedAndLeavesUncertainDevicesAlone() throws {
        let records = [Self.start(), Self.intent(0, [Self.a, Self.b, Self.c, Self.d]),
                       Self.outcome([Self.ok(Self.a), Self.ok(Self.b, .alreadyLicensed),
                                     Self.ok(Self.c, .alreadyLicensed, unanswered: true), Self.ok(Self.d, .failed)]),
                       Self.end(.completed)]
        let run = try #require(JournaledRun(records: records))
        let plan = try UndoPlan.make(run, state: .completed, account: run.account, baseURL: run.baseURL, includeUncertain: false)
        #expect(plan.operation == .remove)
        #expect(plan.certain == [Self.a])
        #expect(plan.uncertain == [Self.c])
        #expect(plan.devices == [Self.a])
        let all = try UndoPlan.make(run, state: .completed, account: run.account, baseURL: run.baseURL, includeUncertain: true)
        #expect(all.devices == [Self.a, Self.c])

        // A known state before the run settles the doubt: c had no licence, so the run gave it one.
        var before = JournalRecord(type: .before)
        before.licensed = [Self.a: false, Self.b: true, Self.c: false, Self.d: false]
        let known = try #require(JournaledRun(records: [records[0], before] + records.dropFirst()))
        let settled = try UndoPlan.make(known, state: .completed, account: run.account, baseURL: run.baseURL, includeUncertain: false)
        #expect(settled.certain == [Self.a, Self.c])
        #expect(settled.uncertain.isEmpty)
    }

    @Test func undoNamesLicencesKeptForAnUpgrade() {
        let kept = DeviceResult(deviceId: Self.a, status: "LicenseRemoveFailed",
                                reason: "License removal failed: license is in use by a scheduled upgrade", outcome: .failed)
        let notes = UndoPlan.upgradeNotes([kept, Self.ok(Self.b)])
        #expect(notes.count == 2)
        #expect(notes[0].hasPrefix("1 device keeps the licence: ThingSpace does not take back a licence"))
        #expect(notes[1].contains(Self.a))
        #expect(UndoPlan.upgradeNotes([Self.ok(Self.b)]).isEmpty)
    }

    @Test func theAnnouncementNamesTheRunItsPendingDevicesAndTheCommand() throws {
        let run = try #require(JournaledRun(records: Self.killed))
        let one = RunOverview(run, state: .interrupted)
        #expect(RunAnnouncement.text([one]) == "run 20261128T063012Z-abcdef (assign, 4 devices) was interrupted: "
                + "2 devices have no final outcome; resume it with: tslicense resume 20261128T063012Z-abcdef")
        #expect(RunAnnouncement.text([one, one])?.hasSuffix("(1 more interrupted run: tslicense history)") == true)
        #expect(RunAnnouncement.text([]) == nil)
    }

    @Test func historyJSONHasExactlyTheDocumentedFields() throws {
        let run = try #require(JournaledRun(records: Self.killed))
        let data = try JSONEncoder().encode([RunOverview(run, state: .interrupted)])
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(Set(rows[0].keys) == ["id", "account", "baseURL", "operation", "startedAt", "finishedAt", "state",
                                      "devices", "succeeded", "failed", "unsent"])
        #expect(rows[0]["finishedAt"] is NSNull)
        #expect(rows[0]["state"] as? String == "interrupted")
        #expect(rows[0]["devices"] as? Int == 4)
    }
}
