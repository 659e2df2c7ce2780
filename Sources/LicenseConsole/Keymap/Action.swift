import Drawing

/// Every action the console knows. Names are stable: a user keymap file refers to them.
public enum ActionID: String, CaseIterable, Sendable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case filter, filterKeep, filterClear, filterErase
    case cycleLicence, toggle, selectShown, clearSelection, invertSelection
    case loadFile, refresh
    case assign, remove, retryFailed, stopRun, saveResults
    case confirm, cancel, switchChoice, typeErase
    case promptSubmit, promptCancel, promptErase, promptClear
    case closeHelp
    case help, quit, redraw
    case details, copy, includePermanent
    case sortNext, sortPrevious, sortReverse, cycleOutcome
    case openHistory, closeHistory, inspectRun, cycleRunOutcome, resumeRun, undoRun, saveRun, includeUncertain
}

/// One action of the registry: what it is called, what it does, which keys run it where,
/// whether it changes the account, and why it cannot run now.
public struct Action: Sendable {
    public let id: ActionID
    /// Short words for the bottom key bar.
    public var label: String
    /// A sentence for the help overlay.
    public var help: String
    /// Keys that run it, first one shown in the key bar.
    public var keys: [Key]
    /// Contexts where the keys apply.
    public var contexts: [KeyContext]
    /// Changes licences on the account (always behind a confirmation).
    public var dangerous: Bool
    /// Shown in the bottom key bar when enabled.
    public var inKeyBar: Bool
    /// Order in the key bar; lower comes first and stays when the bar is short of room.
    public var barPriority: Int
    /// Why it cannot run in this state, or nil when it can.
    public var disabledReason: @Sendable (ConsoleState) -> String?
    /// A label for the key bar that fits the state better (`send` / `close`), or nil for `label`.
    public var labelNow: @Sendable (ConsoleState) -> String?

    public init(_ id: ActionID, _ label: String, help: String, keys: [Key], contexts: [KeyContext], barPriority: Int = 50,
                dangerous: Bool = false, inKeyBar: Bool = true,
                disabledReason: @escaping @Sendable (ConsoleState) -> String? = { _ in nil },
                labelNow: @escaping @Sendable (ConsoleState) -> String? = { _ in nil }) {
        self.id = id
        self.label = label
        self.help = help
        self.keys = keys
        self.contexts = contexts
        self.dangerous = dangerous
        self.inKeyBar = inKeyBar
        self.barPriority = barPriority
        self.disabledReason = disabledReason
        self.labelNow = labelNow
    }

    /// The keys as the help and the key bar print them, e.g. `j ↓`.
    public var keyNames: String { keys.map(\.description).joined(separator: " ") }
}
