/// Where a key press is interpreted. The innermost context is asked first, then `global`.
public enum KeyContext: String, CaseIterable, Sendable {
    /// Keys that work everywhere (subject to the rule in `fallsBackForPrintable`).
    case global
    /// The device list.
    case picker
    /// Typing a filter after `/`.
    case filterInput
    /// A one-line text prompt (a file path).
    case prompt
    /// A dialog: confirm, quit during a run, information and errors.
    case dialog
    /// The help overlay.
    case help
    /// The history view (`H`): recent runs, one run's results.
    case history

    public var title: String {
        switch self {
        case .global: return "Everywhere"
        case .picker: return "Device list"
        case .filterInput: return "Filter input"
        case .prompt: return "Text prompt"
        case .dialog: return "Dialogs"
        case .help: return "Help"
        case .history: return "History"
        }
    }

    /// Printable keys that no binding of this context takes become text.
    public var acceptsText: Bool { self == .filterInput || self == .prompt }

    /// Whether a printable key (a letter, `?`) falls back to a global binding. Text inputs and
    /// dialogs keep printable keys to themselves, so `q` typed in a filter is a letter and
    /// `q` in a confirm dialog does nothing; Ctrl keys fall back everywhere.
    public var fallsBackForPrintable: Bool { self == .picker || self == .help || self == .global }
}
