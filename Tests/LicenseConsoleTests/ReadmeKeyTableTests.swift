import Foundation
import LicenseConsole
import Testing

/// The README's key table is generated from the action registry; this test fails when they
/// differ. `TSLICENSE_UPDATE_README=1 swift test --filter ReadmeKeyTable` rewrites the table.
@Suite struct ReadmeKeyTableTests {
    static let readme = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md")

    @Test func readmeKeyTableIsTheRegistrys() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let begin = try #require(text.range(of: ActionRegistry.readmeBeginMarker), "README has the begin marker")
        let end = try #require(text.range(of: ActionRegistry.readmeEndMarker, range: begin.upperBound..<text.endIndex),
                               "README has the end marker after the begin marker")
        let inReadme = text[begin.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        let generated = ActionRegistry.standard.markdownKeyTable()
        if inReadme != generated, ProcessInfo.processInfo.environment["TSLICENSE_UPDATE_README"] == "1" {
            let updated = text.replacingCharacters(in: begin.upperBound..<end.lowerBound, with: "\n" + generated + "\n")
            try updated.write(to: Self.readme, atomically: true, encoding: .utf8)
            return
        }
        #expect(inReadme == generated, "the README's key table differs from the registry; the registry's is:\n\(generated)")
    }

    @Test func tableNamesEveryActionsKeys() {
        let table = ActionRegistry.standard.markdownKeyTable()
        let rows = table.split(separator: "\n").dropFirst(2)
        let actions = ActionRegistry.standard.actions
        #expect(rows.count == actions.count + ActionRegistry.textInputNotes.count, "one row per action, plus the typing notes")
        for needle in ["Enter", "Tab", "←", "→", "Ctrl-U", "Ctrl-C", "Ctrl-L", "`q`", "`y`", "Space", "Esc"] {
            #expect(table.contains(needle), "the table names \(needle)")
        }
        #expect(table.contains("close the help"), "q closing help is listed")
    }
}
