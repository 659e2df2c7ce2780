import Drawing
import Foundation
import ThingSpaceAPI

extension ConsoleState {
    mutating func handleKey(_ key: Key) -> [Effect] {
        let context = keyContext
        // In text inputs every printable key is text.
        if context.acceptsText, case .char(let c) = key {
            typeText(c, in: context)
            return []
        }
        // A large run is confirmed by typing its count and Enter, whatever Enter is bound to.
        if key == .enter, case .confirm(let d) = modal, self.context.runPolicy.needsTypedCount(d.deviceIds.count) {
            return confirm(key: key)
        }
        if let id = registry.resolve(key, in: context) {
            return run(id, key: key, in: context)
        }
        if context == .dialog, case .char(let c) = key, c.isASCII, c.isNumber || c == ",", takesTypedCount {
            typeDigit(c)
            return []
        }
        reportUnknownKey(key, in: context)
        return []
    }

    /// The dialog open asks for the device count to be typed.
    var takesTypedCount: Bool {
        guard case .confirm(let d) = modal else { return false }
        return context.runPolicy.needsTypedCount(d.deviceIds.count)
    }

    /// Runs an action unless the registry says why it cannot run now.
    mutating func run(_ id: ActionID, key: Key, in context: KeyContext) -> [Effect] {
        let action = registry[id]
        if let reason = action.disabledReason(self) {
            status = StatusMessage("\(key) \(action.label): \(reason)", .warning)
            return []
        }
        return perform(id, key: key, in: context)
    }

    private mutating func typeText(_ c: Character, in context: KeyContext) {
        switch context {
        case .filterInput:
            picker.query.append(c)
            refilter()
        case .prompt:
            if case .prompt(var p) = modal {
                p.text.append(c)
                modal = .prompt(p)
            }
        default:
            break
        }
    }

    private mutating func typeDigit(_ c: Character) {
        guard case .confirm(var d) = modal, takesTypedCount else { return }
        guard c != "," else { return }
        if d.typed.count < 12 { d.typed.append(c) }
        d.typedMismatch = false
        modal = .confirm(d)
    }

    mutating func perform(_ id: ActionID, key: Key, in context: KeyContext) -> [Effect] {
        if context == .history, let effects = performInHistory(id) { return effects }
        switch id {
        case .moveUp: move(context, by: -1)
        case .moveDown: move(context, by: 1)
        case .pageUp: move(context, by: -pageSize(context))
        case .pageDown: move(context, by: pageSize(context))
        case .top: move(context, to: 0)
        case .bottom: move(context, to: Int.max / 2)

        case .filter:
            picker.editingFilter = true
        case .filterKeep:
            picker.editingFilter = false
        case .filterClear:
            picker.editingFilter = false
            picker.query = ""
            refilter()
        case .filterErase:
            if !picker.query.isEmpty {
                picker.query.removeLast()
                refilter()
            }
        case .cycleLicence:
            picker.licence = picker.licence.next
            refilter()

        case .toggle:
            if let i = cursorDevice {
                store.toggleSelected(i)
                moveCursor(to: picker.cursor + 1)
            }
        case .selectShown:
            forEachShown { store.setSelected($0, true) }
            status = StatusMessage("Selected the \(Format.count(shownCount, "device")) shown; \(Format.count(store.selectedCount)) selected")
        case .clearSelection:
            store.clearSelection()
            pendingFileSelect = []
            status = StatusMessage("Selection cleared")
        case .invertSelection:
            forEachShown { store.toggleSelected($0) }
            status = StatusMessage("Inverted the selection of the \(Format.count(shownCount, "device")) shown; \(Format.count(store.selectedCount)) selected")

        case .loadFile:
            modal = .prompt(Prompt(purpose: .loadFile, text: pendingFilePath ?? ""))
        case .refresh:
            return refresh()

        case .assign:
            openConfirm(.assign, selection: true)
        case .remove:
            openConfirm(.remove, selection: true)
        case .retryFailed:
            if let run { openConfirm(run.operation, ids: run.retryIds, isRetry: true, permanent: run.permanentFailures) }
        case .includePermanent:
            togglePermanent()
        case .details:
            return openDetails()
        case .copy:
            return copyIMEIs()
        case .stopRun:
            guard let current = run, current.isActive else { return [] }
            if current.stopRequested {
                run?.cancelRequested = true
                status = StatusMessage("Cancelling the requests in flight (their devices end unknown)", .warning)
                return [.cancelRun(runTag: current.tag)]
            }
            run?.stopRequested = true
            status = StatusMessage("Stopping: nothing more is sent; waiting for the batches in flight (S again cancels them)", .warning)
            return [.stopRun(runTag: current.tag)]
        case .saveResults:
            let name = run.map { "tslicense-\($0.operation.rawValue)-\($0.summary?.runId ?? String($0.tag)).csv" } ?? "results.csv"
            modal = .prompt(Prompt(purpose: .saveResults, text: name))

        case .confirm:
            return confirm(key: key)
        case .cancel:
            if case .confirm = modal { status = StatusMessage("Cancelled; nothing was sent") }
            if case .hostUnreachable(let d) = modal {
                status = StatusMessage("Not tried again: \(Format.count(d.retryIds.count, "device")) not done", .warning)
            }
            modal = nil
        case .switchChoice:
            if case .confirm(var d) = modal {
                d.choice = d.choice == .onlyFit ? .sendAll : .onlyFit
                d.typedMismatch = false
                modal = .confirm(d)
            }
        case .typeErase:
            if case .confirm(var d) = modal, !d.typed.isEmpty {
                d.typed.removeLast()
                modal = .confirm(d)
            }

        case .promptSubmit:
            return submitPrompt()
        case .promptCancel:
            modal = nil
        case .promptErase:
            if case .prompt(var p) = modal, !p.text.isEmpty {
                p.text.removeLast()
                modal = .prompt(p)
            }
        case .promptClear:
            if case .prompt(var p) = modal {
                p.text = ""
                modal = .prompt(p)
            }

        case .closeHelp:
            modal = nil
        case .help:
            modal = .help(scroll: 0)
        case .quit:
            return quit()
        case .redraw:
            return [.redrawAll]
        case .sortNext: stepSortColumn(by: 1)
        case .sortPrevious: stepSortColumn(by: -1)
        case .sortReverse: reverseSort()
        case .cycleOutcome: cycleOutcomeView()
        case .openHistory, .closeHistory, .inspectRun, .cycleRunOutcome, .resumeRun, .undoRun, .saveRun:
            return performHistory(id)
        case .includeUncertain: toggleUncertain()
        }
        return []
    }

