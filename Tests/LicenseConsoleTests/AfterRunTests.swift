import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

/// After a run: the selection keeps only what did not reach the wanted state, `R` sends what is
/// left and lists permanent failures, and the panel's numbers never mislead.
@Suite("After a run: selection, retry, numbers")
struct AfterRunTests {
    static let permanentReason = "License assignment failed: device is not eligible for a license"

    /// Devices 0..<n selected and assigned; `results` gives each device's result; the run took `seconds`.
    static func finished(_ n: Int, seconds: Double = 9, stopped: Bool = false, width: Int = 120, height: Int = 40,
                         result: (Int) -> DeviceResult) -> ConsoleState {
        var s = Fixture.state(devices: Fixture.devices(max(n, 40)), width: width, height: height)
        for _ in 0..<n { Fixture.keys(&s, .char(" ")) }
        Fixture.keys(&s, .home, .char("a"), .char("y"))
        let tag = s.run!.tag
        let ids = (0..<n).map(Fixture.imei)
        let plan = RunPlan(runId: "run-1", operation: .assign, account: Fixture.context.account, deviceIds: ids, batchSize: 10,
                           batchCount: (n + 9) / 10, skipped: [], warnings: [])
        _ = update(&s, .runEvent(.started(plan), runTag: tag))
        let results = (0..<n).map(result)
        _ = update(&s, .tick(now: Fixture.t0.addingTimeInterval(seconds)))
        _ = update(&s, .runEvent(.batchResults(results.filter { $0.status != DeviceResult.notSentStatus }, batch: 1),
                                 runTag: tag))
        let summary = RunSummary(runId: "run-1", operation: .assign, account: Fixture.context.account, results: results,
                                 unsent: results.filter { $0.status == DeviceResult.notSentStatus }.map(\.deviceId),
                                 elapsedMs: Int(seconds * 1000), counts: nil, stopped: stopped, fatalError: nil)
        _ = update(&s, .runEvent(.finished(summary), runTag: tag))
        return s
    }

    static func success(_ n: Int) -> DeviceResult {
        DeviceResult(deviceId: Fixture.imei(n), status: "LicenseAssignSuccess", reason: "", outcome: .success, attempts: 1)
    }
    static func failed(_ n: Int, _ reason: String = "Service busy, try again") -> DeviceResult {
        DeviceResult(deviceId: Fixture.imei(n), status: "LicenseAssignFailed", reason: reason, outcome: .failed, attempts: 1)
    }
    static func notSent(_ n: Int) -> DeviceResult {
        DeviceResult(deviceId: Fixture.imei(n), status: DeviceResult.notSentStatus, reason: "not sent: the run stopped", outcome: .skipped)
    }

