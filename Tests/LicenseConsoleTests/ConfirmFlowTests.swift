import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

@Suite("Confirm dialogs: nothing is sent without confirmation")
struct ConfirmFlowTests {
    @Test func assignDialogStatesTheEffectAndYSends() {
        var s = Fixture.state(devices: Fixture.devices(30))
        Fixture.keys(&s, .char(" "), .char(" "), .char(" "), .char(" "))   // devices 0-3: 0 and 3 licensed
        #expect(Fixture.keys(&s, .char("a")).isEmpty)
        guard case .confirm(let d) = s.modal else { Issue.record("no dialog"); return }
        #expect(d.operation == .assign && d.changing == 2 && d.alreadyInState == 2 && d.excess == 0 && d.fitIds == nil)
        #expect(d.usedAfter == 1002)
        let text = view(s, width: 80, height: 24).text
        #expect(text.contains("0242078689-00001") && text.contains("thingspace.verizon.com"))
        #expect(text.contains("[y/n]") && text.contains("1,002 / 9,000") && text.contains("2 already licensed"))
        let effects = Fixture.keys(&s, .char("y"))
        #expect(effects == [.startRun(.assign, deviceIds: (0..<4).map(Fixture.imei), runTag: 1)])
        #expect(s.modal == nil && s.isRunActive)
        #expect((0..<4).allSatisfy { s.store.lastOutcome($0) == .pending(.assign) })
    }

    @Test func selectedDevicesHiddenByTheFilterAreNamed() {
        var s = Fixture.state(devices: Fixture.devices(30))
        Fixture.keys(&s, .char("v"), .char("/"))
        Fixture.type(&s, "telit")
        Fixture.keys(&s, .enter, .char("a"))
        guard case .confirm(let d) = s.modal else { Issue.record("no dialog"); return }
        #expect(d.allIds.count == 30 && d.hiddenByFilter == 24)
        #expect(view(s, width: 80, height: 24).text.contains("24 of them are hidden by the filter"))
    }

    @Test func enterConfirmsAnAssign() {
        var s = Fixture.state()
        Fixture.keys(&s, .char(" "), .char("a"))
        #expect(Fixture.keys(&s, .enter) == [.startRun(.assign, deviceIds: [Fixture.imei(0)], runTag: 1)])
    }

    @Test func removeNeedsYAndEnterDoesNothing() {
        var s = Fixture.state(devices: (0..<10).map { Fixture.device($0, licensed: true, upgrade: $0 == 2) })
        Fixture.keys(&s, .char(" "), .char(" "), .char(" "), .char("x"))
        guard case .confirm(let d) = s.modal else { Issue.record("no dialog"); return }
        #expect(d.operation == .remove && d.changing == 3 && d.upgradesScheduled == 1 && d.usedAfter == 997)
        let text = view(s, width: 80, height: 24).text
        #expect(text.contains("cancels a firmware upgrade scheduled but not started"))
        #expect(text.contains("1 of these devices has one scheduled"))
        #expect(!text.contains("Enter sends"))
        #expect(Fixture.keys(&s, .enter).isEmpty)
        #expect(s.modal != nil && !s.isRunActive)
        #expect(Fixture.keys(&s, .char("y")) == [.startRun(.remove, deviceIds: (0..<3).map(Fixture.imei), runTag: 1)])
    }

    @Test func nAndEscCancelAtOnce() {
        for cancel in [Key.char("n"), .escape] {
            var s = Fixture.state()
            Fixture.keys(&s, .char(" "), .char("a"))
            #expect(Fixture.keys(&s, cancel).isEmpty)
            #expect(s.modal == nil && !s.isRunActive && s.run == nil)
            #expect(s.status?.text.contains("nothing was sent") == true)
        }
    }

    @Test func otherKeysInADialogSendNothing() {
        var s = Fixture.state()
        Fixture.keys(&s, .char(" "), .char("a"))
        #expect(Fixture.keys(&s, .char("q"), .char("a"), .char("x"), .char(" "), .down, .char("?"), .char("5")).isEmpty)
        #expect(s.keyContext == .dialog && s.run == nil)
    }

    @Test func aboveAThousandTheNumberMustBeTyped() {
        var s = Fixture.state(devices: Fixture.devices(1200), counts: LicenseCounts(total: 9000, used: 100))
        Fixture.keys(&s, .char("v"), .char("a"))
        guard case .confirm = s.modal else { Issue.record("no dialog"); return }
        #expect(Fixture.keys(&s, .enter).isEmpty)   // nothing typed
        guard case .confirm(let d1) = s.modal else { Issue.record(); return }
        #expect(d1.typedMismatch)
        #expect(view(s, width: 80, height: 24).text.contains("That is not 1,200"))
        Fixture.type(&s, "1300")
        #expect(Fixture.keys(&s, .enter).isEmpty)   // wrong number
        for _ in 0..<4 { Fixture.keys(&s, .backspace) }
        Fixture.type(&s, "1,200")
        let effects = Fixture.keys(&s, .enter)
        guard case .startRun(.assign, let ids, _) = effects.first else { Issue.record("not sent"); return }
        #expect(ids.count == 1200)
    }

