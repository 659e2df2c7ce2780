import Drawing
import Foundation
@testable import LicenseConsole
import RunJournal
import Testing
import ThingSpaceAPI

/// The history view's screens, from journals folded in memory (no files).
@Suite("History view")
struct HistoryViewTests {
    /// A folded run of `ids`: the first `done` succeeded, the rest never sent; `end` nil while it has none.
    static func run(_ id: String, _ operation: LicenseOperation, ids: [String], done: Int, startedAgo: Double,
                    end: RunState?) -> (JournaledRun, RunState) {
        let at = JournalClock.string(Fixture.t0.addingTimeInterval(-startedAgo))
        var start = JournalRecord(type: .start, at: at)
        start.runId = id
        start.account = "0242078689-00001"
        start.baseURL = "https://thingspace.verizon.com/api"
        start.apiVersion = "v1"
        start.operation = operation
        start.entries = ids
        start.devices = ids
        var outcome = JournalRecord(type: .outcome, at: at)
        outcome.batch = 0
        outcome.results = ids.prefix(done).map { DeviceResult(deviceId: $0, status: "Success", reason: "", outcome: .success, attempts: 1) }
        var records = [start, outcome]
        if let end {
            var record = JournalRecord(type: .end, at: at)
            record.state = end.rawValue
            records.append(record)
        }
        let run = JournaledRun(records: records)!
        return (run, run.state(lockHeld: false))
    }

    static func scene(inspect: Bool) -> ConsoleState {
        var s = Scenes.picker(80, 24)
        let ids = (0..<12).map(Fixture.imei)
        let runs = [
            run("20251124T155500Z-0a1b2c", .assign, ids: Array(ids.prefix(3)), done: 3, startedAgo: 300, end: .completed),
            run("20251124T150000Z-3d4e5f", .assign, ids: ids, done: 4, startedAgo: 3_600 + 600, end: .stopped),
            run("20251122T090000Z-6a7b8c", .remove, ids: Array(ids.prefix(5)), done: 2, startedAgo: 2 * 86_400, end: nil),
        ]
        var h = HistoryState()
        h.runs = runs.map { RunOverview($0.0, state: $0.1) }
        h.cursor = 1
        if inspect {
            h.inspected = HistoryRun(runs[1].0, state: runs[1].1, account: "0242078689-00001", baseURL: "https://thingspace.verizon.com/api")
            h.resultCursor = 2
        }
        s.modal = .history(h)
        return s
    }

    @Test func runs80x24() {
        let s = Self.scene(inspect: false)
        Snapshot.check(view(s, width: 80, height: 24), "history80x24", expected: Snapshots.history80x24)
    }

    @Test func inspectedRunListsItsDevicesInTheChosenView() {
        var s = Self.scene(inspect: true)
        var screen = view(s, width: 100, height: 30).text
        #expect(screen.contains("Run 20251124T150000Z-3d4e5f"))
        #expect(screen.contains("12 devices: 4 done, 0 failed, 8 without a final outcome"), "\(screen)")
        #expect(screen.contains(Fixture.imei(11)), "all 12 devices fit:\n\(screen)")
        // f: failed (none), then succeeded (the first four).
        Fixture.keys(&s, .char("f"))
        guard case .history(let failed) = s.modal else { Issue.record("the view closed"); return }
        #expect(failed.outcome == .failed && failed.shownResults.isEmpty)
        Fixture.keys(&s, .char("f"))
        screen = view(s, width: 100, height: 30).text
        guard case .history(let succeeded) = s.modal else { Issue.record("the view closed"); return }
        #expect(succeeded.shownResults.map(\.deviceId) == (0..<4).map(Fixture.imei))
        #expect(screen.contains(Fixture.imei(3)) && !screen.contains(Fixture.imei(4)), "\(screen)")
    }

