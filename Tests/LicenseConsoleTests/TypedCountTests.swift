import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

/// Above the typed-count threshold the dialog asks only for the count and Enter, for assign and
/// remove alike; `y` is never offered as sending there. The profile is named.
@Suite("Confirm dialog: typed count, profile, guards")
struct TypedCountTests {
    static func context(profile: String? = nil, maxDevices: Int? = nil, readonly: Bool = false,
                        readonlyOrigin: String = "read-only mode (--readonly)", maxOrigin: String = "max_devices") -> ConsoleContext {
        ConsoleContext(account: "0242078689-00001", host: "thingspace.verizon.com", apiVersion: "v1", readonly: readonly,
                       maxDevices: maxDevices, timeZone: Fixture.utc, profileName: profile, readonlyOrigin: readonlyOrigin,
                       maxDevicesOrigin: maxOrigin)
    }

    @Test(arguments: [LicenseOperation.assign, .remove])
    func aboveTheThresholdOnlyTheTypedCountAndEnterSend(operation: LicenseOperation) {
        var s = Fixture.state(devices: Fixture.devices(4000), counts: LicenseCounts(total: 9000, used: 100), width: 120, height: 40)
        Fixture.keys(&s, .char("v"), .char(operation == .assign ? "a" : "x"))
        guard case .confirm = s.modal else { Issue.record("no dialog"); return }
        let text = view(s, width: 120, height: 40).text
        #expect(text.contains("Type 4,000 and press Enter"), "\(text)")
        #expect(!text.contains("[y/n]") && !text.contains("y or Enter"), "y is not offered as sending:\n\(text)")
        // y does not send and is not taken as a wrong count: the status line says what to do.
        #expect(Fixture.keys(&s, .char("y")).isEmpty)
        guard case .confirm(let d) = s.modal else { Issue.record("the dialog closed on y"); return }
        #expect(!d.typedMismatch && s.run == nil)
        #expect(s.status?.text.contains("type 4,000 and press Enter") == true, "\(String(describing: s.status))")
        #expect(!view(s, width: 120, height: 40).lines[39].contains("y "), "the key bar does not offer y")
        Fixture.type(&s, "4000")
        let effects = Fixture.keys(&s, .enter)
        guard case .startRun(let op, let ids, _)? = effects.first else { Issue.record("not sent after typing 4000 and Enter"); return }
        #expect(op == operation && ids.count == 4000)
    }

    @Test func atTheThresholdARemovalIsConfirmedWithYOnly() {
        var s = Fixture.state(devices: Fixture.devices(1000))
        Fixture.keys(&s, .char("v"), .char("x"))
        #expect(Fixture.keys(&s, .enter).isEmpty)
        guard case .confirm = s.modal else { Issue.record("Enter closed the removal dialog"); return }
        #expect(view(s, width: 80, height: 24).text.contains("(Enter does not)"))
        guard case .startRun(.remove, let ids, _)? = Fixture.keys(&s, .char("y")).first else { Issue.record("y did not send"); return }
        #expect(ids.count == 1000)
    }

    @Test func theDialogNamesTheProfile() {
        var s = Fixture.state(devices: Fixture.devices(10), context: Self.context(profile: "production"))
        Fixture.keys(&s, .char("v"), .char("a"))
        let text = view(s, width: 100, height: 30).text
        #expect(text.contains("Profile production") && text.contains("Account 0242078689-00001"), "\(text)")
        var plain = Fixture.state(devices: Fixture.devices(10))
        Fixture.keys(&plain, .char("v"), .char("a"))
        #expect(!view(plain, width: 100, height: 30).text.contains("Profile "))
    }

    /// `max_devices` holds in the console as in the commands: the refusal names the profile and
    /// the limit, and nothing is sent, also for a retry.
    @Test func maxDevicesRefusesNamingTheProfileAndTheLimit() {
        let context = Self.context(profile: "prod", maxDevices: 50, maxOrigin: "max_devices of profile \"prod\"")
        var s = Fixture.state(devices: Fixture.devices(120), context: context)
        #expect(Fixture.keys(&s, .char("v"), .char("a")).isEmpty)
        guard case .info(let info) = s.modal else { Issue.record("no refusal"); return }
        let words = info.lines.joined(separator: " ")
        #expect(words.contains("120 devices to assign") && words.contains("max_devices of profile \"prod\"") && words.contains("at most 50"),
                "\(words)")
        #expect(s.status?.text.contains("profile \"prod\"") == true && s.run == nil)
        #expect(context.runPolicy.maxDevices == 50 && context.runPolicy.maxDevicesOrigin == "max_devices of profile \"prod\"")
    }

    @Test func readonlyNamesWhyInTheCommandsWords() {
        let origin = "profile \"prod\" is readonly (readonly = true in /etc/tslicense.toml)"
        var s = Fixture.state(devices: Fixture.devices(10), context: Self.context(profile: "prod", readonly: true, readonlyOrigin: origin))
        #expect(Fixture.keys(&s, .char("v"), .char("x")).isEmpty)
        #expect(s.modal == nil && s.run == nil)
        #expect(s.status?.text.contains(origin) == true, "\(String(describing: s.status))")
        #expect(throws: RunRefusal.self) { try s.context.runPolicy.checkWritable(.assign, target: "x") }
    }

    @Test func aWrongCountThenEnterSaysSoWithSeparators() {
        var s = Fixture.state(devices: Fixture.devices(1500), counts: LicenseCounts(total: 9000, used: 100))
        Fixture.keys(&s, .char("v"), .char("a"))
        Fixture.type(&s, "1499")
        #expect(Fixture.keys(&s, .enter).isEmpty)
        guard case .confirm(let d) = s.modal else { Issue.record("closed"); return }
        #expect(d.typedMismatch)
        #expect(view(s, width: 80, height: 24).text.contains("That is not 1,500"))
    }
}
