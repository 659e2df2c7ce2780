import Foundation
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// `tslicense devices` against a child `tslicense simulator --hostile-devices`: escape sequences,
/// bidi text, CJK and emoji, and invalid UTF-8 in device fields reach no output raw.
@Suite("hostile device text in the table, CSV and JSON")
struct HostileDeviceTests {
    /// C0/C1 controls other than line ends, DEL, or bidi controls in `text`.
    static func unsafeScalars(_ text: String) -> [UInt32] {
        text.unicodeScalars.filter { s in
            let v = s.value
            return (v < 0x20 && v != 0x0A) || (v >= 0x7F && v < 0xA0)
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
        }.map(\.value)
    }

    /// Starts `tslicense simulator` with the hostile devices, runs `body` with its environment,
    /// and always stops it.
    func withHostileSimulator(_ body: (Sandbox, [String: String]) async throws -> Void) async throws {
        let box = try Sandbox()
        defer { box.remove() }
        let sim = try box.start(["simulator", "--devices", "12", "--used", "2", "--page-size", "5", "--hostile-devices"])
        let ready = await sim.waitFor(timeout: 60) { sim.stdoutSoFar.contains("THINGSPACE_PASSWORD=") || !sim.isRunning }
        #expect(ready, "waited 60 s for the simulator to print its settings")
        var environment: [String: String] = [:]
        for line in sim.stdoutSoFar.split(separator: "\n") where line.hasPrefix("THINGSPACE_") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { environment[parts[0]] = parts[1] }
        }
        do {
            try #require(environment["THINGSPACE_BASE_URL"] != nil, "simulator output: \(sim.stdoutSoFar) \(sim.stderrSoFar)")
            try await body(box, environment)
        } catch {
            sim.kill()
            _ = await sim.finish()
            throw error
        }
        sim.kill()
        _ = await sim.finish()
    }

    @Test func everyFormatIsSafeAndKeepsEveryDevice() async throws {
        try await withHostileSimulator { box, env in
            // Table: sanitised, columns aligned by display width, CJK and emoji intact.
            let table = try await box.run(["devices"], environment: env.merging(["LANG": "C.UTF-8"]) { $1 })
            #expect(table.status == 0, "\(table)")
            #expect(Self.unsafeScalars(table.stdout).isEmpty, "\(Self.unsafeScalars(table.stdout))")
            #expect(!table.stdout.contains("PWNED") && !table.stdout.contains("[2J"))
            #expect(table.stdout.contains("12 of 12 devices"))
            let lines = table.stdout.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.contains("华为技术") && $0.contains("模组📡BG96") && $0.contains("固件-1.0✅") })
            #expect(lines.contains { $0.contains("Sequans") && $0.contains("GM01Q") })
            #expect(lines.contains { $0.contains("TELIT DECREVER") && $0.contains("LE910C4-NF") })
            #expect(lines.contains { $0.contains("BG96\u{FFFD}") })
            let rows = lines.filter { $0.hasSuffix(" yes") || $0.hasSuffix(" no") }
            #expect(rows.count == 12)
            let licenceColumn = Set(rows.map { row in
                let cut = row.hasSuffix(" yes") ? 3 : 2
                return row.dropLast(cut).unicodeScalars.reduce(0) { $0 + Self.columns($1) }
            })
            #expect(licenceColumn.count == 1, "the LICENCE column starts at one display column: \(licenceColumn)")

            // LANG=C: ASCII only, one ? per display column, ~ for a cut.
            let ascii = try await box.run(["devices"], environment: env.merging(["LANG": "C"]) { $1 })
            #expect(ascii.status == 0, "\(ascii)")
            #expect(ascii.stdout.unicodeScalars.allSatisfy { $0.isASCII })
            #expect(ascii.stdout.contains("????????        ??????BG96"))
            #expect(ascii.stdout.contains("SIERRA WIRELE~") || !ascii.stdout.contains("SIERRA"))

            // CSV: sanitised, one line per device.
            let csv = try await box.run(["devices", "--format", "csv"], environment: env)
            #expect(csv.status == 0, "\(csv)")
            #expect(Self.unsafeScalars(csv.stdout).isEmpty, "\(Self.unsafeScalars(csv.stdout))")
            #expect(csv.stdoutLines.count == 13)
            #expect(csv.stdout.contains(",华为技术,模组📡BG96,固件-1.0✅ é,"))
            #expect(csv.stdout.contains(",TELIT DECREVER,LE910C4-NF,25.30.226,"))

            // JSON: the text kept, every control escaped; every device there.
            let json = try await box.run(["devices", "--format", "json"], environment: env)
            #expect(json.status == 0, "\(json)")
            #expect(Self.unsafeScalars(json.stdout).isEmpty, "\(Self.unsafeScalars(json.stdout))")
            #expect(json.stdout.contains(#"\u001b]0;PWNED-TITLE\u0007Sequans"#))
            #expect(json.stdout.contains(#"\u009b31mGM01Q"#))
            #expect(json.stdout.contains(#"TELIT \u202eDECREVER\u202c"#))
            let devices = try json.jsonArray()
            #expect(devices.count == 12)
            #expect(devices.contains { ($0["make"] as? String)?.hasPrefix("\u{1B}]0;PWNED-TITLE\u{07}") == true })
            #expect(devices.contains { $0["make"] as? String == "华为技术" })
        }
    }

    /// Display columns of one scalar (only what these rows contain: ASCII, CJK, emoji, marks).
    static func columns(_ s: Unicode.Scalar) -> Int {
        switch s.value {
        case 0x300...0x36F: return 0
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0x1F300...0x1FAFF, 0x2705: return 2
        default: return 1
        }
    }
}