    /// `u` on a run with a device that answered "already licensed" after an unanswered attempt:
    /// the dialog lists it as uncertain and leaves it alone; `i` includes it; `y` sends the undo.
    @Test func undoDialogListsUncertainDevicesAndIncludesThemOnRequest() {
        var s = Scenes.picker(80, 24)
        let (a, b) = (Fixture.imei(0), Fixture.imei(1))
        var start = JournalRecord(type: .start, at: JournalClock.string(Fixture.t0))
        start.runId = "20251124T155500Z-0a1b2c"
        start.account = s.context.account
        start.baseURL = s.context.baseURL
        start.operation = .assign
        start.entries = [a, b]
        start.devices = [a, b]
        var outcome = JournalRecord(type: .outcome, at: start.at)
        outcome.batch = 0
        outcome.results = [DeviceResult(deviceId: a, status: "Success", reason: "", outcome: .success, attempts: 1),
                           DeviceResult(deviceId: b, status: "Preexisting", reason: "already licensed", outcome: .alreadyLicensed,
                                        attempts: 2, earlierAttemptUnanswered: true)]
        var end = JournalRecord(type: .end, at: start.at)
        end.state = "completed"
        let run = JournaledRun(records: [start, outcome, end])!
        var h = HistoryState()
        h.runs = [RunOverview(run, state: .completed)]
        h.reading = run.id
        s.modal = .history(h)
        _ = update(&s, .history(.read(HistoryRun(run, state: .completed, account: s.context.account, baseURL: s.context.baseURL),
                                      intent: .undo)))
        guard case .confirm(let dialog) = s.modal else { Issue.record("no undo dialog: \(String(describing: s.modal))"); return }
        #expect(dialog.operation == .remove && dialog.deviceIds == [a] && dialog.uncertain == [b])
        #expect(dialog.followUp == .undo(runId: run.id))
        var screen = view(s, width: 100, height: 30).text
        #expect(screen.contains("Undo \(run.id)"), "\(screen)")
        #expect(screen.contains("they are left alone (i includes them)") && screen.contains(b), "\(screen)")
        Fixture.keys(&s, .char("i"))
        guard case .confirm(let including) = s.modal else { Issue.record("the dialog closed"); return }
        #expect(including.deviceIds == [a, b])
        screen = view(s, width: 100, height: 30).text
        #expect(screen.contains("they are reversed too"), "\(screen)")
        #expect(Fixture.keys(&s, .char("y")) == [.startRun(.remove, deviceIds: [a, b], runTag: 1)])
        #expect(s.run?.followUp == .undo(runId: run.id))
    }

    @Test func aListCutToTheNewestRunsSaysHowManyThereAre() {
        var s = Scenes.picker(100, 24)
        Fixture.keys(&s, .char("H"))
        let (run, state) = Self.run("20251124T155500Z-0a1b2c", .assign, ids: [Fixture.imei(0)], done: 1, startedAgo: 60, end: .completed)
        _ = update(&s, .history(.listed(runs: [RunOverview(run, state: state)], problems: [], total: 1_250)))
        var screen = view(s, width: 100, height: 24).text
        #expect(screen.contains("the 1 newest of 1,250 runs (tslicense history lists all)"), "\(screen)")
        // Every run listed: just the count.
        _ = update(&s, .history(.listed(runs: [RunOverview(run, state: state)], problems: [], total: 1)))
        screen = view(s, width: 100, height: 24).text
        #expect(screen.contains("1 run; OPEN") && !screen.contains("newest of"), "\(screen)")
    }

    @Test func keysOpenAndCloseTheView() {
        var s = Scenes.picker(80, 24)
        #expect(Fixture.keys(&s, .char("H")) == [.history(.list)])
        #expect(s.keyContext == .history)
        // Reads of the runs come back as messages.
        let (run, state) = Self.run("20251124T155500Z-0a1b2c", .assign, ids: [Fixture.imei(0)], done: 1, startedAgo: 60, end: .completed)
        _ = update(&s, .history(.listed(runs: [RunOverview(run, state: state)], problems: [])))
        #expect(Fixture.keys(&s, .enter) == [.history(.read(runId: run.id, intent: .inspect, account: s.context.account,
                                                              baseURL: s.context.baseURL))])
        // H closes from the list; q and Esc do too.
        for key in [Key.char("H"), .char("q"), .escape] {
            s.modal = .history(HistoryState())
            Fixture.keys(&s, key)
            #expect(s.modal == nil, "\(key) closes the history")
        }
    }
}