    // MARK: Moving

    private func pageSize(_ context: KeyContext) -> Int {
        context == .help ? max(1, height - 6) : max(1, layout.tableHeight - 1)
    }

    private mutating func move(_ context: KeyContext, by delta: Int) {
        if context == .help {
            if case .help(let scroll) = modal { setHelpScroll(scroll + delta) }
        } else {
            moveCursor(to: picker.cursor + delta)
        }
    }

    private mutating func move(_ context: KeyContext, to position: Int) {
        if context == .help { setHelpScroll(position) } else { moveCursor(to: position) }
    }

    mutating func moveCursor(to position: Int) {
        let n = shownCount
        picker.cursor = n == 0 ? 0 : min(max(0, position), n - 1)
        scrollToCursor()
    }

    /// Keeps the cursor row on screen and the table filled.
    mutating func scrollToCursor() {
        let n = shownCount
        let h = layout.tableHeight
        if picker.cursor >= n { picker.cursor = max(0, n - 1) }
        if picker.cursor < picker.top { picker.top = picker.cursor }
        if picker.cursor >= picker.top + h { picker.top = picker.cursor - h + 1 }
        picker.top = max(0, min(picker.top, max(0, n - h)))
    }

    mutating func setHelpScroll(_ value: Int) {
        let maxScroll = max(0, HelpView.lineCount(self) - HelpView.visibleRows(height: height))
        modal = .help(scroll: min(max(0, value), maxScroll))
    }

    mutating func clampHelpScroll() {
        if case .help(let scroll) = modal { setHelpScroll(scroll) }
    }

    func forEachShown(_ body: (Int) -> Void) {
        if let list = picker.list {
            for i in list { body(Int(i)) }
        } else {
            for i in 0..<store.count { body(i) }
        }
    }

    // MARK: Quit

    private mutating func quit() -> [Effect] {
        if case .quitDuringRun = modal { return stopAndQuit() }
        if quitWhenRunEnds { return [.quit] }       // asked again while stopping: leave now
        if isRunActive {
            modal = .quitDuringRun
            return []
        }
        return [.quit]
    }

    mutating func stopAndQuit() -> [Effect] {
        modal = nil
        guard let run, run.isActive else { return [.quit] }
        quitWhenRunEnds = true
        status = StatusMessage("Stopping after the batches in flight, then quitting (\(registry.keyName(.quit)) again quits at once)", .warning)
        if run.stopRequested { return [] }
        self.run?.stopRequested = true
        return [.stopRun(runTag: run.tag)]
    }

    // MARK: Prompt

    private mutating func submitPrompt() -> [Effect] {
        guard case .prompt(let p) = modal else { return [] }
        let path = p.text.trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else {
            status = StatusMessage("Type a path first (\(registry.keyName(.promptCancel)) closes the prompt)", .warning)
            return []
        }
        modal = nil
        switch p.purpose {
        case .loadFile:
            pendingFilePath = path
            status = StatusMessage("Reading \(path)...")
            return [.loadIMEIFile(path: path)]
        case .saveResults:
            guard let summary = run?.summary else { return [] }
            status = StatusMessage("Saving results to \(path)...")
            return [.saveResults(path: path, summary: summary)]
        case .saveRun(let summary):
            status = StatusMessage("Saving the results of run \(summary.runId) to \(path)...")
            return [.saveResults(path: path, summary: summary)]
        }
    }
}
