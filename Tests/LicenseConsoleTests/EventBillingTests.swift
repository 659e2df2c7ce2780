import Foundation
import LicenseConsole
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// An event-based account in the console: the header says licences are not needed instead of a
/// gauge, and `a` explains it in the dialog, which still lets the operator assign anyway.
@MainActor
@Suite struct EventBillingTests {
    @Test func theHeaderSaysSoAndAssignExplainsIt() async throws {
        try await withConsole({ c in
            c.devices = 40
            c.used = 0
            c.billing = .event
        }) { console in
            try await console.waitFor("the subscription and every device to load") { $0.billing == .event && $0.load.done }
            let screen = console.screen()
            #expect(screen.contains("not needed: event-based account"), "\(screen)")
            #expect(!screen.contains("Licences ["), "no gauge for an event-based account")

            console.press(.char(" "), .char("a"))
            try await console.waitFor(text: "This account is event-based")
            console.press(.char("y"))
            try await console.waitFor("the run to finish") { $0.run?.isActive == false }
            #expect(await console.simulator.licenseCounts().used == 1, "assigned anyway after the explanation")
        }
    }

    @Test func aMonthlyAccountKeepsItsGauge() async throws {
        try await withConsole({ c in c.devices = 20; c.used = 5 }) { console in
            try await console.waitFor("the subscription to load") { $0.billing == .monthly && $0.load.done }
            #expect(console.screen().contains("Licences ["))
        }
    }
}
