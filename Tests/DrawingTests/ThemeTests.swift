import Drawing
import Testing

@Suite struct ThemeTests {
    @Test(arguments: Theme.builtIn.map(\.name))
    func everyRoleHasAStyle(themeName: String) throws {
        let theme = try #require(Theme.named(themeName))
        #expect(theme.unstyledRoles == [], "\(theme.name) does not style \(theme.unstyledRoles)")
        for role in Role.allCases {
            #expect(theme.styles[role] != nil)
        }
    }

    @Test func builtInThemesAreDefaultAndMono() {
        #expect(Theme.builtIn.map(\.name) == ["default", "mono"])
    }

    @Test func monoUsesNoColours() {
        #expect(!Theme.mono.usesColor)
        for role in Role.allCases {
            let style = Theme.mono.style(for: role)
            #expect(style.fg == .terminalDefault && style.bg == .terminalDefault, "\(role)")
        }
    }

    @Test func monoKeepsImportantRolesDistinct() {
        let mono = Theme.mono
        #expect(mono.style(for: .rowCursor).attributes.contains(.reverse))
        #expect(mono.style(for: .keyHintKey).attributes.contains(.reverse))
        #expect(mono.style(for: .rowCursor) != mono.style(for: .row))
        #expect(mono.style(for: .rowSelected) != mono.style(for: .row))
        #expect(mono.style(for: .rowCursorSelected) != mono.style(for: .rowCursor))
        #expect(mono.style(for: .statusFailed) != mono.style(for: .statusOk))
    }

    @Test func defaultThemeShape() {
        let theme = Theme.default
        #expect(theme.usesColor)
        #expect(theme.style(for: .header).bg == .blue)
        #expect(theme.style(for: .gaugeUsed).fg == .green)
        #expect(theme.style(for: .gaugeWarning).fg == .brightYellow)
        #expect(theme.style(for: .gaugeCritical).fg == .brightRed)
        #expect(theme.style(for: .statusFailed).fg == .brightRed)
        #expect(theme.style(for: .statusOk).fg == .brightGreen)
        #expect(theme.style(for: .keyHintKey).attributes.contains(.bold))
        #expect(theme.style(for: .rowCursor).bg != .terminalDefault)
        // Only the 16 ANSI colours, so it follows the user's palette and degrades cleanly.
        for role in Role.allCases {
            for color in [theme.style(for: role).fg, theme.style(for: role).bg] {
                if case .indexed(let n) = color { #expect(n < 16, "\(role)") }
            }
        }
        // Bright black vanishes in some tmux setups; keep it off essential text.
        for role in Role.allCases { #expect(theme.style(for: role).fg != .brightBlack, "\(role)") }
    }

    @Test func resolveHonoursNoColor() throws {
        #expect(try Theme.resolve(name: nil, environment: ["NO_COLOR": "1"]) == .mono)
        #expect(try Theme.resolve(name: nil, environment: ["NO_COLOR": ""]) == .default)
        #expect(try Theme.resolve(name: nil, environment: [:]) == .default)
        #expect(try Theme.resolve(name: "mono", environment: [:]) == .mono)
        #expect(try Theme.resolve(name: "MONO", environment: [:]) == .mono)
        // An explicit choice wins over NO_COLOR (no-color.org).
        #expect(try Theme.resolve(name: "default", environment: ["NO_COLOR": "1"]) == .default)
    }

    @Test func resolveRejectsUnknownNames() {
        #expect(throws: ThemeError.unknownTheme("neon", available: ["default", "mono"])) {
            try Theme.resolve(name: "neon", environment: [:])
        }
        let error = ThemeError.unknownTheme("neon", available: ["default", "mono"])
        #expect(error.description == "unknown theme \"neon\"; available themes: default, mono")
    }

    @Test func baseAndOverrides() {
        let red = Style(fg: .white, bg: .red, attributes: .bold)
        let production = Theme(name: "production", base: .default, overrides: [.header: red])
        #expect(production.style(for: .header) == red)
        #expect(production.style(for: .rowCursor) == Theme.default.style(for: .rowCursor))
        #expect(production.unstyledRoles == [])
        #expect(Theme.default.with(.border, red).style(for: .border) == red)
        // A partial table falls back to .normal.
        let partial = Theme(name: "p", styles: [.normal: Style(fg: .cyan)])
        #expect(partial.style(for: .error) == Style(fg: .cyan))
        #expect(Theme(name: "empty", styles: [:]).style(for: .error) == .plain)
    }

    @Test func colourNames() {
        #expect(ThemeColor(name: "red") == .red)
        #expect(ThemeColor(name: "bright-cyan") == .brightCyan)
        #expect(ThemeColor(name: "Bright_Cyan") == .brightCyan)
        #expect(ThemeColor(name: "default") == .terminalDefault)
        #expect(ThemeColor(name: "208") == .indexed(208))
        #expect(ThemeColor(name: "256") == nil)
        #expect(ThemeColor(name: "chartreuse") == nil)
    }
}
