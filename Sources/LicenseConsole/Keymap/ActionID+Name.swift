import Drawing

extension ActionID {
    /// The name a keymap (`[keys]` in config.toml) uses: snake_case, e.g. `select_shown`.
    public var configName: String {
        var out = ""
        for c in rawValue {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }

    /// The action a keymap names (snake_case), or nil.
    public init?(configName: String) {
        guard let id = ActionID.allCases.first(where: { $0.configName == configName }) else { return nil }
        self = id
    }

    /// Actions that may never be bound to Enter or Space by a user keymap: they change licences
    /// or send a run, and those keys are pressed by habit.
    public var refusesEnterAndSpace: Bool {
        switch self {
        case .assign, .remove, .retryFailed, .confirm, .resumeRun, .undoRun: return true
        default: return false
        }
    }
}

extension ActionRegistry {
    /// The key in force for an action, as messages name it (`Space`, `S`); its first key.
    public func keyName(_ id: ActionID) -> String {
        self[id].keys.first?.description ?? "(unbound)"
    }

    /// Every key in force for an action, joined with " or " (`n or Esc`).
    public func keyNames(_ id: ActionID, separator: String = " or ") -> String {
        let keys = self[id].keys
        return keys.isEmpty ? "(unbound)" : keys.map(\.description).joined(separator: separator)
    }

    /// Whether `key` runs `id` (a user keymap may have moved it).
    public func isBound(_ key: Key, to id: ActionID) -> Bool {
        self[id].keys.contains(key)
    }
}
