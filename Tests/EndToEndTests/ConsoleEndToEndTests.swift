import Foundation
import Testing
import ThingSpaceSimulator

/// The built `tslicense` in a real terminal (tmux on a private socket), driven by keys and read
/// back with capture-pane. Each test owns its tmux server and simulator and stops them.
@Suite(.serialized) struct ConsoleEndToEndTests {
    /// Rows of the device table: lines that start with a selection box.
    static func deviceRows(_ screen: String) -> [String] {
        screen.split(separator: "\n").map(String.init).filter { $0.hasPrefix("[ ]") || $0.hasPrefix("[x]") }
    }

    static func matches(_ screen: String, _ pattern: String) -> Bool {
        screen.range(of: pattern, options: .regularExpression) != nil
    }

    @Test func demoFilterSelectAssignAndRemove() async throws {
        let binary = try Binary.tslicense()
        let tmux = try TmuxSession(command: [binary.path, "demo", "--latency", "0", "--jitter", "0"], width: 120, height: 35)
        defer { tmux.stop() }
        try await tmux.waitFor("all 5,000 devices loaded") { Self.matches($0, "5,000 (loaded|devices)") && !$0.contains("loading") }
        #expect(Self.matches(try tmux.screen(), "1,?000 / 9,?000"))

        // Filter: only matching devices are shown, case-insensitively.
        try tmux.send("/")
        try tmux.type("quectel")
        try tmux.send("Enter")
        let filtered = try await tmux.waitFor("only QUECTEL rows") { screen in
            let rows = Self.deviceRows(screen)
            return !rows.isEmpty && rows.allSatisfy { $0.contains("QUECTEL") }
        }
        #expect(!filtered.contains("SIERRA"))

        // Unlicensed only, select three, assign, confirm.
        try tmux.send("l")
        try await tmux.waitFor(text: "unlicensed")
        try tmux.send("Space", "Space", "Space")
        try await tmux.waitFor(text: "3 selected")
        try tmux.send("a")
        let dialog = try await tmux.waitFor(text: "[y/n]")
        #expect(dialog.contains("0242078689-00001"))
        #expect(dialog.contains("127.0.0.1"))
        try tmux.send("y")
        // The gauge's used count rises by the number of successes.
        let after = try await tmux.waitFor("the run to finish with 1,003 used") {
            !$0.contains("[y/n]") && Self.matches($0, "1,?003 / 9,?000 used") && $0.contains("3 / 3")
        }
        #expect(Self.deviceRows(after).filter { $0.contains("Success") }.count == 3)

        // Remove the same three: Enter does not confirm a remove, y does.
        try tmux.send("x")
        let removeDialog = try await tmux.waitFor("the remove dialog") { $0.contains("[y/n]") && $0.lowercased().contains("remove") }
        #expect(removeDialog.lowercased().contains("remove"))
        try tmux.send("Enter")
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(try tmux.screen().contains("[y/n]"), "Enter must not confirm a remove")
        try tmux.send("y")
        try await tmux.waitFor("used back to 1,000") { Self.matches($0, "1,?000 / 9,?000 used") && !$0.contains("[y/n]") }

        // Quit restores the terminal.
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        let final = try tmux.screen()
        #expect(!final.contains("Licences"), "the console's screen is gone after quitting:\n\(final)")
    }

