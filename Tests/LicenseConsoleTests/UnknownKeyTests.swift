import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

/// A key nothing takes is named in the status line, with the key that lists the keys.
@Suite("Unknown keys")
struct UnknownKeyTests {
    @Test func inThePickerTheKeyIsNamed() {
        var s = Fixture.state()
        #expect(Fixture.keys(&s, .char("Z")).isEmpty)
        #expect(s.status?.text == "Z does nothing here; ? lists the keys")
        Fixture.keys(&s, .function(5))
        #expect(s.status?.text.hasPrefix("F5 does nothing here") == true)
    }

    @Test func inADialogTheKeyIsNamedAndNothingIsSent() {
        var s = Fixture.state()
        Fixture.keys(&s, .char(" "), .char("a"))
        #expect(Fixture.keys(&s, .char("z")).isEmpty)
        #expect(s.status?.text == "z does nothing here; ? lists the keys")
        guard case .confirm = s.modal else { Issue.record("the dialog closed"); return }
        // A digit where no count is asked for is unknown too.
        Fixture.keys(&s, .char("7"))
        #expect(s.status?.text.hasPrefix("7 does nothing here") == true)
    }

    @Test func digitsOfATypedCountAreNotReported() {
        var s = Fixture.state(devices: Fixture.devices(1200), counts: LicenseCounts(total: 9000, used: 100))
        Fixture.keys(&s, .char("v"), .char("a"))
        let before = s.status
        Fixture.type(&s, "1,2")
        #expect(s.status == before)
        guard case .confirm(let d) = s.modal else { Issue.record("closed"); return }
        #expect(d.typed == "12")
    }

    @Test func textInputsTakeEveryPrintableKey() {
        var s = Fixture.state()
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "Zq")
        #expect(s.picker.query == "Zq")
        #expect(s.status?.text.contains("does nothing") != true)
    }

    @Test func aRebindingChangesTheNamedHelpKey() {
        var s = Fixture.state()
        s.registry.rebind(.help, to: [.function(1)])
        Fixture.keys(&s, .char("Z"))
        #expect(s.status?.text == "Z does nothing here; F1 lists the keys")
    }
}
