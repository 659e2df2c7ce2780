import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

@Suite("update: every key")
struct KeyTests {
    @Test func movingWithArrowsAndVimKeys() {
        var s = Fixture.state(devices: Fixture.devices(100))
        Fixture.keys(&s, .down, .char("j"), .char("j"))
        #expect(s.picker.cursor == 3)
        Fixture.keys(&s, .up, .char("k"))
        #expect(s.picker.cursor == 1)
        Fixture.keys(&s, .up, .up, .up)
        #expect(s.picker.cursor == 0)   // clamped
        let page = s.layout.tableHeight - 1
        Fixture.keys(&s, .pageDown)
        #expect(s.picker.cursor == page)
        Fixture.keys(&s, .pageUp)
        #expect(s.picker.cursor == 0)
        Fixture.keys(&s, .char("G"))
        #expect(s.picker.cursor == 99 && s.picker.top == 100 - s.layout.tableHeight)
        Fixture.keys(&s, .char("g"))
        #expect(s.picker.cursor == 0 && s.picker.top == 0)
        Fixture.keys(&s, .end)
        #expect(s.picker.cursor == 99)
        Fixture.keys(&s, .home)
        #expect(s.picker.cursor == 0)
        Fixture.keys(&s, .pageDown, .pageDown, .pageDown, .pageDown, .pageDown, .pageDown, .pageDown)
        #expect(s.picker.cursor == 99)
    }

    @Test func bigGoesToTheLastRowLoadedSoFar() {
        var s = Fixture.state(devices: Fixture.devices(10), done: false)
        Fixture.keys(&s, .char("G"))
        #expect(s.picker.cursor == 9)
        _ = update(&s, .devicePageLoaded(devices: Fixture.devices(10, from: 10), loadedSoFar: 20, done: false, generation: s.load.generation))
        #expect(s.picker.cursor == 9)   // stays on its device
        Fixture.keys(&s, .char("G"))
        #expect(s.picker.cursor == 19)
    }

    @Test func filterIsIncrementalEnterKeepsEscClears() {
        var s = Fixture.state(devices: Fixture.devices(50))
        Fixture.keys(&s, .char("/"))
        #expect(s.keyContext == .filterInput)
        Fixture.type(&s, "T")
        let afterT = s.shownCount
        Fixture.type(&s, "eLiT")
        #expect(s.picker.query == "TeLiT")
        #expect(s.shownCount == 10 && s.shownCount < afterT)   // every fifth device is Telit
        // Letters that are keys elsewhere are text here.
        Fixture.type(&s, "q")
        #expect(s.picker.query == "TeLiTq" && s.shownCount == 0)
        Fixture.keys(&s, .backspace)
        #expect(s.shownCount == 10)
        Fixture.keys(&s, .down)   // arrows still move while typing
        #expect(s.picker.cursor == 1)
        Fixture.keys(&s, .enter)
        #expect(s.keyContext == .picker && s.picker.query == "TeLiT" && s.shownCount == 10)
        Fixture.keys(&s, .char("/"), .escape)
        #expect(s.picker.query.isEmpty && s.shownCount == 50 && s.keyContext == .picker)
    }

