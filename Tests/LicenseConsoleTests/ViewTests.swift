import Drawing
import Foundation
import Testing
import TestSupport
@testable import LicenseConsole
import ThingSpaceAPI

@Suite("View: layout, header, gauge, sizes")
struct ViewTests {
    @Test func tooSmallScreenNamesTheSizeNeeded() {
        let s = Fixture.state()
        for (w, h) in [(59, 24), (80, 15), (50, 10), (20, 5)] {
            let grid = view(s, width: w, height: h)
            #expect(grid.width == w && grid.height == h)
            #expect(grid.text.contains("Terminal too small") || w < 20)
            #expect(grid.text.contains("need at least 60x16, have \(w)x\(h)") || w < 32)
        }
        let ok = view(s, width: 60, height: 16)
        #expect(!ok.text.contains("too small"))
    }

    @Test func accountAndHostAlwaysVisible() {
        for (w, h) in [(60, 16), (80, 24), (200, 50)] {
            for grid in [view(Scenes.midRun(w, h), width: w, height: h), view(Scenes.confirmAssignExcess(w, h), width: w, height: h)] {
                #expect(grid.lines[0].contains("0242078689-00001"), "\(w)x\(h)")
                #expect(grid.lines[0].contains("thingspace.verizon.com"), "\(w)x\(h)")
                let x = grid.lines[0].range(of: "0242078689")!.lowerBound.utf16Offset(in: grid.lines[0])
                #expect(grid[x, 0].role == .headerAccount && grid[x + 15, 0].role == .headerAccount)
            }
        }
    }

    @Test func gaugeShowsExactNumbersNeverAbbreviated() {
        let s = Fixture.state(counts: LicenseCounts(total: 1_000_000, used: 1003))
        for (w, h) in [(60, 16), (80, 24), (200, 50)] {
            let line = view(s, width: w, height: h).lines[1]
            #expect(line.contains("1,003 / 1,000,000"), "\(w): \(line)")
            #expect(line.contains("0.1%") && line.contains("free 998,997") && line.contains("16:00:00"), "\(w): \(line)")
        }
    }

    @Test(arguments: [(1000, Role.gaugeUsed), (7199, .gaugeUsed), (7200, .gaugeWarning), (8549, .gaugeWarning), (8550, .gaugeCritical), (9000, .gaugeCritical)])
    func gaugeRoleFollowsThresholds(_ used: Int, _ role: Role) {
        let s = Fixture.state(counts: LicenseCounts(total: 9000, used: used))
        let grid = view(s, width: 80, height: 24)
        let x = grid.lines[1].range(of: Format.count(used))!.lowerBound.utf16Offset(in: grid.lines[1])
        #expect(grid[x, 1].role == role)
        #expect(grid[10, 1].role == role)   // first bar cell
    }

    @Test func selectionSegmentAndOverMark() {
        var s = Fixture.state(devices: Fixture.devices(30), counts: LicenseCounts(total: 100, used: 50))
        Fixture.keys(&s, .char("v"))   // 20 need a licence, 10 licensed
        var grid = view(s, width: 80, height: 24)
        #expect(grid.lines[1].contains("▓") && grid.lines[1].contains("▒"))
        #expect(!grid.lines[1].contains("!") && !grid.lines[2].contains("!"))
        #expect(grid.lines[2].contains("30 selected") && grid.lines[2].contains("assign needs 20") && grid.lines[2].contains("remove frees 10"))
        let plus = grid.lines[1].firstIndex(of: "▓")!.utf16Offset(in: grid.lines[1])
        #expect(grid[plus, 1].role == .gaugeSelected)
        s = Fixture.state(devices: Fixture.devices(30), counts: LicenseCounts(total: 100, used: 90))
        Fixture.keys(&s, .char("v"))
        grid = view(s, width: 80, height: 24)
        #expect(grid.lines[2].contains("! 10 more than free"))
        let bang = grid.lines[1].firstIndex(of: "!")!.utf16Offset(in: grid.lines[1])
        #expect(grid[bang, 1].role == .gaugeOver)
    }

