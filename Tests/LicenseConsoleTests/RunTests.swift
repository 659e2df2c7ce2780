import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

@Suite("Runs: results, gauge, panel, stop, quit")
struct RunTests {
    static func started(_ op: LicenseOperation, devices: [DeviceInfo], used: Int) -> (ConsoleState, Int) {
        var s = Fixture.state(devices: devices, counts: LicenseCounts(total: 9000, used: used))
        Fixture.keys(&s, .char("v"), .char(op == .assign ? "a" : "x"), .char("y"))
        let tag = s.run!.tag
        let plan = RunPlan(runId: "r", operation: op, account: Fixture.context.account, deviceIds: devices.map(\.deviceId),
                           batchSize: 10, batchCount: (devices.count + 9) / 10, skipped: [], warnings: [])
        _ = update(&s, .runEvent(.started(plan), runTag: tag))
        return (s, tag)
    }

    @Test func assignGaugeNeverGoesDownWithOutOfOrderCounts() {
        var (s, tag) = Self.started(.assign, devices: Fixture.devices(30, licensed: { _ in false }), used: 1000)
        var shown: [Int] = []
        for used in [1010, 1030, 1020, 1005, 1040, 1035] {
            _ = update(&s, .runEvent(.counts(LicenseCounts(total: 9000, used: used)), runTag: tag))
            shown.append(s.counts!.used)
            #expect(view(s, width: 80, height: 24).lines[1].contains(Format.count(s.counts!.used) + " / 9,000"))
        }
        #expect(shown == [1010, 1030, 1030, 1030, 1040, 1040])
    }

    @Test func removeGaugeNeverGoesUp() {
        var (s, tag) = Self.started(.remove, devices: Fixture.devices(30, licensed: { _ in true }), used: 1000)
        var shown: [Int] = []
        for used in [990, 995, 980, 985, 970] {
            _ = update(&s, .runEvent(.counts(LicenseCounts(total: 9000, used: used)), runTag: tag))
            shown.append(s.counts!.used)
        }
        #expect(shown == [990, 990, 980, 980, 970])
    }

    @Test func successesMoveTheGaugeWhenCountersLag() {
        var (s, tag) = Self.started(.assign, devices: Fixture.devices(5, licensed: { _ in false }), used: 1000)
        for n in 0..<3 {
            let r = DeviceResult(deviceId: Fixture.imei(n), status: "LicenseAssignSuccess", reason: "", outcome: .success)
            _ = update(&s, .runEvent(.batchResults([r], batch: 1), runTag: tag))
        }
        #expect(s.counts?.used == 1003)
        _ = update(&s, .runEvent(.counts(LicenseCounts(total: 9000, used: 1001)), runTag: tag))   // stale
        #expect(s.counts?.used == 1003)
    }

    @Test func resultsFillRowsInWordsWithReasons() {
        let s = Scenes.midRun(200, 50)
        let grid = view(s, width: 200, height: 50)
        let failedRow = grid.lines.first { $0.contains(Fixture.imei(5)) }!
        #expect(failedRow.contains("failed") && failedRow.contains("Device is not FOTA eligible"))
        #expect(grid.lines.first { $0.contains(Fixture.imei(1)) }!.contains("assigned"))
        #expect(grid.lines.first { $0.contains(Fixture.imei(0)) }!.contains("already licensed"))
        #expect(grid.lines.first { $0.contains(Fixture.imei(12)) }!.contains("pending"))
        // An intermediate screen: some but not all devices have results.
        #expect(s.run!.done == 10 && s.run!.total == 30)
        #expect(grid.text.contains("10 / 30") && grid.text.contains("33.3%"))
        #expect(grid.text.contains("assigned 5") && grid.text.contains("already licensed 4") && grid.text.contains("failed 1"))
        #expect(grid.text.contains("pending 20"))
        #expect(grid.text.contains("elapsed 0:04") && grid.text.contains("2.5/s") && grid.text.contains("ETA 0:08"))
    }

    @Test func elapsedAndEtaFollowTheTick() {
        var s = Scenes.midRun(80, 24)
        _ = update(&s, .tick(now: Fixture.t0.addingTimeInterval(10)))
        #expect(s.run!.rate(now: s.now) == 1.0)
        #expect(s.run!.eta(now: s.now) == 20)
        #expect(view(s, width: 80, height: 24).text.contains("ETA 0:20"))
        #expect(s.wantsTicks)
    }

