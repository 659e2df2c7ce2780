import Drawing
import Testing
@testable import LicenseConsole
import ThingSpaceAPI

/// `[keys]` in config.toml: rebinding by snake_case action name, validation at load, and the
/// help, key bar and messages naming the keys in force.
@Suite struct UserKeysTests {
    static func registry(_ requests: [KeyBindingRequest]) throws -> ActionRegistry {
        try ActionRegistry.standard.applying(requests, file: "/c/config.toml")
    }

    static func error(_ requests: [KeyBindingRequest]) -> KeyBindingError? {
        do {
            _ = try registry(requests)
            return nil
        } catch let error as KeyBindingError {
            return error
        } catch {
            return nil
        }
    }

    @Test func actionNamesAreSnakeCase() {
        #expect(ActionID.selectShown.configName == "select_shown")
        #expect(ActionID.retryFailed.configName == "retry_failed")
        #expect(ActionID(configName: "clear_selection") == .clearSelection)
        #expect(ActionID(configName: "clearSelection") == nil)
        #expect(Set(ActionID.allCases.map(\.configName)).count == ActionID.allCases.count)
    }

    @Test func reboundKeysReplaceTheDefaults() throws {
        let r = try Self.registry([KeyBindingRequest(action: "assign", keys: ["A"], line: 2),
                                   KeyBindingRequest(action: "filter", keys: ["/", "F"], line: 3)])
        #expect(r[.assign].keys == [.char("A")])
        #expect(r.resolve(.char("A"), in: .picker) == .assign)
        #expect(r.resolve(.char("a"), in: .picker) == nil, "the default a no longer assigns")
        #expect(r.resolve(.char("F"), in: .picker) == .filter)
        #expect(r.conflicts().isEmpty)
    }

    @Test func unknownActionAndKeyNamesAreErrors() throws {
        let action = try #require(Self.error([KeyBindingRequest(action: "asign", keys: ["A"], line: 4)]))
        #expect(action.description.hasPrefix("/c/config.toml:4: keys.asign: unknown action \"asign\""))
        #expect(action.message.contains("assign") && action.message.contains("select_shown"))
        let key = try #require(Self.error([KeyBindingRequest(action: "assign", keys: ["Hyper-A"], line: 5)]))
        #expect(key.description.hasPrefix("/c/config.toml:5: keys.assign: unknown key name \"Hyper-A\""))
    }

    @Test func aKeyOfTwoActionsNamesBoth() throws {
        // v is select_shown's default in the device list.
        let taken = try #require(Self.error([KeyBindingRequest(action: "assign", keys: ["v"], line: 7)]))
        #expect(taken.file == "/c/config.toml" && taken.line == 7 && taken.key == "keys.assign")
        #expect(taken.message.contains("assign") && taken.message.contains("select_shown"), "\(taken)")
        // Two user bindings on one key.
        let both = try #require(Self.error([KeyBindingRequest(action: "assign", keys: ["A"], line: 2),
                                            KeyBindingRequest(action: "remove", keys: ["A"], line: 3)]))
        #expect(both.message.contains("assign") && both.message.contains("remove"), "\(both)")
        // Another context is fine: n cancels dialogs, and may refresh the list.
        #expect(Self.error([KeyBindingRequest(action: "refresh", keys: ["n"])]) == nil)
        // Moving a default away frees its key.
        #expect(Self.error([KeyBindingRequest(action: "select_shown", keys: ["*"]), KeyBindingRequest(action: "assign", keys: ["v"])]) == nil)
    }

    @Test(arguments: ["assign", "remove", "retry_failed", "confirm"])
    func dangerousActionsRefuseEnterAndSpace(action: String) throws {
        for key in ["Enter", "Space"] {
            let e = try #require(Self.error([KeyBindingRequest(action: action, keys: ["y", key], line: 9)]))
            #expect(e.line == 9 && e.key == "keys.\(action)" && e.message.contains("cannot be bound to \(key)"), "\(e)")
        }
        #expect(Self.error([KeyBindingRequest(action: "toggle", keys: ["Enter"]), KeyBindingRequest(action: "details", keys: ["D"])]) == nil,
                "selecting is not dangerous")
    }

    @Test func keyNames() {
        #expect(Key(name: "Space") == .char(" "))
        #expect(Key(name: "ctrl-u") == .ctrl("u"))
        #expect(Key(name: "C-x") == .ctrl("x"))
        #expect(Key(name: "F5") == .function(5))
        #expect(Key(name: "PgDn") == .pageDown)
        #expect(Key(name: "/") == .char("/"))
        #expect(Key(name: "F13") == nil && Key(name: "") == nil && Key(name: "ab") == nil)
        for key: Key in [.char("A"), .char(" "), .ctrl("l"), .enter, .escape, .up, .pageDown, .function(3), .backTab] {
            #expect(Key(name: key.configName) == key, "\(key.configName)")
        }
    }

    /// A state with the selection key moved to `t`, select-all to `*` and stop to `X`.
    static func rebound() throws -> ConsoleState {
        var s = Fixture.state(devices: Fixture.devices(30))
        s.registry = try registry([KeyBindingRequest(action: "toggle", keys: ["t"]),
                                   KeyBindingRequest(action: "select_shown", keys: ["*"]),
                                   KeyBindingRequest(action: "quit", keys: ["Q", "Ctrl-C"])])
        return s
    }

    @Test func helpKeyBarAndMessagesShowTheKeysInForce() throws {
        var s = try Self.rebound()
        var grid = view(s, width: 100, height: 30)
        #expect(grid.lines[2].contains("t selects, * selects all shown"), "\(grid.lines[2])")
        #expect(grid.lines[29].contains("t select") && grid.lines[29].contains("Q quit"), "\(grid.lines[29])")
        // a with nothing selected names the select key in force.
        Fixture.keys(&s, .char("a"))
        #expect(s.status?.text.contains("(t selects)") == true, "\(String(describing: s.status))")
        // Space does nothing now; t selects.
        Fixture.keys(&s, .char(" "))
        #expect(s.store.selectedCount == 0)
        Fixture.keys(&s, .char("t"))
        #expect(s.store.selectedCount == 1)
        // The help lists the new keys.
        Fixture.keys(&s, .char("?"))
        grid = view(s, width: 100, height: 40)
        let help = grid.lines.joined(separator: "\n")
        #expect(help.contains("  t ") && help.contains("select or unselect"), "\(help)")
        // The whole overlay (it scrolls): quit's keys in force.
        let all = HelpView.lines(s, screenWidth: 100).map { $0.map(\.text).joined() }
        #expect(all.contains { $0.contains("Q Ctrl-C") && $0.contains("quit") }, "\(all)")
    }

    @Test func tooSmallScreenNamesTheQuitKeyInForce() throws {
        var s = try Self.rebound()
        _ = update(&s, .resize(width: 40, height: 10))
        #expect(view(s, width: 40, height: 10).lines.joined().contains("Q to quit"))
    }
}
