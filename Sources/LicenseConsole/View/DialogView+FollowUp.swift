import Drawing
import RunJournal
import ThingSpaceAPI

extension DialogView {
    /// The title's prefix of a resume or undo (`Resume run ID: `).
    static func followUpTitle(_ d: ConfirmDialog) -> String {
        switch d.followUp {
        case .resume(let plan)?: return "Resume \(plan.runId): "
        case .undo(let runId)?: return "Undo \(runId): "
        case nil: return ""
        }
    }

    /// `7 devices of run ID` for the count line of a resume or undo; nil for other runs.
    static func followUpWhat(_ d: ConfirmDialog, total: Int) -> String? {
        switch d.followUp {
        case .resume(let plan)?: return Format.count(total, "device") + " of run \(plan.runId) without a final outcome"
        case .undo(let runId)?: return Format.count(total, "device") + " run \(runId) changed"
        case nil: return nil
        }
    }

    /// What a resume sends again, and the devices an undo leaves alone unless included.
    static func followUpLines(_ d: ConfirmDialog, _ state: ConsoleState) -> [[Span]] {
        switch d.followUp {
        case .resume(let plan)?:
            guard !plan.sentUnanswered.isEmpty else { return [] }
            return [[Span("\(Format.count(plan.sentUnanswered.count, "device")) \(plan.sentUnanswered.count == 1 ? "was" : "were") sent "
                          + "without an answer and \(plan.sentUnanswered.count == 1 ? "is" : "are") sent again; an answer of already "
                          + "done counts as done.", .statusWarn)]]
        case .undo?:
            guard !d.uncertain.isEmpty else { return [] }
            let n = d.uncertain.count
            let key = state.registry.keyName(.includeUncertain)
            var lines: [[Span]] = [[Span(Format.count(n, "device") + " may or may not have been changed by the run (sent without an answer): "
                                         + (d.includeUncertain ? "they are reversed too (\(key) leaves them alone):"
                                                               : "they are left alone (\(key) includes them):"), .statusWarn)]]
            for id in d.uncertain.prefix(4) { lines.append([Span("  \(id)", .dialog)]) }
            if n > 4 { lines.append([Span("  and \(Format.count(n - 4)) more", .dim)]) }
            return lines
        case nil:
            return []
        }
    }

    /// `i includes the uncertain devices` for an undo's key line.
    static func followUpKeys(_ d: ConfirmDialog, _ state: ConsoleState) -> [Span] {
        guard !d.uncertain.isEmpty else { return [] }
        return [Span(state.glyphs.sep, .dialog)] + keyList(Array(state.registry[.includeUncertain].keys.prefix(1)))
            + [Span(d.includeUncertain ? " leaves the uncertain devices alone" : " includes the uncertain devices", .dialog)]
    }
}