    @Test func theSelectionKeepsOnlyTheFailedDevices() {
        let s = Self.finished(30) { $0 % 10 == 4 ? Self.failed($0) : Self.success($0) }
        #expect(s.store.selectedCount == 3)
        #expect([4, 14, 24].allSatisfy { s.store.isSelected($0) })
        #expect(s.status?.text.hasSuffix("3 failed devices stay selected") == true, "\(String(describing: s.status))")
        // x now works on the failures only, not on the licences just assigned.
        s.store.forEachSelected { #expect(s.store.lastOutcome($0) == .done(.failed, .assign)) }
    }

    @Test func oneDeviceNotDoneIsWordedInTheSingular() {
        let s = Self.finished(5, stopped: true) { $0 == 4 ? Self.notSent($0) : Self.success($0) }
        #expect(s.store.selectedCount == 1 && s.store.isSelected(4))
        #expect(s.status?.text.contains("1 device not done stays selected") == true, "\(String(describing: s.status))")
    }

    @Test func everythingDoneClearsTheSelection() {
        let s = Self.finished(10) { Self.success($0) }
        #expect(s.store.selectedCount == 0)
        #expect(s.status?.text.contains("the selection is clear") == true)
    }

    @Test func retryListsPermanentFailuresAndLeavesThemOutUnlessP() {
        // 0-9: 2 permanent failures, 2 retryable failures, 1 unknown, 2 not sent, 3 successes.
        let s0 = Self.finished(10, stopped: true) { n in
            switch n {
            case 0, 5: return Self.failed(n, Self.permanentReason)
            case 1, 6: return Self.failed(n)
            case 2: return DeviceResult(deviceId: Fixture.imei(n), status: DeviceResult.noAnswerStatus, reason: "no answer", outcome: .unknown, attempts: 3)
            case 3, 8: return Self.notSent(n)
            default: return Self.success(n)
            }
        }
        var s = s0
        #expect(s.run?.retryIds == [1, 2, 3, 6, 8].map(Fixture.imei))
        #expect(s.run?.permanentFailures.map(\.deviceId) == [0, 5].map(Fixture.imei))
        #expect(Fixture.keys(&s, .char("R")).isEmpty)
        guard case .confirm(let d) = s.modal else { Issue.record("no retry dialog"); return }
        #expect(d.isRetry && d.deviceIds == [1, 2, 3, 6, 8].map(Fixture.imei) && !d.includePermanent)
        // The dialog's lines before wrapping.
        let text = DialogView.content(s)!.lines.map { $0.map(\.text).joined() }.joined(separator: "\n")
        #expect(text.contains("2 devices failed for a reason a retry cannot change; left out (p includes them)"), "\(text)")
        #expect(text.contains(Fixture.imei(0)) && text.contains(Self.permanentReason), "\(text)")
        #expect(text.contains("5 devices left by the last run"), "\(text)")
        // p includes them, p again leaves them out.
        Fixture.keys(&s, .char("p"))
        guard case .confirm(let with) = s.modal else { Issue.record("closed on p"); return }
        #expect(with.includePermanent && Set(with.deviceIds) == Set([0, 1, 2, 3, 5, 6, 8].map(Fixture.imei)))
        Fixture.keys(&s, .char("p"))
        guard case .confirm(let without) = s.modal else { Issue.record("closed on p"); return }
        #expect(!without.includePermanent && without.deviceIds.count == 5)
        let effects = Fixture.keys(&s, .char("y"))
        #expect(effects == [.startRun(.assign, deviceIds: [1, 2, 3, 6, 8].map(Fixture.imei), runTag: 2)])
    }

    @Test func onlyPermanentFailuresLeftStillOpensTheDialogToList() {
        var s = Self.finished(4) { $0 == 1 ? Self.failed($0, Self.permanentReason) : Self.success($0) }
        #expect(s.registry[.retryFailed].disabledReason(s) == nil)
        Fixture.keys(&s, .char("R"))
        guard case .confirm(let d) = s.modal else { Issue.record("no dialog"); return }
        #expect(d.deviceIds.isEmpty)
        #expect(Fixture.keys(&s, .char("y")).isEmpty && s.status?.text == "Nothing to send")
    }

    @Test func aStoppedRunShowsSentOfTotalAndNotSentOnce() {
        let s = Self.finished(20, seconds: 4, stopped: true) { $0 >= 12 ? Self.notSent($0) : Self.success($0) }
        let text = view(s, width: 120, height: 40).text
        #expect(text.contains("12 / 20 sent") && text.contains("stopped"), "\(text)")
        #expect(!text.contains("20 / 20"), "\(text)")
        #expect(text.contains("not sent 8") && !text.contains("skipped 8"), "\(text)")
        // The rate counts answered devices only: 12 in 4 s.
        #expect(s.run?.rate(now: s.now) == 3)
        #expect(text.contains("3.0/s"), "\(text)")
        #expect(s.status?.text.contains("8 not sent") == true && s.status?.text.contains("skipped") == false,
                "\(String(describing: s.status))")
    }

    @Test func noRateBeforeAnAnswerAndASecond() {
        let quick = Self.finished(3, seconds: 0.4) { Self.success($0) }
        let text = view(quick, width: 120, height: 40).text
        #expect(quick.run?.rate(now: quick.now) == nil)
        #expect(!text.contains("0/s") && text.contains("in under 1 s"), "\(text)")
        // Mid-run, before any answer: no rate at all, the estimate unknown.
        var s = Fixture.state(devices: Fixture.devices(30))
        Fixture.keys(&s, .char("v"), .char("a"), .char("y"))
        _ = update(&s, .tick(now: Fixture.t0.addingTimeInterval(5)))
        #expect(s.run?.rate(now: s.now) == nil)
        let mid = view(s, width: 120, height: 40).text
        #expect(!mid.contains("/s") && mid.contains("ETA ?"), "\(mid)")
    }

    @Test func countsInWordsUseTheRightNumber() {
        #expect(Format.count(1, "device") == "1 device")
        #expect(Format.count(2000, "device") == "2,000 devices")
        #expect(Format.count(0, "IMEI") == "0 IMEIs")
        var s = Fixture.state(devices: Fixture.devices(30))
        Fixture.keys(&s, .char(" "), .home, .char("a"))
        #expect(view(s, width: 120, height: 40).text.contains("1 selected device:"))
        Fixture.keys(&s, .char("y"))
        #expect(s.status?.text == "Assigning licences: 1 device")
    }
}