    @Test func countsNotReadYet() {
        let s = Fixture.state(counts: nil)
        #expect(view(s, width: 80, height: 24).lines[1].contains("reading counts"))
    }

    @Test func loadingProgressAndEmptyStates() {
        var s = ConsoleState(context: Fixture.context)
        _ = update(&s, .resize(width: 80, height: 24))
        _ = update(&s, .start)
        var grid = view(s, width: 80, height: 24)
        #expect(grid.text.contains("Loading devices...") && grid.lines[3].contains("loading 0 / ?"))
        _ = update(&s, .devicePageLoaded(devices: Fixture.devices(3000), loadedSoFar: 3000, done: false, generation: 1))
        grid = view(s, width: 80, height: 24)
        #expect(grid.lines[3].contains("loading 3,000 / ?"))
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "nothing-like-this")
        grid = view(s, width: 80, height: 24)
        #expect(grid.text.contains("No device matches the filter"))
        #expect(grid.lines[3].contains("/nothing-like-this_"))
    }

    @Test func cursorAndSelectionRoles() {
        let s = Scenes.picker(80, 24)
        let grid = view(s, width: 80, height: 24)
        let y0 = s.layout.tableY
        #expect(grid[5, y0].role == .rowSelected)          // device 0 selected
        #expect(grid[5, y0 + 2].role == .row)
        #expect(grid[5, y0 + 4].role == .rowCursor)        // cursor on row 5
        #expect(grid.lines[y0].hasPrefix("[x]") && grid.lines[y0 + 2].hasPrefix("[ ]"))
        let lic = s.layout.columns.licence.x
        #expect(grid[lic, y0 + 2].role == .unlicensed && grid[lic, y0 + 3].role == .licensed)
        #expect(grid[5, y0 + 3].role == .rowSelected)
        #expect(grid[lic, y0 + 6].role == .licensed)
    }

    /// 200,000 devices all selected: the status line counts them exactly. (How long a frame
    /// takes at 1,000,000 devices is a figure of the benchmarks, `frame.build`, not a test.)
    @Test func aLargeSelectionIsCountedExactly() async {
        let (selected, licensed, status) = await offPool { () -> (Int, Int, String) in
            var s = ConsoleState(context: Fixture.context)
            _ = update(&s, .resize(width: 200, height: 50))
            _ = update(&s, .start)
            var page: [DeviceInfo] = []
            for n in 0..<200_000 {
                page.append(DeviceInfo(deviceId: String(350_000_000_000_000 + n), licenseAssigned: n % 2 == 0))
                if page.count == 50_000 {
                    _ = update(&s, .devicePageLoaded(devices: page, loadedSoFar: n + 1, done: n == 199_999, generation: 1))
                    page = []
                }
            }
            Fixture.keys(&s, .char("v"), .end)
            return (s.store.selectedCount, s.store.selectedLicensedCount, view(s, width: 200, height: 50).lines[2])
        }
        #expect(selected == 200_000 && licensed == 100_000)
        #expect(status.contains("200,000 selected"), "\(status)")
    }

    @Test func statusLineRolesByLevel() {
        var s = Fixture.state()
        _ = update(&s, .countsFailed(.timeout(seconds: 30)))
        var grid = view(s, width: 80, height: 24)
        #expect(grid[0, 22].role == .error && grid.lines[22].contains("no answer within 30 s"))
        _ = update(&s, .resultsSaved(path: "x.csv"))
        grid = view(s, width: 80, height: 24)
        #expect(grid[0, 22].role == .statusOk)
    }

    @Test func promptReplacesTheStatusLine() {
        var s = Fixture.state()
        Fixture.keys(&s, .char("o"))
        Fixture.type(&s, "ids.txt")
        let grid = view(s, width: 80, height: 24)
        #expect(grid.lines[22].hasPrefix("IMEI file to select: ids.txt_"))
        #expect(grid[0, 22].role == .input)
        #expect(grid.lines[23].contains("Enter ok") && grid.lines[23].contains("Esc cancel"))
    }
}
