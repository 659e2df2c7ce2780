import Drawing
import Foundation
import LicenseConsole
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// The console's effects through the real services: paging, IMEI files, saved results.
@Suite("Console program effects", .timeLimit(.minutes(2))) @MainActor
struct ProgramEffectTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tsl-harness-\(UUID().uuidString)-\(name)").path
    }

    @Test func everyPageIsReadOnceAndTheLastPageEndsTheLoad() async throws {
        try await withConsole({ c in
            c.devices = 250
            c.used = 10
            c.pageSize = 100
        }) { h in
            try await h.waitFor("the load to end") { $0.load.done || $0.load.error != nil }
            #expect(h.state.load.error == nil)
            #expect(h.state.load.loaded == 250 && h.state.store.count == 250)
            // Pages of 100, 100 and 50; the third says it is the last, so no fourth request.
            #expect(await h.simulator.counters().deviceListRequests == 3)
            #expect(h.state.counts == LicenseCounts(total: h.configuration.licenses, used: 10))
        }
    }

    @Test func anIMEIFileSelectsItsDevicesAndReportsBadLines() async throws {
        try await withConsole({ c in
            c.devices = 50
            c.used = 0
        }) { h in
            try await h.waitFor("all 50 devices loaded") { $0.load.done && $0.store.count == 50 }
            let ids = Array(await h.simulator.allDeviceIds().prefix(2))
            let path = Self.temporaryPath("ids.txt")
            try (ids + ["12345"]).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }

            h.press(.char("o"), .ctrl("u"))
            h.type(path)
            h.press(.enter)
            try await h.waitFor("the file's devices to be selected") { $0.store.selectedCount == 2 }
            #expect(Set(h.state.store.selectedIndices.map { h.state.store.deviceId($0) }) == Set(ids))
            guard case .info(let report)? = h.state.modal else {
                Issue.record("no file report:\n\(h.screen())")
                return
            }
            #expect(report.lines.contains { $0.contains("\(path):3:") }, "the bad line is named by path and line: \(report.lines)")

            // A missing file is an error dialog naming the path.
            h.press(.escape, .char("o"), .ctrl("u"))
            h.type(path + ".missing")
            h.press(.enter)
            try await h.waitFor("the missing file to be reported") {
                if case .info(let d)? = $0.modal { return d.isError && d.lines.first == path + ".missing" }
                return false
            }
        }
    }

    @Test func resultsOfARunAreSaved() async throws {
        try await withConsole({ c in
            c.devices = 40
            c.used = 0
        }) { h in
            try await h.waitFor("all 40 devices loaded") { $0.load.done && $0.store.count == 40 }
            h.press(.char("v"), .char("a"), .char("y"))
            try await h.waitFor("the run to finish") { $0.run?.summary != nil }
            let path = Self.temporaryPath("results.csv")
            defer { try? FileManager.default.removeItem(atPath: path) }
            h.press(.char("w"), .ctrl("u"))
            h.type(path)
            h.press(.enter)
            try await h.waitFor("the results to be saved") { $0.status?.text.hasPrefix("Results saved to") == true }
            #expect(h.state.status?.text.contains(path) == true)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let ids = await h.simulator.allDeviceIds()
            #expect(ids.allSatisfy { text.contains($0) }, "every device of the run is in the file")
        }
    }
}

/// The harness itself: a wait that cannot be met fails with what it waited for and the screen,
/// and the simulator stops even when the test body throws.
@Suite("Console harness", .timeLimit(.minutes(1))) @MainActor
struct HarnessTests {
    @Test func aFailedWaitNamesWhatItWaitedForAndShowsTheScreen() async throws {
        var simulator: ThingSpaceSimulator?
        do {
            try await withConsole({ c in
                c.devices = 10
                c.used = 1
            }) { h in
                simulator = h.simulator
                try await h.waitFor("all 10 devices loaded") { $0.load.done && $0.store.count == 10 }
                #expect(h.simulator.baseURL != nil)
                try await h.waitFor("an eleventh device", timeout: 0.3) { $0.store.count == 11 }
            }
            Issue.record("a wait that cannot be met returned")
        } catch let timeout as HarnessTimeout {
            #expect(timeout.description.contains("an eleventh device"))
            #expect(timeout.description.contains("0242078689-00001"), "the last screen is in the message: \(timeout)")
        }
        #expect(simulator != nil && simulator?.baseURL == nil, "the simulator was stopped")
    }

    @Test func aFailedSimulatorWaitFails() async throws {
        try await withConsole({ c in
            c.devices = 10
            c.used = 1
        }) { h in
            await #expect(throws: HarnessTimeout.self) {
                try await h.waitFor("a held batch that never comes", timeout: 0.2) { await h.simulator.heldBatchCount() > 0 }
            }
        }
    }
}
