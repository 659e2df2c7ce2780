extension ActionRegistry {
    /// The default keys (issue 4's "Default keys").
    public static let standard = ActionRegistry(actions: [
        // Moving (device list, also while typing a filter, and scrolling the help)
        Action(.moveUp, "up", help: "move the cursor up", keys: [.up, .char("k")], contexts: [.picker, .filterInput, .help, .history], inKeyBar: false),
        Action(.moveDown, "down", help: "move the cursor down", keys: [.down, .char("j")], contexts: [.picker, .filterInput, .help, .history], inKeyBar: false),
        Action(.pageUp, "page up", help: "one screen up", keys: [.pageUp], contexts: [.picker, .filterInput, .help, .history], inKeyBar: false),
        Action(.pageDown, "page down", help: "one screen down", keys: [.pageDown], contexts: [.picker, .filterInput, .help, .history], inKeyBar: false),
        Action(.top, "first", help: "first row", keys: [.home, .char("g")], contexts: [.picker, .filterInput, .help, .history], inKeyBar: false),
        Action(.bottom, "last", help: "last row loaded so far", keys: [.end, .char("G")], contexts: [.picker, .filterInput, .help, .history], inKeyBar: false),

        // Device list
        Action(.filter, "filter", help: "filter the list as you type (IMEI, MDN, make, model)", keys: [.char("/")], contexts: [.picker], barPriority: 6),
        Action(.cycleLicence, "lic filter", help: "show all, unlicensed or licensed devices", keys: [.char("l")], contexts: [.picker], barPriority: 9),
        Action(.toggle, "select", help: "select or unselect the device under the cursor and move down", keys: [.char(" ")], contexts: [.picker], barPriority: 5,
               disabledReason: noDevicesShown),
        Action(.selectShown, "all shown", help: "select every device shown", keys: [.char("v")], contexts: [.picker], barPriority: 7,
               disabledReason: noDevicesShown),
        Action(.clearSelection, "clear", help: "clear the selection (shown or not)", keys: [.char("V")], contexts: [.picker], barPriority: 11,
               disabledReason: { $0.store.selectedCount == 0 && $0.pendingFileSelect.isEmpty ? "nothing is selected" : nil }),
        Action(.invertSelection, "invert", help: "invert the selection of the devices shown (hidden ones keep theirs)", keys: [.char("i")], contexts: [.picker], barPriority: 10,
               disabledReason: noDevicesShown),
        Action(.loadFile, "file", help: "select the IMEIs listed in a file", keys: [.char("o")], contexts: [.picker], barPriority: 8),
        Action(.refresh, "refresh", help: "read licence counts and devices again", keys: [.char("r")], contexts: [.picker], barPriority: 12,
               disabledReason: { $0.isRunActive ? "a run is active; refresh after it ends" : nil }),
        Action(.assign, "assign", help: "assign licences to the selected devices (asks first)", keys: [.char("a")], contexts: [.picker], barPriority: 1,
               dangerous: true, disabledReason: { runBlocked($0) ?? nothingSelected($0) }),
        Action(.remove, "remove", help: "remove licences from the selected devices (asks first)", keys: [.char("x")], contexts: [.picker], barPriority: 2,
               dangerous: true, disabledReason: { runBlocked($0) ?? nothingSelected($0) }),
        Action(.retryFailed, "retry", help: "send again what the last run left: failures a retry can change, unanswered and unsent devices (asks first; lists permanent failures)", keys: [.char("R")], contexts: [.picker], barPriority: 3,
               dangerous: true, disabledReason: { s in
                   if let r = runBlocked(s) { return r }
                   guard let run = s.run else { return "no run yet" }
                   return run.retryIds.isEmpty && run.permanentFailures.isEmpty ? "the last run left nothing to send again" : nil
               }),
        Action(.stopRun, "stop", help: "stop the run: nothing more is sent, at once (S again cancels the requests in flight)",
               keys: [.char("S")], contexts: [.picker], barPriority: 0,
               disabledReason: { s in
                   guard let run = s.run, run.isActive else { return "no run is active" }
                   return run.cancelRequested ? "already cancelling the requests in flight" : nil
               },
               labelNow: { s in s.run?.stopRequested == true ? "cancel in flight" : nil }),
        Action(.saveResults, "save", help: "write the last run's results to a JSON or CSV file", keys: [.char("w")], contexts: [.picker], barPriority: 4,
               disabledReason: { s in
                   guard let run = s.run else { return "no run yet" }
                   return run.isActive ? "the run is still going (wait, or \(s.registry.keyName(.stopRun)) to stop it)" : nil
               }),
        Action(.details, "details", help: "show every field of the device under the cursor and every attempt on it", keys: [.enter], contexts: [.picker],
               barPriority: 13, disabledReason: noDevicesShown),
        Action(.copy, "copy", help: "copy the IMEI under the cursor, or the selected IMEIs (at most 10,000), to the terminal's clipboard (OSC 52)",
               keys: [.char("c")], contexts: [.picker], barPriority: 14, disabledReason: noDevicesShown),

        // Filter input
        Action(.filterKeep, "keep filter", help: "keep the filter and go back to the list", keys: [.enter], contexts: [.filterInput]),
        Action(.filterClear, "clear filter", help: "clear the filter and go back to the list", keys: [.escape], contexts: [.filterInput]),
        Action(.filterErase, "erase", help: "erase the last character", keys: [.backspace], contexts: [.filterInput], inKeyBar: false),

        // Dialogs
        Action(.confirm, "yes", help: "confirm (Enter too, except for a removal; above 1,000 devices only Enter, after typing the count)", keys: [.char("y"), .enter], contexts: [.dialog], barPriority: 1,
               disabledReason: { s in
                   // A large run is sent by typing its count and Enter (taken before the registry).
                   guard case .confirm(let d) = s.modal, s.context.runPolicy.needsTypedCount(d.deviceIds.count) else { return nil }
                   return "type \(Format.count(d.deviceIds.count)) and press Enter; it does not send a run of more than "
                       + "\(Format.count(s.context.typeToConfirmAbove)) devices"
               },
               labelNow: { s in
                   switch s.modal {
                   case .confirm(let d):
                       return d.operation == .assign ? "send" : "remove (not Enter)"
                   case .quitDuringRun: return "stop and quit"
                   case .hostUnreachable: return "try again"
                   case .info, .details: return "close"
                   default: return nil
                   }
               }),
        Action(.cancel, "no", help: "cancel at once; nothing is sent", keys: [.char("n"), .escape], contexts: [.dialog], barPriority: 2,
               labelNow: { s in
                   switch s.modal {
                   case .confirm: return "cancel"
                   case .quitDuringRun: return "keep running"
                   case .hostUnreachable: return "leave them"
                   case .info, .details: return "close"
                   default: return nil
                   }
               }),
        Action(.switchChoice, "switch", help: "switch between sending only what fits and sending all", keys: [.tab, .left, .right], contexts: [.dialog], barPriority: 3,
               disabledReason: { s in
                   if case .confirm(let d) = s.modal, d.fitIds != nil { return nil }
                   return "only when the devices need more than the free licences"
               }),
        Action(.typeErase, "erase", help: "erase the last digit typed", keys: [.backspace], contexts: [.dialog], inKeyBar: false),
        Action(.includePermanent, "permanent", help: "in the retry dialog: also send the devices that failed for a permanent reason (or leave them out again)",
               keys: [.char("p")], contexts: [.dialog], barPriority: 4,
               disabledReason: { s in
                   if case .confirm(let d) = s.modal, d.isRetry, !d.permanent.isEmpty { return nil }
                   return "only in a retry dialog that lists permanent failures"
               },
               labelNow: { s in
                   if case .confirm(let d) = s.modal, d.includePermanent { return "leave permanent out" }
                   return "include permanent"
               }),

        // Text prompt
        Action(.promptSubmit, "ok", help: "use the path", keys: [.enter], contexts: [.prompt]),
        Action(.promptCancel, "cancel", help: "close the prompt", keys: [.escape], contexts: [.prompt]),
        Action(.promptErase, "erase", help: "erase the last character", keys: [.backspace], contexts: [.prompt], inKeyBar: false),
        Action(.promptClear, "clear", help: "clear the text", keys: [.ctrl("u")], contexts: [.prompt], inKeyBar: false),

        // Help
        Action(.closeHelp, "close", help: "close the help", keys: [.escape, .char("?"), .char("q")], contexts: [.help]),

        // Everywhere
        Action(.help, "help", help: "show every key", keys: [.char("?")], contexts: [.global], barPriority: 90),
        Action(.quit, "quit", help: "quit (during a run: asks to stop after the batches in flight)", keys: [.char("q"), .ctrl("c")], contexts: [.global], barPriority: 91),
        Action(.redraw, "redraw", help: "repaint the screen", keys: [.ctrl("l")], contexts: [.global], inKeyBar: false),

        // Device list: sort and outcome views
        Action(.sortNext, "sort", help: "sort by the next column shown (after the last: load order)", keys: [.char(">")], contexts: [.picker],
               barPriority: 13),
        Action(.sortPrevious, "sort back", help: "sort by the previous column shown (before the first: load order)", keys: [.char("<")],
               contexts: [.picker], inKeyBar: false),
        Action(.sortReverse, "reverse", help: "reverse the sort (ascending or descending)", keys: [.char("~")], contexts: [.picker],
               inKeyBar: false,
               disabledReason: { s in s.picker.sort.column == nil ? "the list is in load order (\(s.registry.keyName(.sortNext)) chooses a sort column)" : nil }),
        Action(.cycleOutcome, "outcome view", help: "after a run, show all, failed, succeeded, unknown or not sent devices",
               keys: [.char("f")], contexts: [.picker], barPriority: 14,
               disabledReason: { s in s.run == nil && s.picker.outcome == .all ? "no run yet: outcomes come from a run" : nil }),
    ] + historyActions)
}

/// Why assign and remove cannot start with nothing selected, naming the select key in force.
private func nothingSelected(_ s: ConsoleState) -> String? {
    s.store.selectedCount == 0 ? "no devices selected (\(s.registry.keyName(.toggle)) selects)" : nil
}

private let noDevicesShown: @Sendable (ConsoleState) -> String? = { $0.shownCount == 0 ? "no devices shown" : nil }

/// Why an action that sends to the account cannot start now.
private func runBlocked(_ s: ConsoleState) -> String? {
    if s.context.readonly { return s.context.readonlyOrigin }
    if s.isRunActive { return "a run is active (\(s.registry.keyName(.stopRun)) stops it)" }
    return nil
}
