import Foundation
import Testing
import ThingSpaceSimulator

/// The built `tslicense` in a real terminal (tmux on a private socket), driven by keys and read
/// back with capture-pane. Only what needs a real terminal is here: starting and the first
/// frame, resizing and the too-small screen, quitting restores the terminal, and no terminal at
/// all. The console's flows (filter, select, assign, remove, held batches, quit during a run)
/// run headless against the simulator in LicenseConsoleTests/Harness. Each test owns its tmux
/// server and simulator and stops them.
@Suite(.serialized) struct ConsoleEndToEndTests {
    /// Rows of the device table: lines that start with a selection box.
    static func deviceRows(_ screen: String) -> [String] {
        screen.split(separator: "\n").map(String.init).filter { $0.hasPrefix("[ ]") || $0.hasPrefix("[x]") }
    }

    static func matches(_ screen: String, _ pattern: String) -> Bool {
        screen.range(of: pattern, options: .regularExpression) != nil
    }

    @Test func startsOnAConfiguredAccountAndQuitRestoresTheTerminal() async throws {
        var config = SimulatorConfiguration()
        config.devices = 300
        config.used = 30
        config.licenses = 1000
        try await withSimulatorHome(config) { sim, _, environment in
            let binary = try Binary.tslicense()
            let tmux = try await TmuxSession.start(command: [binary.path], width: 120, height: 35, environment: environment)
            defer { tmux.stop() }
            // The first frames: the header names the account and host, the counters and every device arrive.
            let first = try await tmux.waitFor("all 300 devices and the counters") {
                Self.matches($0, "300 (loaded|devices)") && Self.matches($0, "30 / 1,?000")
            }
            #expect(first.contains(config.account) && first.contains("127.0.0.1"), "\(first)")
            #expect(Self.deviceRows(first).count > 20, "the table fills the screen:\n\(first)")

            // q restores the terminal, exits 0, and ends the API session (logout on exit).
            try await tmux.send("q")
            #expect(try await tmux.waitForExit() == 0)
            let final = try await tmux.screen()
            #expect(!final.contains("Licences") && Self.deviceRows(final).isEmpty,
                    "the console's screen is gone after quitting:\n\(final)")
            #expect(await sim.counters().logouts == 1)
        }
    }

    @Test func resizeRelayoutsAndTooSmallScreen() async throws {
        let binary = try Binary.tslicense()
        let tmux = try await TmuxSession.start(command: [binary.path, "demo", "--latency", "0", "--devices", "500", "--used", "10"], width: 100, height: 30)
        defer { tmux.stop() }
        let before = try await tmux.waitFor("all 500 devices loaded") { Self.matches($0, "500 (loaded|devices)") }
        let rowsBefore = Self.deviceRows(before).count
        try await tmux.resize(width: 50, height: 12)
        let small = try await tmux.waitFor(text: "60x16")
        #expect(small.lowercased().contains("too small"))
        #expect(Self.deviceRows(small).isEmpty, "no table on a too-small screen:\n\(small)")
        // Down to a single cell and back: the console keeps running and draws again.
        try await tmux.resize(width: 1, height: 1)
        try await tmux.waitUntil("the pane at one cell") {
            (try? await tmux.tmux(["display-message", "-p", "-t", "0", "#{window_width}x#{window_height}"]))?
                .trimmingCharacters(in: .whitespacesAndNewlines) == "1x1"
        }
        #expect(await tmux.exitStatus() == nil, "the console still runs at 1x1")
        try await tmux.resize(width: 140, height: 40)
        let big = try await tmux.waitFor("the table again after growing") { Self.deviceRows($0).count > rowsBefore }
        #expect(big.split(separator: "\n").first?.contains("0242078689-00001") == true, "\(big)")
        #expect(!big.lowercased().contains("too small"))
        // Ctrl-C behaves like q and restores the terminal.
        try await tmux.send("C-c")
        #expect(try await tmux.waitForExit() == 0)
        #expect(Self.deviceRows(try await tmux.screen()).isEmpty)
    }

    /// SIGTERM (a kill) and SIGHUP (the SSH link dropping) reach the console through the one
    /// signal watch: the terminal is restored and the exit status is 128 + signal.
    @Test(arguments: [SIGTERM, SIGHUP])
    func terminationSignalRestoresTheTerminal(signal: Int32) async throws {
        let binary = try Binary.tslicense()
        let tmux = try await TmuxSession.start(command: [binary.path, "demo", "--latency", "0", "--devices", "200", "--used", "10"], width: 100, height: 30)
        defer { tmux.stop() }
        try await tmux.waitFor("all 200 devices loaded") { Self.matches($0, "200 (loaded|devices)") }
        let shell = try await tmux.tmux(["display-message", "-p", "-t", "0", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let (status, children) = try await Spawn.runOffPool(["pgrep", "-P", shell])
        let pid = children.split(separator: "\n").compactMap { Int32($0.trimmingCharacters(in: .whitespaces)) }.first
        #expect(status == 0 && pid != nil, "the console runs under the pane's shell \(shell): \(children)")
        guard let pid else { return }
        #expect(kill(pid, signal) == 0)
        #expect(try await tmux.waitForExit() == Int(128 + signal))
        let final = try await tmux.screen()
        #expect(Self.deviceRows(final).isEmpty && !final.contains("Licences"), "the console's screen is gone:\n\(final)")
    }

    @Test func refusesToStartWithoutATerminal() async throws {
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
        let deadline = Date().addingTimeInterval(20)
        while p.isRunning, Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        if p.isRunning {
            p.terminate()
            Issue.record("tslicense without a terminal did not exit within 20 s")
            return
        }
        #expect(p.terminationStatus == 2)
        let message = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        #expect(message.contains("terminal"), "message: \(message)")
    }
}
