import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

@Suite("update: every message")
struct MessageTests {
    @Test func startLoadsEverything() {
        var s = ConsoleState(context: Fixture.context)
        #expect(s.load.generation == 0)
        let effects = update(&s, .start)
        #expect(effects == [.loadAll(generation: 1)])
        #expect(s.load.generation == 1 && s.load.isLoading)
    }

    @Test func resizeRelaysOutAndKeepsTheCursorVisible() {
        var s = Fixture.state(devices: Fixture.devices(100), width: 80, height: 24)
        Fixture.keys(&s, .end)
        #expect(s.picker.cursor == 99)
        let tall = s.layout.tableHeight
        #expect(s.picker.top == 100 - tall)
        #expect(update(&s, .resize(width: 60, height: 16)).isEmpty)
        #expect(s.width == 60 && s.height == 16)
        let short = s.layout.tableHeight
        #expect(short < tall)
        #expect(s.picker.cursor >= s.picker.top && s.picker.cursor < s.picker.top + short)
        _ = update(&s, .resize(width: 200, height: 50))
        #expect(s.picker.top == max(0, 100 - s.layout.tableHeight))
    }

    @Test func tickMovesTheClockOnly() {
        var s = Fixture.state()
        let later = Fixture.t0.addingTimeInterval(42)
        #expect(update(&s, .tick(now: later)).isEmpty)
        #expect(s.now == later)
        #expect(s.countsReadAt == Fixture.t0)
    }

    @Test func countsLoadedReplacesCountsAndTime() {
        var s = Fixture.state(counts: nil)
        #expect(s.counts == nil)
        let at = Fixture.t0.addingTimeInterval(5)
        #expect(update(&s, .countsLoaded(LicenseCounts(total: 9000, used: 1003), at: at)).isEmpty)
        #expect(s.counts == LicenseCounts(total: 9000, used: 1003) && s.countsReadAt == at)
        _ = update(&s, .countsLoaded(LicenseCounts(total: 9000, used: 900), at: at))
        #expect(s.counts?.used == 900)   // no run: a lower count is taken as read
    }

    @Test func countsFailedIsAStatusWithTheError() {
        var s = Fixture.state()
        _ = update(&s, .countsFailed(.fota(status: 400, code: "EDM.X", message: "boom")))
        #expect(s.status?.level == .error)
        #expect(s.status?.text.contains("EDM.X") == true && s.status?.text.contains("boom") == true)
        #expect(s.counts == LicenseCounts(total: 9000, used: 1000))   // kept
    }

    @Test func pagesStreamInAndAreUsableFromTheFirst() {
        var s = ConsoleState(context: Fixture.context, now: Fixture.t0)
        _ = update(&s, .resize(width: 80, height: 24))
        _ = update(&s, .start)
        _ = update(&s, .devicePageLoaded(devices: Fixture.devices(10), loadedSoFar: 10, done: false, generation: 1))
        #expect(s.store.count == 10 && s.load.loaded == 10 && s.load.isLoading)
        Fixture.keys(&s, .down, .char(" "))
        #expect(s.store.isSelected(1))
        _ = update(&s, .devicePageLoaded(devices: Fixture.devices(10, from: 10), loadedSoFar: 20, done: true, generation: 1))
        #expect(s.store.count == 20 && s.load.done && !s.load.isLoading)
        #expect(s.picker.cursor == 2)
        #expect(view(s, width: 80, height: 24).row(containing: "20 devices") != nil)
    }

    @Test func pagesOfAnOldGenerationAreIgnored() {
        var s = Fixture.state(devices: Fixture.devices(5))
        _ = update(&s, .key(.char("r")))
        #expect(s.load.generation == 2)
        _ = update(&s, .devicePageLoaded(devices: Fixture.devices(5, from: 100), loadedSoFar: 5, done: true, generation: 1))
        #expect(s.store.count == 0 && s.load.isLoading)
        _ = update(&s, .loadFailed(.timeout(seconds: 30), generation: 1))
        #expect(s.load.error == nil && s.modal == nil)
    }