    @Test func finishReadsCountsAgainAndEnablesRetryAndSave() {
        var s = Scenes.midRun(80, 24)
        let tag = s.run!.tag
        for n in 10..<30 { _ = update(&s, .runEvent(.batchResults([Scenes.assignResult(n)], batch: 2), runTag: tag)) }
        let summary = RunSummary(runId: "run-1", operation: .assign, account: Fixture.context.account, results: (0..<30).map(Scenes.assignResult),
                                 unsent: [], elapsedMs: 9000, counts: nil, stopped: false, fatalError: nil)
        let effects = update(&s, .runEvent(.finished(summary), runTag: tag))
        #expect(effects == [.loadCounts])
        #expect(!s.isRunActive && !s.wantsTicks)
        #expect(s.registry[.retryFailed].disabledReason(s) == nil)
        #expect(s.registry[.saveResults].disabledReason(s) == nil)
        #expect(s.registry[.assign].disabledReason(s) == nil)
        // After the run the counters read again replace the estimate, even downwards.
        _ = update(&s, .countsLoaded(LicenseCounts(total: 9000, used: 1010), at: Fixture.t0.addingTimeInterval(10)))
        #expect(s.counts?.used == 1010)
    }

    @Test func saveAsksForAPathThenEmitsSaveResults() {
        var s = Scenes.finishedRun(80, 24)
        Fixture.keys(&s, .char("w"))
        guard case .prompt(let p) = s.modal else { Issue.record("no prompt"); return }
        #expect(p.purpose == .saveResults && p.text == "tslicense-assign-run-1.csv")
        Fixture.keys(&s, .ctrl("u"))
        Fixture.type(&s, "/tmp/out.json")
        let effects = Fixture.keys(&s, .enter)
        guard case .saveResults(let path, let summary) = effects.first else { Issue.record("no effect"); return }
        #expect(path == "/tmp/out.json" && summary.runId == "run-1" && summary.results.count == 30)
    }

    @Test func stopSendsStopRunOnce() {
        var s = Scenes.midRun(80, 24)
        let tag = s.run!.tag
        #expect(Fixture.keys(&s, .char("S")) == [.stopRun(runTag: tag)])
        #expect(s.run!.stopRequested)
        #expect(view(s, width: 80, height: 24).text.contains("stopping"))
        // A second S cancels the requests in flight (issue 9); a third does nothing more.
        #expect(Fixture.keys(&s, .char("S")) == [.cancelRun(runTag: tag)])
        #expect(s.run!.cancelRequested)
        #expect(Fixture.keys(&s, .char("S")).isEmpty)
        // Batch 2 was in flight: its results arrive only in the summary.
        let summary = RunSummary(runId: "run-1", operation: .assign, account: "a", results: (0..<20).map(Scenes.assignResult),
                                 unsent: (20..<30).map(Fixture.imei), elapsedMs: 5000, counts: nil, stopped: true, fatalError: nil)
        _ = update(&s, .runEvent(.finished(summary), runTag: tag))
        #expect(s.store.lastOutcome(25) == .done(.skipped, .assign))
        #expect(s.store.lastOutcome(12) == Scenes.assignResult(12).outcome.asLast)
        #expect(s.run!.done == 20 && s.run!.count(.success) + s.run!.count(.alreadyLicensed) + s.run!.count(.failed) == 20)
        #expect(s.store.reason(25).contains("not sent"))
        let text = view(s, width: 80, height: 24).text
        #expect(text.contains("not sent 10") && !text.contains("pending"))
    }

    @Test func quitDuringARunAsksThenStopsAndQuitsWhenDone() {
        var s = Scenes.midRun(80, 24)
        let tag = s.run!.tag
        #expect(Fixture.keys(&s, .char("q")).isEmpty)
        #expect(s.modal == .quitDuringRun)
        #expect(view(s, width: 80, height: 24).text.contains("stop after the batches in flight"))
        #expect(Fixture.keys(&s, .escape).isEmpty && s.modal == nil && !s.run!.stopRequested)   // keep running
        Fixture.keys(&s, .ctrl("c"))
        #expect(s.modal == .quitDuringRun)
        #expect(Fixture.keys(&s, .char("y")) == [.stopRun(runTag: tag)])
        #expect(s.quitWhenRunEnds && s.modal == nil)
        let summary = RunSummary(runId: "run-1", operation: .assign, account: "a", results: [], unsent: [], elapsedMs: 1,
                                 counts: nil, stopped: true, fatalError: nil)
        #expect(update(&s, .runEvent(.finished(summary), runTag: tag)) == [.loadCounts, .quit])
    }

