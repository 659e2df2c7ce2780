import Drawing
import Foundation
import Testing
@testable import Settings

/// The shipped themes (built into the binary), user themes, `inherits`, and the errors a theme
/// file gets.
@Suite struct ThemeCatalogTests {
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    @Test func binaryCopyIsTheThemesFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder.path)
            .filter { $0.hasSuffix(".toml") }.sorted()
        #expect(files.map { String($0.dropLast(5)) } == ShippedThemes.files.map(\.name).sorted(),
                "themes/ and the embedded copy list the same themes; run scripts/embed-themes.sh")
        for (name, text) in ShippedThemes.files {
            let onDisk = try String(contentsOf: Self.themesFolder.appendingPathComponent("\(name).toml"), encoding: .utf8)
            #expect(onDisk == text + "\n", "themes/\(name).toml differs from the binary's copy; run scripts/embed-themes.sh")
        }
    }

    @Test func shipsTheNamedThemes() {
        let names = ThemeCatalog.shippedOnly.names
        for wanted in ["default", "light", "high-contrast", "mono", "production"] {
            #expect(names.contains(wanted), "\(names)")
        }
        #expect(ThemeCatalog.shippedOnly.entries.allSatisfy { $0.userFile == nil })
    }

    @Test(arguments: ["default", "light", "high-contrast", "mono", "production"])
    func everyShippedThemeLoadsAndMapsEveryRole(name: String) throws {
        let theme = try ThemeCatalog.shippedOnly.theme(named: name)
        #expect(theme.unstyledRoles == [], "\(name) leaves \(theme.unstyledRoles) unstyled")
    }

    @Test func shippedDefaultAndMonoAreTheCodeThemes() throws {
        let catalog = ThemeCatalog.shippedOnly
        #expect(try catalog.theme(named: "default").styles == Theme.default.styles)
        #expect(try catalog.theme(named: "mono").styles == Theme.mono.styles)
        #expect(!(try catalog.theme(named: "mono").usesColor), "mono uses no colour at all")
    }

    @Test func inheritsOverridesOnlyWhatItSets() throws {
        let light = try ThemeCatalog.shippedOnly.theme(named: "light")
        #expect(light.style(for: .header) == Theme.default.style(for: .header), "header comes from default")
        #expect(light.style(for: .title) == Style(fg: .blue, attributes: .bold), "title is light's own (palette ocean)")
        #expect(light.style(for: .unlicensed).fg == .rgb(0xAF, 0x5F, 0x00))
        let production = try ThemeCatalog.shippedOnly.theme(named: "production")
        #expect(production.style(for: .header).bg == .red)
        #expect(production.style(for: .dialogDanger).bg == .red)
        #expect(production.style(for: .rowCursor) == Theme.default.style(for: .rowCursor))
    }

    @Test func userThemesOverrideShippedOnesAndChain() throws {
        let home = try Home()
        let dir = home.root + "/.config/tslicense/themes"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // A user "default" that inherits the shipped default (same name), and one that chains on light.
        try "inherits = \"default\"\n[row_cursor]\nfg = \"black\"\nbg = \"magenta\"\n".write(toFile: dir + "/default.toml", atomically: true, encoding: .utf8)
        try "inherits = \"light\"\n[palette]\nocean = \"#005f87\"\n".write(toFile: dir + "/sea.toml", atomically: true, encoding: .utf8)
        let catalog = try ThemeCatalog.load(environment: home.environment())
        let entries = Dictionary(uniqueKeysWithValues: catalog.entries.map { ($0.name, $0.userFile) })
        #expect(entries["default"] == .some(dir + "/default.toml"))
        #expect(entries["sea"] == .some(dir + "/sea.toml"))
        #expect(entries["light"] == .some(nil))
        let mine = try catalog.theme(named: "default")
        #expect(mine.style(for: .rowCursor) == Style(fg: .black, bg: .magenta))
        #expect(mine.style(for: .header) == Theme.default.style(for: .header))
        // sea → light → default: light's roles now use sea's ocean.
        let sea = try catalog.theme(named: "sea")
        #expect(sea.style(for: .title) == Style(fg: .rgb(0x00, 0x5F, 0x87), attributes: .bold))
        #expect(sea.style(for: .header) == Theme.default.style(for: .header))
        // A theme by path.
        let byPath = try catalog.theme(named: dir + "/sea.toml")
        #expect(byPath.style(for: .title) == sea.style(for: .title))
    }

    @Test func unknownThemeListsTheAvailableOnes() {
        #expect(throws: ThemeSelectionError.unknown("neon", available: ThemeCatalog.shippedOnly.names)) {
            try ThemeCatalog.shippedOnly.theme(named: "neon")
        }
        let text = ThemeSelectionError.unknown("neon", available: ["default", "mono"]).description
        #expect(text == "unknown theme \"neon\"; available themes: default, mono")
    }

    /// The error for `text` as a theme file at `/t/bad.toml`, resolved against the shipped themes.
    static func error(_ text: String) -> ThemeFileError? {
        do {
            let definition = try ThemeFileParser.parse(text, name: "bad", file: "/t/bad.toml")
            _ = try definition.resolve { name, _ in ThemeCatalog.shippedDefinitions[name] }
            return nil
        } catch {
            return error
        }
    }

    @Test func validationErrorsNameFileKeyAndLine() throws {
        let role = try #require(Self.error("inherits = \"default\"\n\n[headr]\nfg = \"red\"\n"))
        #expect(role.file == "/t/bad.toml" && role.key == "headr" && role.line == 3)
        #expect(role.description.hasPrefix("/t/bad.toml:3: headr: unknown role"))

        let colour = try #require(Self.error("[header]\nbold = true\nfg = \"crimson\"\n"))
        #expect(colour.key == "header.fg" && colour.line == 3 && colour.message.contains("unknown colour \"crimson\""))

        let malformed = try #require(Self.error("[title]\nbold = \"yes\"\n"))
        #expect(malformed.key == "title.bold" && malformed.line == 2 && malformed.message.contains("true or false"))

        let field = try #require(Self.error("[title]\nitalic = true\n"))
        #expect(field.key == "title.italic" && field.line == 2)

        let palette = try #require(Self.error("[palette]\nbrand = \"#12345\"\n[title]\nfg = \"brand\"\n"))
        #expect(palette.key == "palette.brand" && palette.line == 2)

        let inline = try #require(Self.error("header = { fg = \"blue\", bg = \"nope\" }\n"))
        #expect(inline.key == "header.bg" && inline.line == 1)

        let parent = try #require(Self.error("inherits = \"nothing\"\n"))
        #expect(parent.key == "inherits" && parent.line == 1 && parent.message.contains("nothing"))

        let syntax = try #require(Self.error("[title]\nfg = \n"))
        #expect(syntax.line == 2 && syntax.message.contains("not valid TOML"))
    }

    @Test func inheritanceLoopsAreErrors() throws {
        let a = try ThemeFileParser.parse("inherits = \"b\"\n", name: "a", file: "/t/a.toml")
        let b = try ThemeFileParser.parse("inherits = \"a\"\n", name: "b", file: "/t/b.toml")
        let all = ["a": a, "b": b]
        #expect(throws: ThemeFileError.self) { try a.resolve { name, _ in all[name] } }
    }

    @Test func productionAccentWinsOverAnyTheme() throws {
        let catalog = ThemeCatalog.shippedOnly
        let production = try #require(catalog.shippedTheme(named: "production"))
        for name in ["default", "light", "high-contrast", "mono"] {
            let accented = try catalog.theme(named: name).withProductionAccent(from: production)
            #expect(accented.style(for: .header).bg == .red, "\(name)")
            #expect(accented.style(for: .dialogTitle).bg == .red, "\(name)")
            #expect(accented.style(for: .productionBadge) == production.style(for: .productionBadge))
        }
    }
}

extension ThemeCatalogTests {
    @Test func themesReadmeListsEveryRole() throws {
        let readme = try String(contentsOf: Self.themesFolder.appendingPathComponent("README.md"), encoding: .utf8)
        for role in Role.allCases {
            #expect(readme.contains("| `\(role.fileName)` |"), "themes/README.md describes \(role.fileName)")
        }
    }
}
