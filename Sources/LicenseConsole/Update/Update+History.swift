import RunJournal
import ThingSpaceAPI

extension ConsoleState {
    /// `H` and the keys of the history view (`H`, Esc, `q`, Enter, `f`, `R`, `u`, `w`).
    mutating func performHistory(_ id: ActionID) -> [Effect] {
        if id == .openHistory {
            modal = .history(HistoryState())
            return [.history(.list)]
        }
        guard case .history(var h) = modal else { return [] }
        switch id {
        case .closeHistory:
            // Out of an inspected run to the list, out of the list to the devices.
            if h.inspected != nil {
                h.inspected = nil
                modal = .history(h)
            } else {
                modal = nil
            }
        case .inspectRun:
            if h.inspected == nil { return read(&h, .inspect) }
        case .cycleRunOutcome:
            guard h.inspected != nil else { return [] }
            h.outcome = h.outcome.next
            h.resultCursor = 0
            modal = .history(h)
            status = StatusMessage("Run \(h.selectedRunId ?? ""): \(h.outcome.words) (\(Format.count(h.shownResults.count, "device")))")
        case .resumeRun:
            return read(&h, .resume)
        case .undoRun:
            return read(&h, .undo)
        case .saveRun:
            if let run = h.inspected { return act(run, .save) }
            return read(&h, .save)
        default:
            break
        }
        return []
    }

    /// The moving keys in the history view; nil for every other action.
    mutating func performInHistory(_ id: ActionID) -> [Effect]? {
        guard case .history(var h) = modal else { return nil }
        let page = max(1, height - 10)
        let last = max(0, h.rowCount - 1)
        var cursor = h.inspected == nil ? h.cursor : h.resultCursor
        switch id {
        case .moveUp: cursor -= 1
        case .moveDown: cursor += 1
        case .pageUp: cursor -= page
        case .pageDown: cursor += page
        case .top: cursor = 0
        case .bottom: cursor = last
        default: return nil
        }
        cursor = min(max(0, cursor), last)
        if h.inspected == nil { h.cursor = cursor } else { h.resultCursor = cursor }
        modal = .history(h)
        return []
    }

    /// Reads the run under the cursor again (a resume or undo plans from the journal as it is now).
    private mutating func read(_ h: inout HistoryState, _ intent: HistoryIntent) -> [Effect] {
        guard let id = h.selectedRunId else {
            status = StatusMessage(h.runs == nil ? "The runs are still being read" : "No run recorded yet", .warning)
            return []
        }
        h.reading = id
        modal = .history(h)
        return [.history(.read(runId: id, intent: intent, account: context.account, baseURL: context.baseURL))]
    }

    /// Answers of the journal reads.
    mutating func applyHistory(_ answer: HistoryMessage) {
        guard case .history(var h) = modal else { return }
        switch answer {
        case .listed(let runs, let problems, let total):
            h.runs = runs
            h.recorded = max(total, runs.count)
            h.problems = problems
            h.cursor = min(h.cursor, max(0, runs.count - 1))
            modal = .history(h)
            if let first = problems.first {
                status = StatusMessage("\(Format.count(problems.count, "journal problem")): \(first)", .warning)
            }
        case .failed(let id, let message):
            guard h.reading == id else { return }
            h.reading = nil
            modal = .history(h)
            status = StatusMessage("Reading run \(id) failed: \(message)", .error)
        case .read(let run, let intent):
            guard h.reading == run.overview.id else { return }
            h.reading = nil
            if intent == .inspect {
                h.inspected = run
                h.outcome = .all
                h.resultCursor = 0
            } else if h.inspected?.overview.id == run.overview.id {
                h.inspected = run
            }
            modal = .history(h)
            _ = act(run, intent)
        }
    }

    /// Saves, resumes or undoes a run that was read.
    @discardableResult
    private mutating func act(_ run: HistoryRun, _ intent: HistoryIntent) -> [Effect] {
        let id = run.overview.id
        switch intent {
        case .inspect:
            break
        case .save:
            modal = .prompt(Prompt(purpose: .saveRun(run.summary), text: "tslicense-\(run.overview.operation.rawValue)-\(id).csv"))
        case .resume:
            switch run.resume {
            case .failure(let error):
                refuse("Cannot resume run \(id)", error)
            case .success(let plan):
                openConfirm(plan.operation, ids: plan.devices)
                patchFollowUp(.resume(plan), uncertain: [])
            }
        case .undo:
            switch run.undo {
            case .failure(let error):
                refuse("Cannot undo run \(id)", error)
            case .success(let plan):
                openConfirm(plan.operation, ids: plan.certain)
                patchFollowUp(.undo(runId: id), uncertain: plan.uncertain)
            }
        }
        return []
    }

    private mutating func refuse(_ title: String, _ error: JournalError) {
        status = StatusMessage("\(title): \(error.description)", .error)
        modal = .info(InfoDialog(title: title, lines: [error.description, "Nothing was sent."], isError: true))
    }

    /// The confirm dialog just opened is a resume or an undo.
    private mutating func patchFollowUp(_ followUp: RunFollowUp, uncertain: [String]) {
        guard case .confirm(var d) = modal else { return }
        d.followUp = followUp
        d.uncertain = uncertain
        modal = .confirm(d)
    }

    /// `i` in an undo's dialog: send the uncertain devices too, or leave them alone again.
    mutating func toggleUncertain() {
        guard case .confirm(var d) = modal, !d.uncertain.isEmpty else { return }
        d.includeUncertain.toggle()
        d.typed = ""
        d.typedMismatch = false
        modal = .confirm(d)
        if refuseByPolicy(d.operation, deviceCount: d.deviceIds.count) { return }
    }
}
