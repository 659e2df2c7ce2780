import Drawing

extension ActionRegistry {
    /// The history view's actions (`H`), and the undo dialog's key for uncertain devices.
    static let historyActions: [Action] = [
        Action(.openHistory, "history", help: "recent runs from the journal: state, counts, age (Enter inspects one; resume, undo, save)",
               keys: [.char("H")], contexts: [.picker], inKeyBar: false),
        Action(.closeHistory, "close", help: "back from a run to the list of runs; from the list, close the history",
               keys: [.escape, .char("q"), .char("H")], contexts: [.history], barPriority: 9,
               labelNow: { s in inspecting(s) ? "back" : nil }),
        Action(.inspectRun, "inspect", help: "show the run under the cursor: each device's result", keys: [.enter], contexts: [.history],
               barPriority: 1,
               disabledReason: { s in
                   if inspecting(s) { return "already showing a run" }
                   return noRun(s)
               }),
        Action(.cycleRunOutcome, "outcome view", help: "in a run: show all, failed, succeeded, unknown or not sent devices",
               keys: [.char("f")], contexts: [.history], barPriority: 2,
               disabledReason: { s in inspecting(s) ? nil : "inspect a run first (Enter)" }),
        Action(.resumeRun, "resume", help: "send the devices of the run without a final outcome, appended to its journal (asks first)",
               keys: [.char("R")], contexts: [.history], barPriority: 3, dangerous: true,
               disabledReason: { s in followUpBlocked(s) ?? noRun(s) }),
        Action(.undoRun, "undo", help: "the reverse operation for the devices the run changed, as a run of its own (asks first; lists uncertain devices)",
               keys: [.char("u")], contexts: [.history], barPriority: 4, dangerous: true,
               disabledReason: { s in followUpBlocked(s) ?? noRun(s) }),
        Action(.saveRun, "save", help: "write the run's results to a JSON or CSV file", keys: [.char("w")], contexts: [.history],
               barPriority: 5, disabledReason: noRun),
        Action(.includeUncertain, "uncertain", help: "in an undo dialog: also reverse the devices the run may or may not have changed (or leave them alone again)",
               keys: [.char("i")], contexts: [.dialog], barPriority: 5,
               disabledReason: { s in
                   if case .confirm(let d) = s.modal, !d.uncertain.isEmpty { return nil }
                   return "only in an undo dialog that lists uncertain devices"
               },
               labelNow: { s in
                   if case .confirm(let d) = s.modal, d.includeUncertain { return "leave uncertain alone" }
                   return "include uncertain"
               }),
    ]
}

private func history(_ s: ConsoleState) -> HistoryState? {
    if case .history(let h) = s.modal { return h }
    return nil
}

private func inspecting(_ s: ConsoleState) -> Bool { history(s)?.inspected != nil }

private let noRun: @Sendable (ConsoleState) -> String? = { s in
    guard let h = history(s) else { return "only in the history view" }
    if h.runs == nil { return "the runs are still being read" }
    return h.selectedRunId == nil ? "no run recorded yet" : nil
}

/// Why a resume or undo cannot start now.
private func followUpBlocked(_ s: ConsoleState) -> String? {
    if s.context.readonly { return s.context.readonlyOrigin }
    if s.isRunActive { return "a run is active (\(s.registry.keyName(.stopRun)) stops it)" }
    return nil
}
