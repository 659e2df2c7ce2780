import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

@Suite("Device details, copy and mouse")
struct DetailsCopyMouseTests {
    static let longReason = "License assignment failed: device is not eligible for a license (the device's firmware does not support FOTA)"

    /// A run on devices 0-3 where device 2 failed with a long reason.
    static func afterRun() -> ConsoleState {
        var s = Fixture.state(devices: Fixture.devices(30), width: 120, height: 40)
        Fixture.keys(&s, .char(" "), .char(" "), .char(" "), .char(" "), .home, .char("a"), .char("y"))
        let tag = s.run!.tag
        let results = (0..<4).map { n in
            n == 2 ? DeviceResult(deviceId: Fixture.imei(n), status: "LicenseAssignFailed", reason: longReason, outcome: .failed, attempts: 2)
                : DeviceResult(deviceId: Fixture.imei(n), status: "LicenseAssignSuccess", reason: "", outcome: .success, attempts: 1)
        }
        _ = update(&s, .tick(now: Fixture.t0.addingTimeInterval(3)))
        _ = update(&s, .runEvent(.batchResults(results, batch: 1), runTag: tag))
        let summary = RunSummary(runId: "run-1", operation: .assign, account: Fixture.context.account, results: results, unsent: [],
                                 elapsedMs: 3000, counts: nil, stopped: false, fatalError: nil)
        _ = update(&s, .runEvent(.finished(summary), runTag: tag))
        return s
    }

    @Test func enterShowsEveryFieldAndTheFullReasonAndEscCloses() {
        var s = Self.afterRun()
        Fixture.keys(&s, .home, .down, .down)
        let effects = Fixture.keys(&s, .enter)
        #expect(effects == [.lookUpDevice(deviceId: Fixture.imei(2), licensed: false)])
        guard case .details(let d) = s.modal else { Issue.record("no details dialog"); return }
        #expect(d.deviceId == Fixture.imei(2) && s.keyContext == .dialog)
        let device = Fixture.device(2, licensed: false)
        let text = view(s, width: 200, height: 50).text
        for value in [device.deviceId, device.mdn, device.make, device.model, device.firmware, "FOTA eligible", "Last upgrade"] {
            #expect(text.contains(value), "details show \(value):\n\(text)")
        }
        #expect(text.contains(Self.longReason), "the full reason:\n\(text)")
        #expect(text.contains("LicenseAssignFailed") && text.contains("sent 2 times"))
        #expect(s.history.attempts(for: Fixture.imei(2)).count == 1)
        Fixture.keys(&s, .escape)
        #expect(s.modal == nil)
    }

    @Test func theLookupAddsTheAssignmentTimeAndEarlierRuns() {
        var s = Fixture.state(devices: Fixture.devices(30))
        Fixture.keys(&s, .enter)   // device 0 is licensed
        guard case .details = s.modal else { Issue.record("no details"); return }
        #expect(view(s, width: 120, height: 40).text.contains("reading when"))
        let earlier = DeviceAttempt(time: Fixture.t0.addingTimeInterval(-86_400), operation: .remove, outcome: .failed,
                                    status: "LicenseRemoveFailed", reason: "earlier reason from the journal", attempts: 1)
        _ = update(&s, .deviceLookedUp(deviceId: Fixture.imei(0),
                                       DeviceLookup(assignmentTime: "2025-11-20T08:00:00Z", assignmentSearched: true, earlierAttempts: [earlier])))
        let text = view(s, width: 120, height: 40).text
        #expect(text.contains("assigned 2025-11-20T08:00:00Z"), "\(text)")
        #expect(text.contains("Earlier runs") && text.contains("earlier reason from the journal"), "\(text)")
        // An answer for another device (the dialog moved on) changes nothing.
        _ = update(&s, .deviceLookupFailed(deviceId: Fixture.imei(1), message: "boom"))
        #expect(!view(s, width: 120, height: 40).text.contains("boom"))
    }

