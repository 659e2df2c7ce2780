import Foundation
import Drawing

extension ActionRegistry {
    /// Where the README keeps the generated key table.
    public static let readmeBeginMarker = "<!-- keys: generated from ActionRegistry.standard; do not edit by hand -->"
    public static let readmeEndMarker = "<!-- keys: end -->"

    /// The key table as Markdown: every action, in the help overlay's order, with the keys that run
    /// it and where they apply. The README embeds it between the markers; a test keeps them equal.
    public func markdownKeyTable() -> String {
        var lines = ["| keys | action | name in `[keys]` | where |", "| --- | --- | --- | --- |"]
        for context in ActionRegistry.helpOrder {
            for action in actions where action.contexts.first == context {
                let keys = action.keys.map(ActionRegistry.markdownKey).joined(separator: ", ")
                let help = action.help + (action.dangerous ? " (changes licences)" : "")
                lines.append("| \(keys) | \(ActionRegistry.escapeCell(help)) | `\(action.id.configName)` | \(ActionRegistry.whereText(action.contexts)) |")
            }
            if let note = ActionRegistry.textInputNotes[context] {
                lines.append("| \(note.keys) | \(ActionRegistry.escapeCell(note.help)) | | \(ActionRegistry.whereText([context])) |")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func markdownKey(_ key: Key) -> String {
        switch key {
        case .char(" "): return "Space"
        case .char("|"): return "`\\|`"
        case .char(let c): return "`\(c)`"
        default: return key.description
        }
    }

    static func whereText(_ contexts: [KeyContext]) -> String {
        contexts.map { $0 == .global ? "everywhere" : $0.title.lowercased() }.joined(separator: ", ")
    }

    static func escapeCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
