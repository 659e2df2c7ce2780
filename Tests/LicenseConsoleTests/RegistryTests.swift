import Drawing
import Foundation
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

@Suite("Action registry: one source for keys, help and the key bar")
struct RegistryTests {
    @Test func standardKeymapHasNoConflictsAndEveryActionIsBound() {
        let registry = ActionRegistry.standard
        #expect(registry.conflicts().isEmpty)
        #expect(Set(registry.actions.map(\.id)) == Set(ActionID.allCases))
        for action in registry.actions {
            #expect(!action.keys.isEmpty && !action.contexts.isEmpty, "\(action.id)")
        }
    }

    @Test func defaultKeysFromTheIssue() {
        let r = ActionRegistry.standard
        let picker: [(Key, ActionID)] = [
            (.char("/"), .filter), (.char(" "), .toggle), (.char("v"), .selectShown), (.char("V"), .clearSelection),
            (.char("i"), .invertSelection), (.char("l"), .cycleLicence), (.char("o"), .loadFile), (.char("r"), .refresh),
            (.char("a"), .assign), (.char("x"), .remove), (.char("R"), .retryFailed), (.char("S"), .stopRun),
            (.char("w"), .saveResults), (.char("?"), .help), (.char("q"), .quit), (.ctrl("c"), .quit), (.ctrl("l"), .redraw),
            (.char("j"), .moveDown), (.char("k"), .moveUp), (.char("g"), .top), (.char("G"), .bottom),
            (.home, .top), (.end, .bottom), (.pageUp, .pageUp), (.pageDown, .pageDown),
        ]
        for (key, id) in picker { #expect(r.resolve(key, in: .picker) == id, "\(key)") }
        let dialog: [(Key, ActionID)] = [(.char("y"), .confirm), (.enter, .confirm), (.char("n"), .cancel), (.escape, .cancel)]
        for (key, id) in dialog { #expect(r.resolve(key, in: .dialog) == id, "\(key)") }
        #expect(r.resolve(.enter, in: .filterInput) == .filterKeep)
        #expect(r.resolve(.escape, in: .filterInput) == .filterClear)
    }

    @Test func printableKeysDoNotFallBackFromDialogsAndInputs() {
        let r = ActionRegistry.standard
        #expect(r.resolve(.char("q"), in: .dialog) == nil)
        #expect(r.resolve(.char("?"), in: .prompt) == nil)
        #expect(r.resolve(.ctrl("c"), in: .dialog) == .quit)
        #expect(r.resolve(.ctrl("l"), in: .filterInput) == .redraw)
        #expect(r.resolve(.char("q"), in: .help) == .closeHelp)   // the context wins over global
    }

    @Test func rebindChangesDispatchHelpAndBar() {
        var s = Fixture.state()
        s.registry.rebind(.toggle, to: [.char("t")])
        Fixture.keys(&s, .char(" "))
        #expect(s.store.selectedCount == 0)
        Fixture.keys(&s, .char("t"))
        #expect(s.store.selectedCount == 1)
        #expect(view(s, width: 200, height: 50).lines[49].contains("t select"))
        let help = s.registry.helpSections(for: s).flatMap(\.lines)
        #expect(help.contains { $0.keys == "t" && $0.help.contains("select or unselect") })
        s.registry.rebind(.assign, to: [.char("t")])
        #expect(!s.registry.conflicts().isEmpty)
    }

    @Test func keyBarShowsWhatAppliesNow() {
        var s = Fixture.state()
        func bar() -> [String] { s.registry.keyBar(for: s).map { "\($0.key) \($0.label)" } }
        #expect(!bar().contains("a assign"))            // nothing selected
        #expect(!bar().contains("S stop"))
        Fixture.keys(&s, .char(" "))
        #expect(bar().contains("a assign") && bar().contains("x remove"))
        Fixture.keys(&s, .char("a"))
        #expect(bar() == ["y send", "n cancel"])
        Fixture.keys(&s, .escape, .char("/"))
        #expect(bar().contains("Enter keep filter") && bar().contains("Esc clear filter"))
        #expect(!bar().contains("q quit"))              // q is text here
        Fixture.keys(&s, .enter, .char("x"))
        #expect(bar().first == "y remove (not Enter)")
        Fixture.keys(&s, .escape, .char("a"), .char("y"))
        #expect(bar().first == "S stop" && !bar().contains("a assign"))
    }

    @Test func helpIsGeneratedFromTheRegistryWithDisabledReasons() {
        var s = Fixture.state(context: Fixture.readonlyContext)
        Fixture.keys(&s, .char("?"))
        let sections = s.registry.helpSections(for: s)
        #expect(sections.map(\.title) == ["Device list", "Filter input", "Dialogs", "Text prompt", "History", "Help", "Everywhere"])
        let assign = sections.flatMap(\.lines).first { $0.keys == "a" }!
        #expect(assign.dangerous && assign.disabled == "read-only mode (--readonly)")
        let all = HelpView.lines(s, screenWidth: 200).map { $0.map(\.text).joined() }.joined(separator: "\n")
        for action in s.registry.actions { #expect(all.contains(action.help), "\(action.id)") }
        #expect(all.contains("not now: read-only mode"))
    }
}
