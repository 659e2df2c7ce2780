import Drawing

/// One line of a user keymap: `assign = ["A"]`, as the config file wrote it.
public struct KeyBindingRequest: Sendable, Equatable {
    public var action: String
    public var keys: [String]
    public var line: Int

    public init(action: String, keys: [String], line: Int = 0) {
        self.action = action
        self.keys = keys
        self.line = line
    }
}

/// A user keymap that cannot be used: names the file, the key (and its line), and for a
/// conflict both actions.
public struct KeyBindingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var key: String
    public var message: String

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return "\(place): \(key): \(message)"
    }
}

extension ActionRegistry {
    /// This registry with a user keymap applied: each named action gets exactly the keys given
    /// (its defaults are replaced). Refused, with an error naming the file, the key and both
    /// actions: an unknown action, an unknown key name, Enter or Space for an action that changes
    /// licences (assign, remove, retry_failed, confirm), or one key bound to two actions in the
    /// same context (another action's default included).
    public func applying(_ requests: [KeyBindingRequest], file: String) throws(KeyBindingError) -> ActionRegistry {
        var registry = self
        var rebound: [ActionID: KeyBindingRequest] = [:]
        for request in requests {
            let configKey = "keys.\(request.action)"
            func fail(_ message: String) -> KeyBindingError {
                KeyBindingError(file: file, line: request.line, key: configKey, message: message)
            }
            guard let id = ActionID(configName: request.action) else {
                throw fail("unknown action \"\(request.action)\" (actions: \(ActionID.allCases.map(\.configName).joined(separator: ", ")))")
            }
            guard !request.keys.isEmpty else { throw fail("no keys given; an action needs at least one") }
            var keys: [Key] = []
            for name in request.keys {
                guard let key = Key(name: name) else {
                    throw fail("unknown key name \"\(name)\" (a single character such as \"A\" or \"/\", or Space, Enter, Esc, "
                                + "Tab, Shift-Tab, Backspace, Del, Up, Down, Left, Right, PgUp, PgDn, Home, End, F1-F12, Ctrl-X)")
                }
                if id.refusesEnterAndSpace, key == .enter || key == .char(" ") {
                    throw fail("\(id.configName) changes licences and cannot be bound to \(key.description) (pressed by habit); choose another key")
                }
                if !keys.contains(key) { keys.append(key) }
            }
            registry.rebind(id, to: keys)
            rebound[id] = request
        }
        // Conflicts that involve a rebound action, in any context they share.
        for (id, request) in rebound.sorted(by: { $0.value.line < $1.value.line }) {
            let action = registry[id]
            for other in registry.actions where other.id != id {
                let shared = action.contexts.filter { other.contexts.contains($0) }
                guard let context = shared.first else { continue }
                guard let key = action.keys.first(where: { other.keys.contains($0) }) else { continue }
                let how = rebound[other.id] == nil ? "the default key of" : "also bound to"
                throw KeyBindingError(file: file, line: request.line, key: "keys.\(request.action)",
                                      message: "\(key.configName) is \(how) \(other.id.configName) in the \(context.title.lowercased()); "
                                        + "\(id.configName) and \(other.id.configName) cannot share it (rebind one of them)")
            }
        }
        return registry
    }
}
