import Foundation
import Testing

/// The console's interaction in a real terminal (tmux on a private socket): details after a
/// demo run, the copy key into tmux's paste buffer (OSC 52), and raw mouse reports as the
/// pane's terminfo names them. Each test owns its tmux server and stops it.
@Suite(.serialized) struct InteractEndToEndTests {
    static let reason = "License assignment failed: device is not eligible for a license"

    static func demo(devices: Int, failing: Int = 0) throws -> [String] {
        [try Binary.tslicense().path, "demo", "--latency", "0", "--devices", String(devices), "--used", "0",
         "--failing-devices", String(failing)]
    }

    static func rows(_ screen: String) -> [String] { ConsoleEndToEndTests.deviceRows(screen) }

    @Test func enterShowsAFailedDevicesFullReasonAfterADemoRun() async throws {
        let tmux = try await TmuxSession.start(command: try Self.demo(devices: 30, failing: 4), width: 120, height: 50)
        defer { tmux.stop() }
        try await tmux.waitFor("all 30 devices loaded") { ConsoleEndToEndTests.matches($0, "30 (loaded|devices)") }
        try await tmux.send("v")
        try await tmux.send("a")
        try await tmux.waitFor(text: "[y/n]")
        try await tmux.send("y")
        let after = try await tmux.waitFor("the run to finish with its failures") { $0.contains("failed devices stay selected") }
        // The failed devices stay selected; go to the first one and open its details.
        let rows = Self.rows(after)
        guard let index = rows.firstIndex(where: { $0.contains("failed") }) else {
            Issue.record("no failed row on the screen:\n\(after)")
            return
        }
        let imei = String(rows[index].dropFirst(4).prefix(15))
        #expect(rows[index].hasPrefix("[x]"), "a failed device stays selected: \(rows[index])")
        try await tmux.send("g")
        for _ in 0..<index { try await tmux.send("Down") }
        try await tmux.waitFor(text: "row \(index + 1) of 30")
        try await tmux.send("Enter")
        let details = try await tmux.waitFor("the details of \(imei)") { $0.contains("Device \(imei)") && $0.contains("Attempts since") }
        let flat = details.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " │|")) }.joined(separator: " ")
        #expect(flat.contains(Self.reason), "the full reason is in the details:\n\(details)")
        #expect(details.contains("LicenseAssignFailed") || details.contains("Failed"), "\(details)")
        try await tmux.send("Escape")
        try await tmux.waitFor("the details to close") { !$0.contains("Attempts since") }
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func theCopyKeyPutsTheIMEIIntoTmuxsPasteBuffer() async throws {
        let tmux = try await TmuxSession.start(command: try Self.demo(devices: 20), width: 120, height: 40)
        defer { tmux.stop() }
        try await tmux.tmux(["set-option", "-g", "set-clipboard", "on"])
        let screen = try await tmux.waitFor("all 20 devices loaded") { ConsoleEndToEndTests.matches($0, "20 (loaded|devices)") }
        let imeis = Self.rows(screen).map { String($0.dropFirst(4).prefix(15)) }
        #expect(imeis.count == 20, "\(screen)")
        try await tmux.send("c")
        try await tmux.waitFor(text: "Sent 1 IMEI to the terminal's clipboard")
        #expect(try await tmux.tmux(["show-buffer"]) == imeis[0])
        // Two selected devices: their IMEIs, one a line.
        try await tmux.send("Space")
        try await tmux.send("Space")
        try await tmux.send("c")
        try await tmux.waitFor(text: "Sent 2 IMEIs")
        #expect(try await tmux.tmux(["show-buffer"]) == imeis[0] + "\n" + imeis[1])
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    /// Raw reports as a terminal sends them, in the protocol the pane's terminfo names: X10
    /// (`kmous=\E[M`) for tmux-256color, SGR (`kmous=\E[<`) for xterm-256color.
    @Test(arguments: ["tmux-256color", "xterm-256color"])
    func wheelAndClickMoveTheCursor(term: String) async throws {
        // tmux sets TERM from its default-terminal whatever `-e` says; `env` sets the pane's own.
        let tmux = try await TmuxSession.start(command: ["env", "TERM=\(term)"] + (try Self.demo(devices: 30)), width: 120, height: 40)
        defer { tmux.stop() }
        try await tmux.waitFor("all 30 devices loaded") { ConsoleEndToEndTests.matches($0, "30 (loaded|devices)") }
        try await tmux.waitFor(text: "row 1 of 30")
        func report(button: Int, x: Int, y: Int, release: Bool = false) -> [String] {
            let bytes: [UInt8]
            if term.hasPrefix("xterm") {
                bytes = Array("\u{1b}[<\(button);\(x + 1);\(y + 1)\(release ? "m" : "M")".utf8)
            } else {
                bytes = [0x1b, 0x5b, 0x4d, UInt8(32 + (release ? 3 : button)), UInt8(33 + x), UInt8(33 + y)]
            }
            return bytes.map { String(format: "%02x", $0) }
        }
        // The wheel: one step down moves the cursor three rows.
        try await tmux.tmux(["send-keys", "-t", "0", "-H"] + report(button: 65, x: 30, y: 8))
        try await tmux.waitFor(text: "row 4 of 30")
        // A click on the selection cell of the eighth row (the table starts on screen row 5).
        try await tmux.tmux(["send-keys", "-t", "0", "-H"] + report(button: 0, x: 1, y: 12) + report(button: 0, x: 1, y: 12, release: true))
        let clicked = try await tmux.waitFor(text: "row 8 of 30")
        #expect(clicked.contains("1 selected"), "\(clicked)")
        #expect(Self.rows(clicked)[7].hasPrefix("[x]"), "\(clicked)")
        // No stray keys from the reports.
        #expect(!clicked.contains("does nothing here"), "\(clicked)")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }
}