    @Test func filterByMdnAndImei() {
        var s = Fixture.state(devices: Fixture.devices(50))
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "5550000042")
        #expect(s.shownCount == 1)
        #expect(s.store.deviceId(s.cursorDevice!) == Fixture.imei(42))
        Fixture.keys(&s, .escape, .char("/"))
        Fixture.type(&s, Fixture.imei(7))
        #expect(s.shownCount == 1 && s.cursorDevice == 7)
    }

    @Test func licenceFilterCycles() {
        var s = Fixture.state(devices: Fixture.devices(30))   // 10 licensed
        Fixture.keys(&s, .char("l"))
        #expect(s.picker.licence == .unlicensed && s.shownCount == 20)
        Fixture.keys(&s, .char("l"))
        #expect(s.picker.licence == .licensed && s.shownCount == 10)
        Fixture.keys(&s, .char("l"))
        #expect(s.picker.licence == .all && s.shownCount == 30 && !s.picker.isFiltered)
    }

    @Test func cursorStaysOnItsDeviceWhenTheFilterChanges() {
        var s = Fixture.state(devices: Fixture.devices(30))
        for _ in 0..<6 { Fixture.keys(&s, .down) }   // device 6: Telit, licensed
        Fixture.keys(&s, .char("l"))   // unlicensed: device 6 hidden, cursor goes to the next shown (7)
        #expect(s.cursorDevice == 7)
        Fixture.keys(&s, .char("l"))   // licensed: 7 hidden, next licensed is 9
        #expect(s.cursorDevice == 9)
        Fixture.keys(&s, .char("l"))   // all: 9 still shown
        #expect(s.cursorDevice == 9 && s.picker.cursor == 9)
    }

    @Test func spaceTogglesAndMovesDown() {
        var s = Fixture.state()
        Fixture.keys(&s, .char(" "))
        #expect(s.store.isSelected(0) && s.picker.cursor == 1)
        Fixture.keys(&s, .up, .char(" "))
        #expect(!s.store.isSelected(0) && s.store.selectedCount == 0)
    }

    @Test func selectShownClearAndInvertWorkOnTheShownDevices() {
        var s = Fixture.state(devices: Fixture.devices(30))
        Fixture.keys(&s, .char("l"))   // 20 unlicensed shown
        Fixture.keys(&s, .char("v"))
        #expect(s.store.selectedCount == 20 && s.store.selectedLicensedCount == 0)
        Fixture.keys(&s, .char("l"))   // licensed shown
        Fixture.keys(&s, .char("i"))
        #expect(s.store.selectedCount == 30 && s.store.selectedLicensedCount == 10)
        Fixture.keys(&s, .char("i"))
        #expect(s.store.selectedCount == 20 && s.store.selectedLicensedCount == 0)
        Fixture.keys(&s, .char("l"))   // all
        Fixture.keys(&s, .char("i"))
        #expect(s.store.selectedCount == 10 && s.store.selectedLicensedCount == 10)
        Fixture.keys(&s, .char("V"))
        #expect(s.store.selectedCount == 0)
        #expect(view(s, width: 80, height: 24).row(containing: "0 selected") == 2)
    }

    @Test func selectionCountsStayRightAcrossFilterToggleInvert() {
        var s = Fixture.state(devices: Fixture.devices(300))
        var rng = SplitMix(seed: 7)
        let keys: [Key] = [.char(" "), .char("i"), .char("v"), .char("l"), .down, .pageDown, .char("V"), .up]
        for _ in 0..<400 {
            Fixture.keys(&s, keys[Int(rng.next() % UInt64(keys.count))])
            if rng.next() % 10 == 0 {
                Fixture.keys(&s, .char("/"))
                Fixture.type(&s, ["te", "q", "5550000", "s"][Int(rng.next() % 4)])
                Fixture.keys(&s, rng.next() % 2 == 0 ? .enter : .escape)
            }
            var selected = 0, licensed = 0
            for i in 0..<s.store.count where s.store.isSelected(i) {
                selected += 1
                if s.store.isLicensed(i) { licensed += 1 }
            }
            #expect(s.store.selectedCount == selected && s.store.selectedLicensedCount == licensed)
        }
    }

    @Test func openFilePromptThenLoad() {
        var s = Fixture.state()
        Fixture.keys(&s, .char("o"))
        #expect(s.keyContext == .prompt)
        Fixture.type(&s, "/tmp/ids.txtx")
        Fixture.keys(&s, .backspace)
        let effects = Fixture.keys(&s, .enter)
        #expect(effects == [.loadIMEIFile(path: "/tmp/ids.txt")])
        #expect(s.modal == nil)
        // The prompt remembers the last path; Ctrl-U clears; Esc closes without an effect.
        Fixture.keys(&s, .char("o"))
        guard case .prompt(let p) = s.modal else { Issue.record("no prompt"); return }
        #expect(p.text == "/tmp/ids.txt")
        Fixture.keys(&s, .ctrl("u"))
        #expect(Fixture.keys(&s, .enter).isEmpty && s.keyContext == .prompt)   // empty path refused
        #expect(Fixture.keys(&s, .escape).isEmpty && s.modal == nil)
    }

    @Test func refreshStartsANewGeneration() {
        var s = Fixture.state()
        #expect(Fixture.keys(&s, .char("r")) == [.loadAll(generation: 2)])
        #expect(Fixture.keys(&s, .char("r")) == [.loadAll(generation: 3)])
    }

    @Test func helpOpensScrollsAndCloses() {
        var s = Fixture.state()
        Fixture.keys(&s, .char("?"))
        #expect(s.modal == .help(scroll: 0) && s.keyContext == .help)
        Fixture.keys(&s, .down, .char("j"))
        #expect(s.modal == .help(scroll: 2))
        Fixture.keys(&s, .end)
        guard case .help(let bottom) = s.modal else { Issue.record(); return }
        #expect(bottom == HelpView.lineCount(s) - HelpView.visibleRows(height: 24))
        Fixture.keys(&s, .char("q"))   // q closes the help, does not quit
        #expect(s.modal == nil)
        Fixture.keys(&s, .char("?"), .escape)
        #expect(s.modal == nil)
        Fixture.keys(&s, .char("?"), .char("?"))
        #expect(s.modal == nil)
    }

    @Test func quitAndCtrlCQuitWhenNoRun() {
        var s = Fixture.state()
        #expect(Fixture.keys(&s, .char("q")) == [.quit])
        var t = Fixture.state()
        #expect(Fixture.keys(&t, .ctrl("c")) == [.quit])
        var u = Fixture.state()
        Fixture.keys(&u, .char("/"))
        #expect(Fixture.keys(&u, .ctrl("c")) == [.quit])   // Ctrl-C reaches global from a text input
    }

    @Test func ctrlLRedraws() {
        var s = Fixture.state()
        #expect(Fixture.keys(&s, .ctrl("l")) == [.redrawAll])
        Fixture.keys(&s, .char("?"))
        #expect(Fixture.keys(&s, .ctrl("l")) == [.redrawAll])
    }

    @Test func unboundKeysDoNothing() {
        var s = Fixture.state()
        let before = s.picker
        #expect(Fixture.keys(&s, .char("Z"), .function(5), .tab).isEmpty)
        #expect(s.picker.cursor == before.cursor && s.modal == nil)
    }

    @Test func disabledKeysSayWhy() {
        var s = Fixture.state()
        #expect(Fixture.keys(&s, .char("S")).isEmpty)
        #expect(s.status?.text.contains("no run is active") == true)
        #expect(Fixture.keys(&s, .char("w")).isEmpty)
        #expect(s.status?.text.contains("no run yet") == true)
        #expect(Fixture.keys(&s, .char("R")).isEmpty)
        #expect(Fixture.keys(&s, .char("a")).isEmpty)
        #expect(s.status?.text.contains("no devices selected") == true && s.modal == nil)
    }
}
