import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

/// Views by outcome after a run (`f`), with the filter and the licence view, and the store's
/// queries by outcome.
@Suite("Picker: outcome views")
struct OutcomeViewTests {
    /// 120 devices; the first 30 assigned (`Scenes.assignResult`: every third already licensed,
    /// n % 7 == 5 failed as not eligible).
    static func afterRun() -> ConsoleState { Scenes.finishedRun(120, 30) }

    static func shownIds(_ s: ConsoleState) -> [String] {
        (0..<s.shownCount).map { s.store.deviceId(s.picker.storeIndex(at: $0, in: s.store)) }
    }

    static func ids(_ outcomes: Set<DeviceOutcome>) -> [String] {
        (0..<30).filter { outcomes.contains(Scenes.assignResult($0).outcome) }.map(Fixture.imei)
    }

    @Test func afterARunTheFailedViewShowsExactlyTheFailedDevices() {
        var s = Self.afterRun()
        Fixture.keys(&s, .char("f"))
        #expect(s.picker.outcome == .failed)
        let failed = Self.ids([.failed])
        #expect(!failed.isEmpty)
        #expect(Self.shownIds(s) == failed)
        #expect(s.status?.text.contains("Showing failed devices: \(failed.count)") == true, "\(s.status?.text ?? "")")
        let grid = view(s, width: 120, height: 30)
        #expect(grid.lines[s.layout.listInfoY].contains("failed only"))
        #expect(ConsoleEndToEndRows.rows(grid).count == failed.count)
        #expect(ConsoleEndToEndRows.rows(grid).allSatisfy { $0.contains("failed") })
    }

    @Test func fCyclesEveryViewAndBackToAll() {
        var s = Self.afterRun()
        let expected: [(OutcomeView, [String])] = [
            (.failed, Self.ids([.failed])),
            (.succeeded, Self.ids([.success, .alreadyLicensed, .notLicensed])),
            (.unknown, []),
            (.notSent, []),
            (.all, (0..<120).map(Fixture.imei)),
        ]
        for (view, ids) in expected {
            Fixture.keys(&s, .char("f"))
            #expect(s.picker.outcome == view)
            #expect(Self.shownIds(s) == ids, "\(view)")
        }
        Fixture.keys(&s, .char("f"), .char("f"), .char("f"))
        #expect(s.picker.outcome == .unknown)
        let grid = view(s, width: 120, height: 30)
        #expect(grid.text.contains("No unknown devices (f changes the outcome view)"), "\(grid.text)")
    }

    @Test func theViewCombinesWithTheFilterAndTheLicenceView() {
        var s = Self.afterRun()
        Fixture.keys(&s, .char("f"), .char("f"))                    // succeeded
        Fixture.keys(&s, .char("l"), .char("l"))                    // licensed: every success holds a licence now
        let succeeded = Self.ids([.success, .alreadyLicensed])
        #expect(Self.shownIds(s) == succeeded)
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "telit")
        Fixture.keys(&s, .enter)
        let telit = (0..<30).filter { Fixture.makes[$0 % 5].0 == "Telit" }.map(Fixture.imei)
        #expect(Self.shownIds(s) == succeeded.filter(telit.contains))
        // The sort holds in a view too.
        Fixture.keys(&s, .char(">"), .char("~"))
        #expect(Self.shownIds(s) == succeeded.filter(telit.contains).reversed())
    }

    @Test func theKeyWaitsForARun() {
        var s = Fixture.state(devices: Fixture.devices(20))
        Fixture.keys(&s, .char("f"))
        #expect(s.picker.outcome == .all)
        #expect(s.status?.level == .warning && s.status?.text.contains("no run yet") == true)
    }

    @Test func aViewChosenDuringARunFollowsItsEnd() {
        var s = Scenes.midRun(120, 30)
        Fixture.keys(&s, .char("f"))
        let during = Self.shownIds(s)
        #expect(during == Self.ids([.failed]).filter { Int($0.dropLast().suffix(6))! < 10 })
        let tag = s.run!.tag
        for n in 10..<30 { _ = update(&s, .runEvent(.batchResults([Scenes.assignResult(n)], batch: n / 10 + 1), runTag: tag)) }
        let summary = RunSummary(runId: "run-1", operation: .assign, account: Fixture.context.account, results: (0..<30).map(Scenes.assignResult),
                                 unsent: [], elapsedMs: 9000, counts: nil, stopped: false, fatalError: nil)
        _ = update(&s, .runEvent(.finished(summary), runTag: tag))
        #expect(Self.shownIds(s) == Self.ids([.failed]))
    }

    @Test func storeQueriesByOutcome() {
        var store = DeviceStore()
        for d in Fixture.devices(8) { store.upsert(d) }
        store.record(1, outcome: .failed, operation: .assign, reason: "Device Not Found")
        store.record(2, outcome: .failed, operation: .assign, reason: "License assignment failed: device is not eligible for a license")
        store.record(3, outcome: .failed, operation: .assign, reason: "Internal server error")
        store.record(4, outcome: .unknown, operation: .assign, reason: "no answer")
        store.record(5, outcome: .skipped, operation: .assign, reason: "not sent: the run stopped")
        store.record(6, outcome: .alreadyLicensed, operation: .assign, reason: "License preexists")
        store.setPending(7, .assign)
        #expect(store.indices(in: .failed) == [1, 2, 3])
        #expect(store.indices(in: .succeeded) == [6])
        #expect(store.indices(in: .unknown) == [4] && store.indices(in: .notSent) == [5])
        #expect(store.indices(in: .all) == Array(0..<8))
        #expect(store.indices(withOutcome: [.unknown, .skipped]) == [4, 5])
        // Not found and not eligible: no retry can help.
        #expect(store.permanentlyFailedIndices == [1, 2])
        #expect(store.retryableIndices == [3, 4, 5])
        #expect(store.outcome(6) == .alreadyLicensed && store.outcome(0) == nil && store.outcome(7) == nil)
    }
}

/// Device rows of a drawn grid: lines that start with a selection box.
enum ConsoleEndToEndRows {
    static func rows(_ grid: CellGrid) -> [String] {
        grid.lines.filter { $0.hasPrefix("[ ]") || $0.hasPrefix("[x]") }
    }
}