    @Test func exactlyAThousandNeedsNoTyping() {
        var s = Fixture.state(devices: Fixture.devices(1000))
        Fixture.keys(&s, .char("v"), .char("x"))
        let effects = Fixture.keys(&s, .char("y"))
        #expect(effects.count == 1)
    }

    @Test func devicesAlreadyInTheWantedStateAreNamedOnlyWhenThereAreSome() {
        // Every third device is licensed; `l` shows the unlicensed ones only.
        var s = Fixture.state(devices: Fixture.devices(30))
        Fixture.keys(&s, .char("l"), .char("v"), .char("a"))
        var text = view(s, width: 100, height: 30).text
        #expect(text.contains("20 selected devices: 20 need a licence.") && !text.contains("already licensed"), "\(text)")
        // One device, in the singular.
        s = Fixture.state(devices: Fixture.devices(30))
        Fixture.keys(&s, .down, .char(" "), .char("a"))
        text = view(s, width: 100, height: 30).text
        #expect(text.contains("1 selected device: 1 needs a licence."), "\(text)")
        // Some already licensed: named, with what the server will answer for them.
        s = Fixture.state(devices: Fixture.devices(30))
        Fixture.keys(&s, .char("v"), .char("x"))
        text = view(s, width: 100, height: 30).text
        #expect(text.contains("30 selected devices: 10 hold a licence, 20 have none (reported as not") && text.contains("│ licensed)."),
                "\(text)")
    }

    @Test func excessOffersOnlyWhatFitsOrSendAll() {
        // 30 devices, 20 need a licence, 5 free.
        var s = Fixture.state(devices: Fixture.devices(30), counts: LicenseCounts(total: 100, used: 95))
        Fixture.keys(&s, .char("v"), .char("a"))
        guard case .confirm(let d) = s.modal else { Issue.record("no dialog"); return }
        #expect(d.excess == 15 && d.choice == .onlyFit)
        #expect(d.fitIds?.count == 15)   // 10 already licensed + the first 5 needing one
        #expect(d.usedAfter == 100)
        let text = view(s, width: 80, height: 24).text
        #expect(text.contains("15 exceed") && text.contains("only as many as fit") && text.contains("send all 30"))
        Fixture.keys(&s, .tab)
        guard case .confirm(let all) = s.modal else { Issue.record(); return }
        #expect(all.choice == .sendAll && all.deviceIds.count == 30)
        Fixture.keys(&s, .tab)
        let effects = Fixture.keys(&s, .char("y"))
        guard case .startRun(.assign, let ids, _) = effects.first else { Issue.record("not sent"); return }
        let needing = (0..<30).filter { $0 % 3 != 0 }.prefix(5).map(Fixture.imei)
        let licensed = (0..<30).filter { $0 % 3 == 0 }.map(Fixture.imei)
        #expect(Set(ids) == Set(needing + licensed) && ids.count == 15)
    }

    @Test func readonlyDisablesAssignRemoveAndRetryWithAReason() {
        var s = Fixture.state(context: Fixture.readonlyContext)
        Fixture.keys(&s, .char(" "))
        for (key, id) in [("a", ActionID.assign), ("x", .remove), ("R", .retryFailed)] {
            #expect(s.registry[id].disabledReason(s) == "read-only mode (--readonly)")
            #expect(Fixture.keys(&s, .char(Character(key))).isEmpty)
            #expect(s.modal == nil)
            #expect(s.status?.text.contains("read-only") == true)
        }
        let bar = view(s, width: 200, height: 50).lines[49]
        #expect(!bar.contains("assign") && !bar.contains("remove"))
        #expect(view(s, width: 80, height: 24).lines[0].contains("READ-ONLY"))
    }

    @Test func runActiveDisablesAssignAndRemove() {
        var s = Scenes.midRun(80, 24)
        #expect(s.registry[.assign].disabledReason(s) == "a run is active (S stops it)")
        #expect(Fixture.keys(&s, .char("x")).isEmpty && s.modal == nil)
        #expect(s.registry[.refresh].disabledReason(s) != nil)
    }

    @Test func retryGoesThroughTheConfirmDialog() {
        var s = Scenes.finishedRun(80, 24)
        #expect(Fixture.keys(&s, .char("R")).isEmpty)
        guard case .confirm(let d) = s.modal else { Issue.record("no dialog"); return }
        let failed = (0..<30).filter { Scenes.assignResult($0).outcome == .failed }.map(Fixture.imei)
        #expect(d.isRetry && d.operation == .assign && d.allIds == failed)
        #expect(view(s, width: 80, height: 24).text.contains("Retry: Assign"))
        let effects = Fixture.keys(&s, .char("y"))
        #expect(effects == [.startRun(.assign, deviceIds: failed, runTag: 2)])
    }
}
