import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

/// The API's run guards in the console: `max_devices` and the typed count, as the commands apply them.
@Suite("Run guards in the console")
struct RunGuardTests {
    static func context(maxDevices: Int? = nil, typeAbove: Int = 1000) -> ConsoleContext {
        ConsoleContext(account: "0242078689-00001", host: "thingspace.verizon.com", apiVersion: "v1",
                       typeToConfirmAbove: typeAbove, maxDevices: maxDevices, timeZone: Fixture.utc)
    }

    @Test func aSelectionOverMaxDevicesIsRefusedNamingTheLimit() {
        for (key, operation) in [("a", LicenseOperation.assign), ("x", .remove)] {
            var s = Fixture.state(devices: Fixture.devices(120), context: Self.context(maxDevices: 50))
            let effects = Fixture.keys(&s, .char("v"), .char(Character(key)))
            #expect(effects.isEmpty)
            #expect(s.run == nil && !s.isRunActive)
            guard case .info(let dialog) = s.modal else { Issue.record("no refusal dialog for \(operation)"); continue }
            #expect(dialog.isError)
            let text = dialog.lines.joined(separator: " ")
            #expect(text.contains("120 devices to \(operation.verb)"), "\(text)")
            #expect(text.contains("at most 50") && text.contains("max_devices"), "\(text)")
            #expect(s.status?.level == .error)
            #expect(s.status?.text.contains("more than max_devices 50") == true, "\(String(describing: s.status))")
            // Acknowledging the refusal sends nothing either.
            #expect(Fixture.keys(&s, .char("y")).isEmpty && s.run == nil)
        }
    }

    @Test func aSelectionAtTheLimitOpensTheDialogAndSends() {
        var s = Fixture.state(devices: Fixture.devices(50), context: Self.context(maxDevices: 50))
        Fixture.keys(&s, .char("v"), .char("a"))
        guard case .confirm(let d) = s.modal else { Issue.record("no confirm dialog at the limit"); return }
        #expect(d.allIds.count == 50)
        let effects = Fixture.keys(&s, .char("y"))
        #expect(effects == [.startRun(.assign, deviceIds: (0..<50).map(Fixture.imei), runTag: 1)])
    }

    @Test func withoutALimitLargeSelectionsAreNotRefused() {
        var s = Fixture.state(devices: Fixture.devices(120))
        Fixture.keys(&s, .char("v"), .char("a"))
        guard case .confirm = s.modal else { Issue.record("no confirm dialog"); return }
    }

    @Test func theTypedCountThresholdComesFromTheContext() {
        var s = Fixture.state(devices: Fixture.devices(6), context: Self.context(typeAbove: 5))
        Fixture.keys(&s, .char("v"), .char("a"))
        #expect(Fixture.keys(&s, .enter).isEmpty)
        guard case .confirm(let d) = s.modal else { Issue.record("the dialog closed without the count"); return }
        #expect(d.typedMismatch)
        Fixture.type(&s, "6")
        let effects = Fixture.keys(&s, .enter)
        guard case .startRun(.assign, let ids, _)? = effects.first else { Issue.record("not sent after typing 6"); return }
        #expect(ids.count == 6)
    }

    @Test func theContextCarriesThePolicyTheCommandsUse() {
        let policy = Self.context(maxDevices: 50, typeAbove: 7).runPolicy
        #expect(policy.maxDevices == 50 && policy.typeToConfirmAbove == 7 && !policy.readonly)
        #expect(Fixture.readonlyContext.runPolicy.readonly)
    }
}
