import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

@Suite("View snapshots (text + role map)")
struct SnapshotTests {
    @Test func picker80x24() { Snapshot.check(view(Scenes.picker(80, 24), width: 80, height: 24), "picker80x24", expected: Snapshots.picker80x24) }
    @Test func picker200x50() { Snapshot.check(view(Scenes.picker(200, 50), width: 200, height: 50), "picker200x50", expected: Snapshots.picker200x50) }
    @Test func filtered80x24() { Snapshot.check(view(Scenes.filtered(80, 24), width: 80, height: 24), "filtered80x24", expected: Snapshots.filtered80x24) }
    @Test func confirmAssign80x24() {
        Snapshot.check(view(Scenes.confirmAssignExcess(80, 24), width: 80, height: 24), "confirmAssign80x24", expected: Snapshots.confirmAssign80x24)
    }
    @Test func confirmAssign200x50() {
        Snapshot.check(view(Scenes.confirmAssignExcess(200, 50), width: 200, height: 50), "confirmAssign200x50", expected: Snapshots.confirmAssign200x50)
    }
    @Test func confirmRemove80x24() {
        Snapshot.check(view(Scenes.confirmRemoveTyping(80, 24), width: 80, height: 24), "confirmRemove80x24", expected: Snapshots.confirmRemove80x24)
    }
    @Test func midRun80x24() { Snapshot.check(view(Scenes.midRun(80, 24), width: 80, height: 24), "midRun80x24", expected: Snapshots.midRun80x24) }
    @Test func midRun200x50() { Snapshot.check(view(Scenes.midRun(200, 50), width: 200, height: 50), "midRun200x50", expected: Snapshots.midRun200x50) }
    @Test func midRun60x16() { Snapshot.check(view(Scenes.midRun(60, 16), width: 60, height: 16), "midRun60x16", expected: Snapshots.midRun60x16) }
    @Test func finishedRun80x24() {
        Snapshot.check(view(Scenes.finishedRun(80, 24), width: 80, height: 24), "finishedRun80x24", expected: Snapshots.finishedRun80x24)
    }
    @Test(arguments: [(80, 24), (120, 40), (200, 50)])
    func columns(width: Int, height: Int) {
        let expected: [String: String?] = ["80x24": Snapshots.columns80x24, "120x40": Snapshots.columns120x40, "200x50": Snapshots.columns200x50]
        Snapshot.check(view(Scenes.columns(width, height), width: width, height: height), "columns\(width)x\(height)",
                       expected: expected["\(width)x\(height)"] ?? nil)
    }
    @Test func help80x24() { Snapshot.check(view(Scenes.help(80, 24), width: 80, height: 24), "help80x24", expected: Snapshots.help80x24) }
    @Test func help200x50() { Snapshot.check(view(Scenes.help(200, 50), width: 200, height: 50), "help200x50", expected: Snapshots.help200x50) }
    @Test func loadError80x24() { Snapshot.check(view(Scenes.loadError(80, 24), width: 80, height: 24), "loadError80x24", expected: Snapshots.loadError80x24) }
    @Test func tooSmall50x10() {
        var s = Scenes.picker(50, 10)
        _ = update(&s, .resize(width: 50, height: 10))
        Snapshot.check(view(s, width: 50, height: 10), "tooSmall50x10", expected: Snapshots.tooSmall50x10)
    }
}
