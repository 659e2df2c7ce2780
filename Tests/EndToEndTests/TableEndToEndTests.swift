import Foundation
import Testing

/// The device table in a real terminal: a sort key changes the first row, the failed view after
/// a demo run, and the config file's columns. Each test owns its tmux server and stops it.
@Suite(.serialized) struct TableEndToEndTests {
    static func rows(_ screen: String) -> [String] { ConsoleEndToEndTests.deviceRows(screen) }

    /// The text under a header title in each row (up to the next blank column).
    static func cells(_ screen: String, under title: String) -> [String] {
        let lines = screen.split(separator: "\n").map(String.init)
        guard let header = lines.first(where: { $0.hasPrefix("SEL ") }), let range = header.range(of: title) else { return [] }
        let x = header.distance(from: header.startIndex, to: range.lowerBound)
        return rows(screen).map { row in
            let chars = Array(row)
            guard x < chars.count else { return "" }
            return String(chars[x...].prefix { $0 != " " })
        }
    }

    @Test func aSortKeyChangesTheFirstRow() async throws {
        let binary = try Binary.tslicense()
        let tmux = try await TmuxSession.start(command: [binary.path, "demo", "--latency", "0", "--devices", "500", "--used", "10"],
                                   width: 120, height: 30)
        defer { tmux.stop() }
        let before = try await tmux.waitFor("all 500 devices loaded") { ConsoleEndToEndTests.matches($0, "500 (loaded|devices)") }
        let firstBefore = try #require(Self.rows(before).first)
        // IMEI, MDN, then make: the header marks MAKE and the makes ascend.
        try await tmux.send(">")
        try await tmux.send(">")
        try await tmux.send(">")
        try await tmux.send("g")
        // The sort keeps the cursor on its device (somewhere down the list); `g` brings it to row 1.
        let byMake = try await tmux.waitFor("sorted by make, at row 1") {
            $0.contains("sorted by make") && ConsoleEndToEndTests.matches($0, "row 1 of 500")
        }
        let makes = Self.cells(byMake, under: "MAKE")
        #expect(makes.count > 10 && makes == makes.sorted { $0.lowercased() < $1.lowercased() }, "\(byMake)")
        #expect(ConsoleEndToEndTests.matches(byMake, "MAKE[↑^]"), "\(byMake)")
        try await tmux.send("~")
        try await tmux.send("g")
        let reversed = try await tmux.waitFor("sorted by make, descending, at row 1") {
            $0.contains("sorted by make, descending") && ConsoleEndToEndTests.matches($0, "row 1 of 500")
        }
        let firstAfter = try #require(Self.rows(reversed).first)
        #expect(firstAfter != firstBefore, "before: \(firstBefore)\nafter: \(firstAfter)")
        let descending = Self.cells(reversed, under: "MAKE")
        #expect(descending == descending.sorted { $0.lowercased() > $1.lowercased() }, "\(reversed)")
        #expect(descending.first?.lowercased() != makes.first?.lowercased())
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func afterADemoRunTheFailedViewShowsExactlyTheFailedDevices() async throws {
        let binary = try Binary.tslicense()
        let tmux = try await TmuxSession.start(command: [binary.path, "demo", "--latency", "0", "--devices", "400", "--used", "10"],
                                   width: 140, height: 45)
        defer { tmux.stop() }
        try await tmux.waitFor("all 400 devices loaded") { ConsoleEndToEndTests.matches($0, "400 (loaded|devices)") }
        try await tmux.send("v")
        try await tmux.send("a")
        try await tmux.waitFor(text: "FOTA licences")
        try await tmux.send("y")
        let finished = try await tmux.waitFor("the run's end") { $0.contains("Assign finished") }
        let line = try #require(finished.split(separator: "\n").first { $0.contains("Assign finished") })
        let failedText = try #require(line.firstMatch(of: /([0-9,]+) failed/)?.output.1)
        let failed = Int(failedText.replacingOccurrences(of: ",", with: ""))!
        #expect(failed > 0, "the demo's devices that are not FOTA eligible fail: \(line)")
        try await tmux.send("f")
        let view = try await tmux.waitFor("the failed view") { $0.contains("Showing failed devices") }
        #expect(view.contains("Showing failed devices: \(failedText)"), "\(view)")
        #expect(ConsoleEndToEndTests.matches(view, "row 1 of \(failedText)\\b"), "\(view)")
        let rows = Self.rows(view)
        #expect(rows.count == min(failed, 45 - 10), "\(view)")
        #expect(rows.allSatisfy { $0.contains("failed") }, "\(view)")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func configColumnsChooseTheTableAndAnUnknownNameStopsTheStart() async throws {
        let home = try ScratchHome()
        defer { home.remove() }
        try home.writeConfig("[console]\ncolumns = [\"license\", \"imei\", \"firmware\"]\n")
        let binary = try Binary.tslicense()
        let tmux = try await TmuxSession.start(command: [binary.path, "demo", "--latency", "0", "--devices", "50", "--used", "5"],
                                   width: 120, height: 30, environment: home.environment)
        defer { tmux.stop() }
        let screen = try await tmux.waitFor("all 50 devices") { $0.contains("50 devices") }
        let header = try #require(screen.split(separator: "\n").first { $0.hasPrefix("SEL ") })
        #expect(ConsoleEndToEndTests.matches(String(header), "^SEL LIC +IMEI +FIRMWARE *$"), "\(header)")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)

        try home.writeConfig("[console]\ncolumns = [\"imei\", \"colour\"]\n")
        let (status, output) = try await Spawn.runOffPool([binary.path, "demo", "--devices", "10", "--config",
                                              home.url.appendingPathComponent("tslicense/config.toml").path])
        #expect(status == 2, "\(output)")
        #expect(output.contains("config.toml:2: console.columns: unknown column \"colour\""), "\(output)")
    }
}
