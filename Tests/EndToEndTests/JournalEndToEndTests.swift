import Foundation
import Testing
import ThingSpaceSimulator

/// The console's runs in the journal, through the built binary in tmux (`tslicense demo`, whose
/// runs go to `demo-runs/` of the state directory): the exit report, and SIGHUP during a run.
@Suite(.serialized) struct JournalEndToEndTests {
    /// A private state directory, removed afterwards.
    static func withHome<T>(_ body: (URL) async throws -> T) async throws -> T {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tsl-e2e-journal-\(UUID().uuidString.prefix(12))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        return try await body(home)
    }

    /// The records of the demo's journals, newest run first, each a list of JSON objects.
    static func journals(_ home: URL) throws -> [(id: String, records: [[String: Any]])] {
        let dir = home.appendingPathComponent("tslicense/demo-runs")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".jsonl") }.sorted(by: >)
        return try names.map { name in
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let records = text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            return (String(name.dropLast(".jsonl".count)), records)
        }
    }

    static func session(_ home: URL, _ extra: [String]) async throws -> TmuxSession {
        let binary = try Binary.tslicense()
        return try await TmuxSession.start(command: [binary.path, "demo", "--latency", "0", "--devices", "300", "--used", "10"] + extra,
                               width: 120, height: 35,
                               environment: ["XDG_STATE_HOME": home.path, "XDG_CONFIG_HOME": home.path, "HOME": home.path])
    }

    @Test func quittingPrintsEachRunAndWhereTheJournalIs() async throws {
        try await Self.withHome { home in
            let tmux = try await Self.session(home, [])
            defer { tmux.stop() }
            try await tmux.waitFor("all 300 devices loaded") { $0.range(of: "300 (loaded|devices)", options: .regularExpression) != nil }
            // Three devices: select, assign, confirm; the run ends.
            try await tmux.send("Space")
            try await tmux.send("Space")
            try await tmux.send("Space")
            try await tmux.send("a")
            try await tmux.waitFor(text: "[y/n]")
            try await tmux.send("y")
            try await tmux.waitFor(text: "Assign finished")
            try await tmux.send("q")
            #expect(try await tmux.waitForExit() == 0)
            let journals = try Self.journals(home)
            let run = try #require(journals.first)
            #expect(journals.count == 1)
            #expect(run.records.last?["type"] as? String == "end" && run.records.last?["state"] as? String == "completed")
            // After the terminal is restored: one line for the run, with its counts, and the journal's place.
            let screen = try await tmux.screen().replacingOccurrences(of: "\n", with: "")
            #expect(screen.contains("run \(run.id): assign, 3 devices: "), "\(screen)")
            #expect(screen.contains("journal: \(home.path)/tslicense/demo-runs"), "\(screen)")
        }
    }

    /// SIGHUP (the SSH link dropping) during a run whose batches the server holds: nothing more
    /// is sent, the batches in flight get their grace and are cancelled, the run's end is
    /// recorded as stopped with the signal, the terminal is restored, and the exit is 129.
    @Test func hangUpDuringARunRecordsItsStoppedEnd() async throws {
        try await Self.withHome { home in
            let tmux = try await Self.session(home, ["--hold"])
            defer { tmux.stop() }
            try await startAssigningAll(tmux, home)
            let shell = try await tmux.tmux(["display-message", "-p", "-t", "0", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
            let (_, children) = try await Spawn.runOffPool(["pgrep", "-P", shell])
            let pid = try #require(children.split(separator: "\n").compactMap { Int32($0.trimmingCharacters(in: .whitespaces)) }.first)
            #expect(kill(pid, SIGHUP) == 0)
            #expect(try await tmux.waitForExit(timeout: 60) == 129)
            let run = try #require(try Self.journals(home).first)
            let end = try #require(run.records.last)
            #expect(end["type"] as? String == "end" && end["state"] as? String == "stopped", "\(end)")
            #expect(end["signal"] as? Int == Int(SIGHUP))
            #expect(!((try await tmux.screen()).contains("Licences")), "the console's screen is gone")
        }
    }

    /// The terminal closing with no SIGHUP reaching the console (it runs in a session of its
    /// own, as under `setsid`, so the pane's end signals only the shell around it): its reads
    /// end, and the console stops its run, records it and exits 129 instead of running on with
    /// a dead terminal.
    @Test func aTerminalClosedWithoutSIGHUPStopsAndRecordsTheRun() async throws {
        try await Self.withHome { home in
            let binary = try Binary.tslicense()
            let pidFile = home.appendingPathComponent("session.pid").path
            let statusFile = home.appendingPathComponent("exit.status").path
            // The inner shell leads the new session: it writes its pid, runs the console as its
            // child, and writes the console's exit status once it ends.
            let inner = #"echo $$ > "$1"; out="$2"; shift 2; "$@"; echo $? > "$out""#
            let tmux = try await TmuxSession.start(command: ["setsid", "sh", "-c", inner, "sh", pidFile, statusFile, binary.path, "demo",
                                                 "--latency", "0", "--devices", "300", "--used", "10", "--hold"],
                                       width: 120, height: 35,
                                       environment: ["XDG_STATE_HOME": home.path, "XDG_CONFIG_HOME": home.path, "HOME": home.path])
            var session: Int32 = 0
            defer {
                tmux.stop()
                if session > 1 { kill(-session, SIGKILL) }
            }
            try await startAssigningAll(tmux, home)
            session = try #require(Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
            // The whole tmux server goes: the pane's terminal closes under the console.
            tmux.stop()
            try await waitUntil("the console's exit status in \(statusFile)") {
                ((try? String(contentsOfFile: statusFile, encoding: .utf8)) ?? "").hasSuffix("\n")
            }
            let status = try String(contentsOfFile: statusFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(status == "129", "exit status \(status)")
            let run = try #require(try Self.journals(home).first)
            let end = try #require(run.records.last)
            #expect(end["type"] as? String == "end" && end["state"] as? String == "stopped", "\(end)")
            #expect(end["signal"] == nil, "no signal arrived: \(end)")
        }
    }

    /// A run of this account and base URL whose process is gone (a start record, no end, no
    /// lock) is announced in the console's status line as it opens.
    @Test func anInterruptedRunIsAnnouncedInTheStatusLine() async throws {
        var config = SimulatorConfiguration()
        config.devices = 100
        config.used = 0
        config.licenses = 1000
        let sim = ThingSpaceSimulator(configuration: config)
        let url = try await sim.start()
        do {
            try await Self.withHome { home in
                let runs = home.appendingPathComponent("tslicense/runs")
                try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
                let devices = Array(await sim.allDeviceIds().sorted().prefix(2))
                let start: [String: Any] = [
                    "type": "start", "at": "2026-11-01T00:00:00.000Z", "runId": "20261101T000000Z-abc123",
                    "account": config.account, "baseURL": url.absoluteString, "apiVersion": "v1", "operation": "assign",
                    "entries": devices, "devices": devices, "user": "someone", "host": "elsewhere", "pid": 1,
                ]
                var line = try JSONSerialization.data(withJSONObject: start)
                line.append(0x0A)
                try line.write(to: runs.appendingPathComponent("20261101T000000Z-abc123.jsonl"))

                let binary = try Binary.tslicense()
                let tmux = try await TmuxSession.start(command: [binary.path], width: 160, height: 35, environment: [
                    "THINGSPACE_BASE_URL": url.absoluteString, "THINGSPACE_ACCOUNT": config.account,
                    "THINGSPACE_APP_KEY": config.appKey, "THINGSPACE_APP_SECRET": config.appSecret,
                    "THINGSPACE_USERNAME": config.username, "THINGSPACE_PASSWORD": config.password,
                    "XDG_CONFIG_HOME": home.path, "XDG_STATE_HOME": home.path, "HOME": home.path,
                ])
                defer { tmux.stop() }
                let screen = try await tmux.waitFor("all 100 devices loaded") {
                    $0.range(of: "100 (loaded|devices)", options: .regularExpression) != nil
                }
                #expect(screen.contains("run 20261101T000000Z-abc123 (assign, 2 devices) was interrupted"), "\(screen)")
                try await tmux.send("q")
                #expect(try await tmux.waitForExit() == 0)
            }
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }

    /// Once the demo's 300 devices are loaded: selects them all and assigns them, and returns
    /// when the run's first batches are on the wire (their intent is journaled before they leave).
    func startAssigningAll(_ tmux: TmuxSession, _ home: URL) async throws {
        try await tmux.waitFor("all 300 devices loaded") { $0.range(of: "300 (loaded|devices)", options: .regularExpression) != nil }
        try await tmux.send("v")
        try await tmux.send("a")
        try await tmux.waitFor(text: "[y/n]")
        try await tmux.send("y")
        try await tmux.waitFor(text: "Assigning")
        try await waitUntil("a batch intent in the journal") {
            ((try? Self.journals(home))?.first?.records.contains { $0["type"] as? String == "intent" }) == true
        }
    }

    /// Polls `condition` every 50 ms for up to 60 s.
    func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(60)
        while !condition() {
            guard Date() < deadline else { throw TmuxError("timed out after 60 s waiting for \(what)") }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
    }
}
