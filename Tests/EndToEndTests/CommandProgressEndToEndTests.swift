import Foundation
import Testing
import ThingSpaceSimulator

/// The commands' progress line in a real terminal: `assign` with its table on the same screen as
/// the progress line on standard error, read back with capture-pane while the run goes on.
@Suite(.serialized) struct CommandProgressEndToEndTests {
    @Test func theProgressLineIsVisibleDuringARunAndGoneAtItsEnd() async throws {
        var config = SimulatorConfiguration()
        config.devices = 3000
        config.used = 0
        config.licenses = 9000
        config.latencyMs = 60
        let sim = ThingSpaceSimulator(configuration: config)
        let url = try await sim.start()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tsl-e2e-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            let list = home.appendingPathComponent("imeis.txt")
            try (await sim.allDeviceIds()).joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
            let binary = try Binary.tslicense()
            // 30 batches, one in flight: the run takes about 30 round trips of 60 ms and more.
            let tmux = try TmuxSession(command: [binary.path, "assign", "--from-file", list.path, "--yes",
                                                 "--batch-size", "100", "--concurrency", "1"],
                                       width: 120, height: 30, environment: [
                "THINGSPACE_BASE_URL": url.absoluteString, "THINGSPACE_ACCOUNT": config.account,
                "THINGSPACE_APP_KEY": config.appKey, "THINGSPACE_APP_SECRET": config.appSecret,
                "THINGSPACE_USERNAME": config.username, "THINGSPACE_PASSWORD": config.password,
                "XDG_CONFIG_HOME": home.path, "XDG_STATE_HOME": home.path, "HOME": home.path,
            ])
            defer { tmux.stop() }
            let during = try await tmux.waitFor("the progress line with some devices answered, before the run ends") {
                $0.range(of: #"assign: [1-9][0-9,]*/3,000 devices answered · [0-9]+/30 batches sent · 0:[0-9]{2}"#,
                         options: .regularExpression) != nil && !$0.contains("assign: 3,000 devices:")
            }
            // The progress line is the last line written, under the table's rows, never inside one.
            let lines = during.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let progressLines = lines.filter { $0.contains("devices answered") }
            #expect(progressLines.count == 1, "one progress line:\n\(during)")
            #expect(progressLines.allSatisfy { $0.hasPrefix("assign: ") }, "the progress line starts its line:\n\(during)")

            #expect(try await tmux.waitForExit(timeout: 120) == 0)
            let final = try tmux.screen()
            #expect(final.contains("assign: 3,000 devices: 3,000 success"), "\(final)")
            #expect(!final.contains("devices answered"), "the progress line is erased at the end:\n\(final)")
        } catch {
            await sim.stop()
            try? FileManager.default.removeItem(at: home)
            throw error
        }
        await sim.stop()
        try? FileManager.default.removeItem(at: home)
    }

    /// The terminal going away under `assign` with no SIGHUP reaching it (it runs in a session of
    /// its own, as under `setsid` or `nohup`): its progress line and table can no longer be
    /// written, and the run goes on to its end, every device answered and the run recorded.
    @Test func aRunOutlivesItsClosedTerminal() async throws {
        var config = SimulatorConfiguration()
        config.devices = 2000
        config.used = 0
        config.licenses = 9000
        config.latencyMs = 60
        let sim = ThingSpaceSimulator(configuration: config)
        let url = try await sim.start()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tsl-e2e-\(UUID().uuidString)")
        var session: Int32 = 0
        do {
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            let list = home.appendingPathComponent("imeis.txt")
            try (await sim.allDeviceIds()).joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
            let pidFile = home.appendingPathComponent("session.pid").path
            let statusFile = home.appendingPathComponent("exit.status").path
            let inner = #"echo $$ > "$1"; out="$2"; shift 2; "$@"; echo $? > "$out""#
            let binary = try Binary.tslicense()
            let tmux = try TmuxSession(command: ["setsid", "sh", "-c", inner, "sh", pidFile, statusFile,
                                                 binary.path, "assign", "--from-file", list.path, "--yes",
                                                 "--batch-size", "100", "--concurrency", "1"],
                                       width: 120, height: 30, environment: [
                "THINGSPACE_BASE_URL": url.absoluteString, "THINGSPACE_ACCOUNT": config.account,
                "THINGSPACE_APP_KEY": config.appKey, "THINGSPACE_APP_SECRET": config.appSecret,
                "THINGSPACE_USERNAME": config.username, "THINGSPACE_PASSWORD": config.password,
                "XDG_CONFIG_HOME": home.path, "XDG_STATE_HOME": home.path, "HOME": home.path,
            ])
            defer {
                tmux.stop()
                if session > 1 { kill(-session, SIGKILL) }
            }
            try await tmux.waitFor("the progress line, before the run ends") {
                $0.contains("devices answered") && !$0.contains("assign: 2,000 devices:")
            }
            session = try #require(Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
            tmux.stop()
            let deadline = Date().addingTimeInterval(120)
            while !((try? String(contentsOfFile: statusFile, encoding: .utf8)) ?? "").hasSuffix("\n") {
                guard Date() < deadline else { throw TmuxError("timed out after 120 s waiting for the exit status in \(statusFile)") }
                try await Task.sleep(nanoseconds: 50_000_000)
            }
            let status = try String(contentsOfFile: statusFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(status == "0", "exit status \(status)")
            #expect(await sim.licenseCounts().used == 2000)
            let runs = home.appendingPathComponent("tslicense/runs")
            let names = try FileManager.default.contentsOfDirectory(atPath: runs.path).filter { $0.hasSuffix(".jsonl") }
            #expect(names.count == 1)
            let text = try String(contentsOf: runs.appendingPathComponent(try #require(names.first)), encoding: .utf8)
            let last = try #require(text.split(separator: "\n").last)
            let end = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
            #expect(end["type"] as? String == "end" && end["state"] as? String == "completed", "\(end)")
        } catch {
            if session > 1 { kill(-session, SIGKILL) }
            await sim.stop()
            try? FileManager.default.removeItem(at: home)
            throw error
        }
        await sim.stop()
        try? FileManager.default.removeItem(at: home)
    }
}
