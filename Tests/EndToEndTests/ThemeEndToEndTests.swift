import TestSupport
import Foundation
import Testing
import ThingSpaceSimulator

/// The console's look on real terminals (tmux on a private socket): colour tiers, NO_COLOR and
/// mono with no colour escape at all (read back with `capture-pane -e` and, raw, through
/// `script(1)`), ASCII only under `LANG=C`, the production red, and a rebound key.
@Suite(.serialized) struct ThemeEndToEndTests {
    static let demo = ["demo", "--latency", "0", "--devices", "200", "--used", "20"]

    struct Case: CustomTestStringConvertible, Sendable {
        var term: String
        var environment: [String: String]
        var flags: [String]
        var testDescription: String { "TERM=\(term) \(environment.map { "\($0)=\($1)" }.joined(separator: " ")) \(flags.joined(separator: " "))" }
    }

    static let colourless: [Case] = [
        Case(term: "xterm-256color", environment: ["NO_COLOR": "1"], flags: []),
        Case(term: "tmux-256color", environment: ["NO_COLOR": "1"], flags: []),
        Case(term: "tmux-256color", environment: [:], flags: ["--theme", "mono"]),
        Case(term: "vt100", environment: [:], flags: []),
    ]

    @Test(arguments: colourless)
    func noColourEscapeAtAll(_ c: Case) async throws {
        let home = try ScratchHome()
        defer { home.remove() }
        let binary = try Binary.tslicense()
        // tmux sets TERM in its panes itself: the program gets its TERM through env(1).
        let tmux = try await TmuxSession.start(command: recorded(["env", "TERM=\(c.term)", binary.path] + Self.demo + c.flags, into: home.rawPath),
                                   width: 100, height: 30,
                                   environment: home.environment.merging(c.environment.merging(["TERM": c.term]) { a, _ in a }) { _, new in new })
        defer { tmux.stop() }
        try await tmux.waitFor("all 200 devices") { $0.contains("200 devices") }
        let captured = try await tmux.screenWithEscapes()
        #expect(SGR.colourLists(Array(captured.utf8)).isEmpty, "colour in capture-pane -e: \(SGR.colourLists(Array(captured.utf8)))")
        // Attributes still carry meaning: the cursor row is reverse video.
        #expect(SGR.parameterLists(Array(captured.utf8)).contains { $0.contains(7) }, "reverse video is used")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        let raw = home.rawBytes()
        #expect(String(decoding: raw, as: UTF8.self).contains("tslicense"), "the recorder saw the frames")
        #expect(SGR.colourLists(raw).isEmpty, "colour in the raw bytes: \(SGR.colourLists(raw).prefix(5))")
    }

    @Test func colourTerminalsDoGetColour() async throws {
        // The same checks can fail: the default theme on tmux-256color sends colour.
        let home = try ScratchHome()
        defer { home.remove() }
        let binary = try Binary.tslicense()
        let tmux = try await TmuxSession.start(command: [binary.path] + Self.demo, environment: home.environment)
        defer { tmux.stop() }
        try await tmux.waitFor("all 200 devices") { $0.contains("200 devices") }
        #expect(!SGR.colourLists(Array(try await tmux.screenWithEscapes().utf8)).isEmpty)
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func onlyASCIIUnderLangC() async throws {
        let home = try ScratchHome()
        defer { home.remove() }
        let binary = try Binary.tslicense()
        let tmux = try await TmuxSession.start(command: recorded([binary.path] + Self.demo, into: home.rawPath), width: 100, height: 30,
                                   environment: home.environment.merging(["LANG": "C", "LC_ALL": "C"]) { _, new in new })
        defer { tmux.stop() }
        let screen = try await tmux.waitFor("all 200 devices") { $0.contains("200 devices") }
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "\(screen)")
        #expect(screen.contains("Licences [#") || screen.contains("Lic [#"), "the gauge is drawn with #:\n\(screen)")
        // Select two devices: the assign segment is +.
        try await tmux.send("Space")
        try await tmux.send("Space")
        try await tmux.waitFor("2 selected") { $0.contains("2 selected") }
        try await tmux.send("?")
        let help = try await tmux.waitFor(text: "Keys:")
        #expect(help.unicodeScalars.allSatisfy { $0.isASCII }, "\(help)")
        #expect(help.contains("+---"), "boxes from + - |:\n\(help)")
        try await tmux.send("Escape")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        let raw = home.rawBytes()
        #expect(raw.count > 1000)
        #expect(raw.allSatisfy { $0 < 0x80 }, "only ASCII bytes, and no alternate character set")
        // Never the alternate character set: no SO (shift to G1) and no DEC line drawing (ESC ( 0).
        // (tmux-256color's sgr0 ends with SI, the switch back, which is harmless.)
        #expect(!raw.contains(0x0E), "no SO")
        #expect(!String(decoding: raw, as: UTF8.self).contains("\u{1B}(0"), "no DEC line drawing")
    }