    @Test func pagesWhileFilteredJoinTheShownList() {
        var s = Fixture.state(devices: Fixture.devices(10), done: false)
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "telit")
        Fixture.keys(&s, .enter)
        let before = s.shownCount
        _ = update(&s, .devicePageLoaded(devices: Fixture.devices(10, from: 10), loadedSoFar: 20, done: true, generation: s.load.generation))
        #expect(s.shownCount == before + 2)   // devices 11 and 16 are Telit
        for p in 0..<s.shownCount {
            #expect(s.store.makeModel(s.picker.storeIndex(at: p, in: s.store)).hasPrefix("Telit"))
        }
    }

    @Test func loadFailedShowsCodeAndKeepsRunning() {
        var s = Fixture.state(devices: Fixture.devices(3), done: false)
        let error = ThingSpaceError.fota(status: 400, code: "EDM.ACCOUNT_NOT_FOUND", message: "no such account")
        #expect(update(&s, .loadFailed(error, generation: s.load.generation)).isEmpty)
        #expect(s.load.error == error && !s.load.isLoading)
        guard case .info(let info) = s.modal else { Issue.record("no error dialog"); return }
        #expect(info.isError && info.lines.joined().contains("EDM.ACCOUNT_NOT_FOUND"))
        #expect(s.status?.level == .error)
        Fixture.keys(&s, .escape)
        #expect(s.modal == nil)
        Fixture.keys(&s, .char(" "))
        #expect(s.store.selectedCount == 1)   // still usable
        // r continues the failed load from where it stopped, keeping the rows.
        #expect(Fixture.keys(&s, .char("r")) == [.resumeLoad(generation: 1)])
        #expect(s.load.error == nil && s.load.isLoading && s.store.count == 3)
        // Once everything has loaded, r reads everything again.
        _ = update(&s, .devicePageLoaded(devices: [], loadedSoFar: 3, done: true, generation: 1))
        #expect(Fixture.keys(&s, .char("r")) == [.loadAll(generation: 2)])
    }

    @Test func aRetriedReadIsShownUntilThePageArrives() {
        var s = Fixture.state(devices: Fixture.devices(3), done: false)
        let notice = RetryNotice(step: "device list page 2", attempt: 1, delay: 1,
                                 error: .gateway(status: 429, code: "900800", message: "throttled", detail: ""))
        #expect(update(&s, .loadRetrying(notice, generation: s.load.generation)).isEmpty)
        #expect(s.load.retry == notice)
        #expect(s.status?.text == "Waiting: device list page 2: HTTP 429, retrying in 1 s")
        _ = update(&s, .loadRetrying(notice, generation: s.load.generation + 7))   // another load's: ignored
        _ = update(&s, .devicePageLoaded(devices: Fixture.devices(5), loadedSoFar: 5, done: false, generation: s.load.generation))
        #expect(s.load.retry == nil && s.status == nil && s.store.count == 5)
    }

    @Test func runEventsOfAnotherTagAreIgnored() {
        var s = Scenes.midRun(80, 24)
        let done = s.run!.done
        _ = update(&s, .runEvent(.batchResults([Scenes.assignResult(20)], batch: 3), runTag: 999))
        #expect(s.run!.done == done)
    }

    @Test func runFailedToStartEndsTheRunAndSaysWhy() {
        var s = Fixture.state()
        Fixture.keys(&s, .char(" "), .char("a"))
        let effects = Fixture.keys(&s, .char("y"))
        guard case .startRun(_, let ids, let tag) = effects.first else { Issue.record("no run"); return }
        _ = update(&s, .runFailedToStart(.authentication(step: "API token", detail: "401"), runTag: tag))
        #expect(s.run?.isActive == false)
        #expect(s.run?.summary?.unsent == ids)
        #expect(s.store.lastOutcome(0) == .done(.skipped, .assign))
        guard case .info(let info) = s.modal else { Issue.record("no dialog"); return }
        #expect(info.isError)
        #expect(s.registry[.assign].disabledReason(s) == nil)   // can try again
    }

    @Test func fileLoadedSelectsAndReports() {
        var s = Fixture.state(devices: Fixture.devices(20))
        Fixture.keys(&s, .char(" "))   // device 0 already selected
        let imeis = [Fixture.imei(0), Fixture.imei(3), Fixture.imei(4), Fixture.imei(4), Fixture.imei(500), Fixture.imei(501)]
        let problems = ["/tmp/ids.txt:7: an IMEI has 15 digits, this has 3 characters"]
        _ = update(&s, .fileLoaded(path: "/tmp/ids.txt", imeis: imeis, problems: problems))
        #expect(s.store.selectedCount == 3)
        #expect([0, 3, 4].allSatisfy { s.store.isSelected($0) })
        guard case .info(let info) = s.modal else { Issue.record("no report"); return }
        let text = info.lines.joined(separator: "\n")
        #expect(text.contains("2 selected") && text.contains("1 already selected") && text.contains("2 not found"))
        #expect(text.contains(Fixture.imei(500)) && text.contains(":7:") && text.contains("1 duplicate"))
        #expect(s.status?.level == .warning)
    }

    @Test func fileLoadedWhileLoadingSelectsLaterDevices() {
        var s = Fixture.state(devices: Fixture.devices(5), done: false)
        _ = update(&s, .fileLoaded(path: "ids.txt", imeis: [Fixture.imei(1), Fixture.imei(7), Fixture.imei(900)], problems: []))
        #expect(s.store.selectedCount == 1 && s.pendingFileSelect.count == 2)
        _ = update(&s, .devicePageLoaded(devices: Fixture.devices(5, from: 5), loadedSoFar: 10, done: true, generation: s.load.generation))
        #expect(s.store.isSelected(7) && s.store.selectedCount == 2)
        #expect(s.pendingFileSelect.isEmpty)
        #expect(s.status?.text.contains(Fixture.imei(900)) == true)   // reported at the end of loading
    }

    @Test func fileLoadFailedShowsTheMessage() {
        var s = Fixture.state()
        _ = update(&s, .fileLoadFailed(path: "/nope.txt", message: "No such file or directory"))
        guard case .info(let info) = s.modal else { Issue.record("no dialog"); return }
        #expect(info.isError && info.lines.contains("/nope.txt"))
        #expect(s.status?.text.contains("No such file") == true)
    }

    @Test func resultsSavedAndSaveFailed() {
        var s = Fixture.state()
        _ = update(&s, .resultsSaved(path: "/tmp/r.csv"))
        #expect(s.status == StatusMessage("Results saved to /tmp/r.csv", .ok))
        _ = update(&s, .saveFailed(path: "/ro/r.csv", message: "Read-only file system"))
        #expect(s.status?.level == .error && s.status?.text.contains("Read-only") == true)
        guard case .info(let info) = s.modal else { Issue.record("no dialog"); return }
        #expect(info.isError)
    }

    @Test func refreshCarriesSelectionAndOutcomes() {
        var s = Scenes.finishedRun(80, 24)
        Fixture.keys(&s, .char("V"), .char(" "))   // only device 0 selected
        let failedIndex = 5
        #expect(s.store.lastOutcome(failedIndex) == .done(.failed, .assign))
        #expect(Fixture.keys(&s, .char("r")) == [.loadAll(generation: 2)])
        #expect(s.store.count == 0)
        _ = update(&s, .devicePageLoaded(devices: Fixture.devices(120), loadedSoFar: 120, done: true, generation: 2))
        #expect(s.store.selectedCount == 1 && s.store.isSelected(0))
        #expect(s.store.lastOutcome(failedIndex) == .done(.failed, .assign))
        #expect(s.store.reason(failedIndex) == "Device is not FOTA eligible")
    }
}