    @Test func quitAgainWhileStoppingQuitsAtOnce() {
        var s = Scenes.midRun(80, 24)
        Fixture.keys(&s, .char("q"))
        Fixture.keys(&s, .ctrl("c"))   // Ctrl-C in the quit dialog: stop and quit
        #expect(s.quitWhenRunEnds)
        #expect(Fixture.keys(&s, .char("q")) == [.quit])
    }

    @Test func retryingAndGivenUpBatchesShowInTheStatusLine() {
        var s = Scenes.midRun(80, 24)
        let tag = s.run!.tag
        let throttled = ThingSpaceError.gateway(status: 429, code: "42901", message: "Too many requests", detail: "")
        _ = update(&s, .runEvent(.batchRetrying(batch: 2, attempt: 2, delay: 1.5, error: throttled), runTag: tag))
        #expect(s.status?.level == .warning && s.status!.text.contains("Batch 2") && s.status!.text.contains("42901"))
        _ = update(&s, .runEvent(.batchGivenUp(batch: 2, deviceIds: (10..<20).map(Fixture.imei), error: throttled), runTag: tag))
        #expect(s.status?.level == .error && s.status!.text.contains("given up"))
        _ = update(&s, .runEvent(.concurrencyChanged(2), runTag: tag))
        #expect(s.run?.concurrency == 2)
        _ = update(&s, .runEvent(.renewed(.apiToken), runTag: tag))
        #expect(s.status?.text == "API token renewed")
        _ = update(&s, .runEvent(.batchSent(batch: 2, deviceIds: [], attempt: 2), runTag: tag))
        #expect(s.run?.batchesSent == 2)   // a re-send is not a new batch
    }

    @Test func plannedSkipsAndWarningsShow() {
        var s = Fixture.state()
        Fixture.keys(&s, .char(" "), .char(" "), .char("a"), .char("y"))
        let tag = s.run!.tag
        let skipped = DeviceResult(deviceId: Fixture.imei(1), status: "Invalid", reason: "duplicate", outcome: .skipped)
        let plan = RunPlan(runId: "r", operation: .assign, account: "a", deviceIds: [Fixture.imei(0)], batchSize: 10, batchCount: 1,
                           skipped: [skipped], warnings: ["\(Fixture.imei(0)): Luhn check digit is 1, expected 2"])
        _ = update(&s, .runEvent(.started(plan), runTag: tag))
        #expect(s.run?.total == 2 && s.run?.done == 1 && s.run?.count(.skipped) == 1)
        #expect(s.store.lastOutcome(1) == .done(.skipped, .assign))
        #expect(s.status?.text.contains("Luhn") == true)
    }

    @Test func fatalErrorAtTheEndIsShown() {
        var s = Scenes.midRun(80, 24)
        let tag = s.run!.tag
        let summary = RunSummary(runId: "run-1", operation: .assign, account: "a", results: [], unsent: (10..<30).map(Fixture.imei),
                                 elapsedMs: 4000, counts: nil, stopped: false,
                                 fatalError: .authentication(step: "session login", detail: "bad password"))
        _ = update(&s, .runEvent(.finished(summary), runTag: tag))
        guard case .info(let info) = s.modal else { Issue.record("no dialog"); return }
        #expect(info.isError && info.lines[0].contains("session login"))
        #expect(view(s, width: 80, height: 24).text.contains("stopped by an error"))
    }

    @Test func thePickerStaysBrowsableDuringARun() {
        var s = Scenes.midRun(80, 24)
        Fixture.keys(&s, .down, .down, .char("/"))
        Fixture.type(&s, "telit")
        Fixture.keys(&s, .enter, .char("V"), .char(" "))
        #expect(s.store.selectedCount == 1 && s.isRunActive)
    }
}

extension DeviceOutcome {
    var asLast: LastOutcome { .done(self, .assign) }
}