    @Test func productionThemeShowsRed() async throws {
        let home = try ScratchHome()
        defer { home.remove() }
        let binary = try Binary.tslicense()
        let tmux = try await TmuxSession.start(command: ["env", "TERM=xterm-256color", binary.path] + Self.demo + ["--theme", "production"],
                                   environment: home.environment.merging(["TERM": "xterm-256color"]) { _, new in new })
        defer { tmux.stop() }
        try await tmux.waitFor("all 200 devices") { $0.contains("200 devices") }
        let header = try await tmux.screenWithEscapes().split(separator: "\n").first.map(String.init) ?? ""
        #expect(SGR.hasRedBackground(Array(header.utf8)), "red header: \(header.debugDescription)")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func productionProfileIsRedWhateverTheTheme() async throws {
        var config = SimulatorConfiguration()
        config.devices = 100
        config.used = 10
        config.licenses = 1000
        let sim = ThingSpaceSimulator(configuration: config)
        let url = try await sim.start()
        let home = try ScratchHome()
        do {
            try home.writeConfig("""
                [profiles.default]
                account = "\(config.account)"
                base_url = "\(url.absoluteString)"
                production = true
                theme = "light"
                """)
            let binary = try Binary.tslicense()
            let tmux = try await TmuxSession.start(command: [binary.path], environment: home.environment.merging([
                "THINGSPACE_APP_KEY": config.appKey, "THINGSPACE_APP_SECRET": config.appSecret,
                "THINGSPACE_USERNAME": config.username, "THINGSPACE_PASSWORD": config.password,
                "THINGSPACE_THEME": "mono",     // an exported theme must not hide production
            ]) { _, new in new })
            defer { tmux.stop() }
            let screen = try await tmux.waitFor("all 100 devices") { $0.contains("100 devices") }
            #expect(screen.split(separator: "\n").first?.contains("PRODUCTION") == true, "\(screen)")
            let header = try await tmux.screenWithEscapes().split(separator: "\n").first.map(String.init) ?? ""
            #expect(SGR.hasRedBackground(Array(header.utf8)), "red header: \(header.debugDescription)")
            // The confirm dialog is red too and says PRODUCTION.
            try await tmux.send("Space")
            try await tmux.send("a")
            let dialog = try await tmux.waitFor(text: "FOTA licences")
            #expect(dialog.contains("PRODUCTION"), "\(dialog)")
            try await tmux.send("Escape")
            try await tmux.send("q")
            #expect(try await tmux.waitForExit() == 0)
        } catch {
            await sim.stop()
            home.remove()
            throw error
        }
        await sim.stop()
        home.remove()
    }

    @Test func aReboundKeyWorksAndTheHelpShowsIt() async throws {
        let home = try ScratchHome()
        defer { home.remove() }
        try home.writeConfig("[keys]\nselect_shown = [\"*\"]\ntoggle = [\"t\"]\n")
        let binary = try Binary.tslicense()
        let tmux = try await TmuxSession.start(command: [binary.path] + Self.demo, environment: home.environment)
        defer { tmux.stop() }
        let first = try await tmux.waitFor("all 200 devices") { $0.contains("200 devices") }
        #expect(first.contains("t selects, * selects all shown"), "\(first)")
        try await tmux.type("*")
        try await tmux.waitFor(text: "200 selected")
        try await tmux.send("?")
        let help = try await tmux.waitFor(text: "select every device shown")
        let line = help.split(separator: "\n").first { $0.contains("select every device shown") } ?? ""
        #expect(line.contains("* "), "help shows * for select_shown: \(line)")
        try await tmux.send("Escape")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func badKeysAndUnknownThemesStopBeforeTheConsole() async throws {
        let home = try ScratchHome()
        defer { home.remove() }
        try home.writeConfig("[keys]\nassign = [\"v\"]\n")
        let binary = try Binary.tslicense()
        let keys = try await TmuxSession.start(command: [binary.path] + Self.demo, environment: home.environment)
        defer { keys.stop() }
        #expect(try await keys.waitForExit() == 2)
        let screen = try await keys.screen()
        #expect(screen.contains("config.toml:2: keys.assign") && screen.contains("select_shown"), "\(screen)")

        try home.writeConfig("")
        let theme = try await TmuxSession.start(command: [binary.path] + Self.demo + ["--theme", "neon"], environment: home.environment)
        defer { theme.stop() }
        #expect(try await theme.waitForExit() == 2)
        let text = try await theme.screen()
        #expect(text.contains("unknown theme \"neon\"") && text.contains("high-contrast"), "\(text)")
    }
}