    @Test func intermediateScreenWhileBatchesAreHeld() async throws {
        var config = SimulatorConfiguration()
        config.devices = 300
        config.used = 0
        config.licenses = 1000
        config.faults.holdBatches = true
        let sim = ThingSpaceSimulator(configuration: config)
        let url = try await sim.start()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tsl-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let binary = try Binary.tslicense()
        let tmux = try TmuxSession(command: [binary.path], width: 120, height: 35, environment: [
            "THINGSPACE_BASE_URL": url.absoluteString, "THINGSPACE_ACCOUNT": config.account,
            "THINGSPACE_APP_KEY": config.appKey, "THINGSPACE_APP_SECRET": config.appSecret,
            "THINGSPACE_USERNAME": config.username, "THINGSPACE_PASSWORD": config.password,
            "XDG_CONFIG_HOME": home.path, "XDG_STATE_HOME": home.path, "HOME": home.path,
        ])
        defer {
            tmux.stop()
            try? FileManager.default.removeItem(at: home)
        }
        do {
            try await tmux.waitFor("all 300 devices loaded") { Self.matches($0, "300 (loaded|devices)") }
            try tmux.send("v")
            try await tmux.waitFor(text: "300 selected")
            try tmux.send("a")
            try await tmux.waitFor(text: "[y/n]")
            try tmux.send("y")
            // Three batches of 100, two in flight, both held by the server.
            let deadline = Date().addingTimeInterval(15)
            while await sim.heldBatchCount() < 2, Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
            #expect(await sim.heldBatchCount() == 2)
            await sim.releaseBatches(1)
            let partial = try await tmux.waitFor("100 of 300 results") { Self.matches($0, "100 / 300") }
            // Some but not all devices have results: the panel counts 100 done and 200 pending,
            // and the gauge follows the responses.
            #expect(Self.matches(partial, "assigned 100 .*pending 200"), "intermediate screen:\n\(partial)")
            #expect(Self.matches(partial, "100 / 1,?000 used"), "gauge follows the responses:\n\(partial)")
            #expect(await sim.heldBatchCount() >= 1)
            // A device of the answered batch shows its outcome in words, one of a held batch is pending.
            let answered = try #require(await sim.licensedDeviceIds().sorted().first)
            let held = try #require(Set(await sim.allDeviceIds()).subtracting(await sim.licensedDeviceIds()).sorted().first)
            try tmux.send("/")
            try tmux.type(answered)
            let doneRow = try await tmux.waitFor("the answered device") { Self.deviceRows($0).count == 1 }
            #expect(Self.deviceRows(doneRow).first?.contains("Success") == true, "\(doneRow)")
            try tmux.send("Escape")
            try tmux.send("/")
            try tmux.type(held)
            let pendingRow = try await tmux.waitFor("the held device") { Self.deviceRows($0).first?.contains(held) == true && Self.deviceRows($0).count == 1 }
            #expect(Self.deviceRows(pendingRow).first?.contains("pending") == true, "\(pendingRow)")
            #expect(Self.matches(pendingRow, "100 / 300"), "still 100 of 300:\n\(pendingRow)")
            try tmux.send("Escape")
            await sim.setHoldBatches(false)
            await sim.releaseAllBatches()
            let final = try await tmux.waitFor("all 300 results") { Self.matches($0, "300 / 300") }
            #expect(Self.matches(final, "300 / 1,?000 used"), "\(final)")
            #expect(Self.deviceRows(final).allSatisfy { $0.contains("Success") }, "\(final)")
            try tmux.send("q")
            #expect(try await tmux.waitForExit() == 0)
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }

    @Test func resizeRelayoutsAndTooSmallScreen() async throws {
        let binary = try Binary.tslicense()
        let tmux = try TmuxSession(command: [binary.path, "demo", "--latency", "0", "--devices", "500", "--used", "10"], width: 100, height: 30)
        defer { tmux.stop() }
        try await tmux.waitFor("all 500 devices loaded") { Self.matches($0, "500 (loaded|devices)") }
        try tmux.resize(width: 50, height: 12)
        let small = try await tmux.waitFor(text: "60x16")
        #expect(small.lowercased().contains("too small"))
        try tmux.resize(width: 140, height: 40)
        let big = try await tmux.waitFor("all 500 devices loaded") { Self.matches($0, "500 (loaded|devices)") }
        #expect(big.split(separator: "\n").first?.contains("0242078689-00001") == true)
        #expect(Self.deviceRows(big).count > 25, "more rows after growing:\n\(big)")
        // Ctrl-C behaves like q.
        try tmux.send("C-c")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func refusesToStartWithoutATerminal() throws {
        let binary = try Binary.tslicense()
        let p = Process()
        p.executableURL = binary
        p.arguments = ["demo", "--devices", "10", "--used", "1"]
        p.standardInput = FileHandle.nullDevice
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("tsl-\(UUID().uuidString).err").path
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        p.standardError = FileHandle(forWritingAtPath: errPath)
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 2)
        let message = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        #expect(message.contains("terminal"), "message: \(message)")
    }
}