    @Test func copySendsTheCursorIMEIOrTheSelection() {
        var s = Fixture.state(devices: Fixture.devices(30))
        Fixture.keys(&s, .down)
        #expect(Fixture.keys(&s, .char("c")) == [.copyToClipboard(Fixture.imei(1))])
        #expect(s.status?.text.hasPrefix("Sent 1 IMEI to the terminal's clipboard") == true, "\(String(describing: s.status))")
        Fixture.keys(&s, .home, .char(" "), .down, .char(" "), .char(" "))
        #expect(Fixture.keys(&s, .char("c")) == [.copyToClipboard([0, 2, 3].map(Fixture.imei).joined(separator: "\n"))])
        #expect(s.status?.text.hasPrefix("Sent 3 IMEIs") == true)
    }

    @Test func copyTakesAtMostTenThousand() {
        var s = Fixture.state(devices: Fixture.devices(10_050))
        Fixture.keys(&s, .char("v"))
        guard case .copyToClipboard(let text)? = Fixture.keys(&s, .char("c")).first else { Issue.record("nothing copied"); return }
        let lines = text.split(separator: "\n")
        #expect(lines.count == 10_000 && lines.first.map(String.init) == Fixture.imei(0))
        #expect(s.status?.text.contains("the first 10,000 of 10,050 selected") == true, "\(String(describing: s.status))")
    }

    @Test func wheelScrollsAndClicksMoveAndToggle() {
        var s = Fixture.state(devices: Fixture.devices(100))
        let layout = s.layout
        _ = update(&s, .mouse(MouseEvent(.wheelDown, x: 30, y: layout.tableY + 2)))
        #expect(s.picker.cursor == 3 && s.picker.top == 3)
        _ = update(&s, .mouse(MouseEvent(.wheelUp, x: 30, y: layout.tableY + 2)))
        #expect(s.picker.cursor == 0 && s.picker.top == 0)
        // A click on the IMEI of the fifth row moves the cursor there and selects nothing.
        _ = update(&s, .mouse(MouseEvent(.click, x: (layout.columns[.imei]?.x ?? 4) + 2, y: layout.tableY + 4)))
        #expect(s.picker.cursor == 4 && s.store.selectedCount == 0)
        // A click on the selection cell of the seventh row toggles it.
        _ = update(&s, .mouse(MouseEvent(.click, x: layout.columns.mark.x + 1, y: layout.tableY + 6)))
        #expect(s.picker.cursor == 6 && s.store.isSelected(6) && s.store.selectedCount == 1)
        _ = update(&s, .mouse(MouseEvent(.click, x: layout.columns.mark.x + 1, y: layout.tableY + 6)))
        #expect(!s.store.isSelected(6))
        // Outside the table nothing moves; in a dialog the mouse does nothing.
        _ = update(&s, .mouse(MouseEvent(.click, x: 5, y: layout.gaugeY)))
        #expect(s.picker.cursor == 6)
        Fixture.keys(&s, .char(" "), .char("a"))
        _ = update(&s, .mouse(MouseEvent(.wheelDown, x: 5, y: layout.tableY)))
        guard case .confirm = s.modal else { Issue.record("the dialog closed"); return }
        #expect(s.picker.cursor == 7)
    }

    @Test func historyIsBounded() {
        var h = AttemptHistory(deviceLimit: 3)
        func attempt(_ n: Int) -> DeviceAttempt {
            DeviceAttempt(time: Fixture.t0.addingTimeInterval(Double(n)), operation: .assign, outcome: .failed, status: "F", reason: "r\(n)", attempts: 1)
        }
        for n in 0..<15 { h.add(attempt(n), for: "a") }
        #expect(h.attempts(for: "a").count == AttemptHistory.perDevice && h.attempts(for: "a").last?.reason == "r14")
        h.add(attempt(0), for: "b")
        h.add(attempt(0), for: "c")
        h.add(attempt(0), for: "d")   // "a" entered first and leaves
        #expect(h.deviceCount == 3 && h.attempts(for: "a").isEmpty && h.attempts(for: "d").count == 1)
    }
}
