import Drawing

/// The one registry of actions. Key dispatch, the help overlay and the bottom key bar all
/// come from it.
public struct ActionRegistry: Sendable {
    public private(set) var actions: [Action]
    private var byId: [ActionID: Int] = [:]
    private var table: [KeyContext: [Key: ActionID]] = [:]

    public init(actions: [Action]) {
        self.actions = actions
        rebuild()
    }

    private mutating func rebuild() {
        byId = [:]
        table = [:]
        for (n, action) in actions.enumerated() {
            byId[action.id] = n
            for context in action.contexts {
                for key in action.keys where table[context, default: [:]][key] == nil {
                    table[context, default: [:]][key] = action.id
                }
            }
        }
    }

    public subscript(id: ActionID) -> Action { actions[byId[id]!] }

    /// The action bound to `key` in exactly `context` (no fallback).
    public func binding(for key: Key, in context: KeyContext) -> ActionID? { table[context]?[key] }

    /// The action `key` runs in `context`: the context's own binding, else the global one
    /// (printable keys fall back only where `KeyContext.fallsBackForPrintable`).
    public func resolve(_ key: Key, in context: KeyContext) -> ActionID? {
        if let id = binding(for: key, in: context) { return id }
        if context == .global { return nil }
        if case .char = key, !context.fallsBackForPrintable { return nil }
        return binding(for: key, in: .global)
    }

    /// Replaces the keys of an action (a user keymap).
    public mutating func rebind(_ id: ActionID, to keys: [Key]) {
        guard let n = byId[id] else { return }
        actions[n].keys = keys
        rebuild()
    }

    /// Keys bound to two actions in one context (directly, or a context key shadowing a
    /// global one is allowed and not reported). Empty when the keymap is sound.
    public func conflicts() -> [String] {
        var out: [String] = []
        for context in KeyContext.allCases {
            var seen: [Key: ActionID] = [:]
            for action in actions where action.contexts.contains(context) {
                for key in action.keys {
                    if let other = seen[key], other != action.id {
                        out.append("\(context.rawValue): \(key) is bound to both \(other.rawValue) and \(action.id.rawValue)")
                    } else {
                        seen[key] = action.id
                    }
                }
            }
        }
        return out
    }

    /// One entry of the bottom key bar.
    public struct KeyHint: Equatable, Sendable {
        public var key: String
        public var label: String
        /// A global action (help, quit): the bar keeps these when short of room.
        public var isGlobal: Bool = false
    }

    /// What the bottom bar shows in this state: enabled actions of the current context and
    /// the global ones that reach it, most important first (`barPriority`).
    public func keyBar(for state: ConsoleState) -> [KeyHint] {
        let context = state.keyContext
        var picked: [(Int, Int, KeyHint)] = []
        for (n, action) in actions.enumerated() where action.inKeyBar {
            guard let key = action.keys.first else { continue }
            if action.contexts.contains(context) {
                // own binding
            } else if action.contexts.contains(.global), resolve(key, in: context) == action.id {
                // a global that still reaches this context
            } else {
                continue
            }
            guard action.disabledReason(state) == nil else { continue }
            picked.append((action.barPriority, n, KeyHint(key: key.description, label: action.labelNow(state) ?? action.label, isGlobal: action.contexts == [.global])))
        }
        return picked.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    /// One section of the help overlay.
    public struct HelpLine: Equatable, Sendable {
        public var keys: String
        public var help: String
        public var dangerous: Bool
        /// Why it is disabled now, or nil.
        public var disabled: String?
    }

    public struct HelpSection: Equatable, Sendable {
        public var title: String
        public var lines: [HelpLine]
    }

    /// The help overlay's content: every action, by context, with why it is disabled now.
    public func helpSections(for state: ConsoleState) -> [HelpSection] {
        var sections: [HelpSection] = []
        for context in ActionRegistry.helpOrder {
            let lines = actions.filter { $0.contexts.first == context }.map { action in
                HelpLine(keys: action.keyNames, help: action.help, dangerous: action.dangerous,
                         disabled: action.disabledReason(state))
            }
            var extra: [HelpLine] = []
            if let note = ActionRegistry.textInputNotes[context] {
                extra.append(HelpLine(keys: note.keys, help: note.help, dangerous: false, disabled: nil))
            }
            if !lines.isEmpty || !extra.isEmpty { sections.append(HelpSection(title: context.title, lines: lines + extra)) }
        }
        return sections
    }
}

extension ActionRegistry {
    /// The order of the help overlay's sections (and of the README's key table).
    public static let helpOrder: [KeyContext] = [.picker, .filterInput, .dialog, .prompt, .history, .help, .global]

    /// Typing that no action stands for, described once for the help and the README.
    public static let textInputNotes: [KeyContext: (keys: String, help: String)] = [
        .filterInput: ("text", "narrows the list as you type (IMEI, MDN, make, model; any case)"),
        .prompt: ("text", "types the path"),
        .dialog: ("0-9", "types the number of devices when a large run asks for it"),
    ]
}
