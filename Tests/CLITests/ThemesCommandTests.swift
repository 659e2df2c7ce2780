import Foundation
import Testing

@Suite("tslicense themes")
struct ThemesCommandTests {
    @Test func listsShippedAndUserThemes() async throws {
        try await withSandbox { box in
            let dir = box.root.appendingPathComponent("config/tslicense/themes")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try "inherits = \"default\"\n".write(to: dir.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
            try "[title]\nbold = true\n".write(to: dir.appendingPathComponent("ocean.toml"), atomically: true, encoding: .utf8)
            let r = try await box.run(["themes"])
            #expect(r.status == 0, "\(r)")
            let lines = Dictionary(uniqueKeysWithValues: r.stdoutLines.map { line -> (String, String) in
                let parts = line.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                return (parts[0], parts.count > 1 ? parts[1] : "")
            })
            #expect(lines["default"] == "shipped" && lines["mono"] == "shipped" && lines["production"] == "shipped", "\(r)")
            #expect(lines["high-contrast"] == "shipped", "\(r)")
            #expect(lines["light"] == dir.appendingPathComponent("light.toml").path, "a user file overrides the shipped one: \(r)")
            #expect(lines["ocean"] == dir.appendingPathComponent("ocean.toml").path, "\(r)")
        }
    }

    @Test func aBrokenUserThemeIsNamed() async throws {
        try await withSandbox { box in
            let dir = box.root.appendingPathComponent("config/tslicense/themes")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try "[title]\nbold = true\n\n[titel]\nfg = \"red\"\n".write(to: dir.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
            let r = try await box.run(["themes"])
            #expect(r.status == 2, "\(r)")
            #expect(r.stderr.contains("bad.toml:4: titel: unknown role"), "\(r)")
        }
    }

    @Test func badColorsFlagIsAUsageError() async throws {
        try await withSandbox { box in
            let r = try await box.run(["demo", "--colors", "12"])
            #expect(r.status == 2, "\(r)")
            #expect(r.stderr.contains("--colors must be one of auto, none, 8, 16, 256, truecolor"), "\(r)")
        }
    }
}
