import Foundation
import Testing
import ThingSpaceSimulator

/// The commands' progress line in a real terminal: `assign` with its table on the same screen as
/// the progress line on standard error, read back with capture-pane while the run goes on.
@Suite(.serialized) struct CommandProgressEndToEndTests {
    /// A simulator at 60 ms latency holding `devices` unlicensed devices, a private home with
    /// their IMEIs in `imeis.txt`, and the environment that points the binary at both; the
    /// simulator and the home are gone afterwards, whatever happened.
    static func withAssignSetup(devices: Int,
                                _ body: (ThingSpaceSimulator, URL, [String: String]) async throws -> Void) async throws {
        var config = SimulatorConfiguration()
        config.devices = devices
        config.used = 0
        config.licenses = 9000
        config.latencyMs = 60
        try await withSimulatorHome(config) { sim, home, environment in
            try (await sim.allDeviceIds()).joined(separator: "\n")
                .write(to: home.appendingPathComponent("imeis.txt"), atomically: true, encoding: .utf8)
            try await body(sim, home, environment)
        }
    }

    /// `assign` of every device in `imeis.txt`, one batch of 100 in flight at a time.
    static func assignAll(_ home: URL) throws -> [String] {
        [try Binary.tslicense().path, "assign", "--from-file", home.appendingPathComponent("imeis.txt").path, "--yes",
         "--batch-size", "100", "--concurrency", "1"]
    }

    @Test func theProgressLineIsVisibleDuringARunAndGoneAtItsEnd() async throws {
        try await Self.withAssignSetup(devices: 3000) { _, home, environment in
            // 30 batches, one in flight: the run takes about 30 round trips of 60 ms and more.
            let tmux = try await TmuxSession.start(command: try Self.assignAll(home), width: 120, height: 30, environment: environment)
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
            let final = try await tmux.screen()
            #expect(final.contains("assign: 3,000 devices: 3,000 success"), "\(final)")
            #expect(!final.contains("devices answered"), "the progress line is erased at the end:\n\(final)")
        }
    }

    /// The terminal going away under `assign` with no SIGHUP reaching it (it runs in a session of
    /// its own, as under `setsid` or `nohup`): its progress line and table can no longer be
    /// written, and the run goes on to its end, every device answered and the run recorded.
    @Test func aRunOutlivesItsClosedTerminal() async throws {
        try await Self.withAssignSetup(devices: 2000) { sim, home, environment in
            let pidFile = home.appendingPathComponent("session.pid").path
            let statusFile = home.appendingPathComponent("exit.status").path
            // The inner shell leads the new session: it writes its pid, runs the command as its
            // child, and writes the command's exit status once it ends.
            let inner = #"echo $$ > "$1"; out="$2"; shift 2; "$@"; echo $? > "$out""#
            let tmux = try await TmuxSession.start(command: ["setsid", "sh", "-c", inner, "sh", pidFile, statusFile] + (try Self.assignAll(home)),
                                       width: 120, height: 30, environment: environment)
            var session: Int32 = 0
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
        }
    }
}
