import Drawing
import Foundation
import ThingSpaceAPI

/// The run panel: what the run is doing, a progress bar, counts per outcome.
enum RunPanelView {
    static func draw(_ state: ConsoleState, _ layout: ScreenLayout, into grid: inout CellGrid) {
        let g = state.glyphs
        guard let run = state.run else { return }
        let y = layout.runPanelY
        let now = state.now
        let op = run.operation == .assign ? "Assign" : "Remove"

        // Row 1: what and how fast.
        grid.fill(x: 0, y: y, width: layout.width, height: 1, char: g.horizontal, role: .border)
        var head: [Span] = []
        let elapsed = Format.duration(run.elapsed(now: now))
        // The rate counts answered devices only, and shows once a batch answered and a second passed.
        let rate = run.rate(now: now).map { " \(g.separator) \(Format.rate($0))/s" } ?? ""
        if run.isActive {
            let eta = run.eta(now: now).map(Format.duration) ?? "?"
            var words = ""
            if let batches = run.batchCount { words += " batch \(Format.count(run.batchesSent)) / \(Format.count(batches)) sent \(g.separator)" }
            words += " elapsed \(elapsed)\(rate) \(g.separator) ETA \(eta)"
            if let c = run.concurrency { words += " \(g.separator) \(c) in parallel" }
            if words.displayWidth + op.displayWidth + 8 > layout.width - 2 {
                // Narrow: the numbers stay, the words go.
                words = ""
                if let batches = run.batchCount { words += " batch \(Format.count(run.batchesSent))/\(Format.count(batches)) \(g.separator)" }
                words += " \(elapsed)\(rate) \(g.separator) ETA \(eta)"
            }
            head.append(Span(" \(op) run ", .title))
            head.append(Span(words, .normal))
            if run.cancelRequested {
                head.append(Span(" \(g.separator) cancelling the requests in flight", .statusWarn))
            } else if run.stopRequested {
                head.append(Span(" \(g.separator) stopping: waiting for the batches in flight (\(state.registry.keyName(.stopRun)) cancels them)", .statusWarn))
            }
        } else {
            let summary = run.summary
            let how: String
            if summary?.hostFailure != nil { how = "stopped: host unreachable" }
            else if summary?.fatalError != nil { how = "stopped by an error" }
            else if summary?.stopped == true { how = "stopped" }
            else { how = "finished" }
            head.append(Span(" \(op) run \(how) ", summary?.fatalError != nil ? .error : .title))
            let took = run.elapsed(now: now) < 1 ? "under 1 s" : elapsed
            head.append(Span(" in \(took)\(rate)", .normal))
            let left = run.retryIds.count, permanent = run.permanentFailures.count
            let retry = state.registry.keyName(.retryFailed)
            if left > 0 {
                head.append(Span("\(g.sep)\(retry) retries \(Format.count(left)) left", .statusFailed))
            } else if permanent > 0 {
                head.append(Span("\(g.sep)\(Format.count(permanent, "permanent failure")) (\(retry) lists)", .statusFailed))
            }
            head.append(Span("\(g.sep)\(state.registry.keyName(.saveResults)) saves results", .normal))
        }
        head.append(Span(" ", .normal))
        grid.put(head, x: 1, y: y, maxWidth: layout.width - 2)

        // Row 2: progress bar.
        // After a stop the bar shows what was sent of the total, and says stopped.
        let filled = run.endedEarly ? run.sent : run.done
        let pct = Format.percent(filled, of: run.total)
        let label = run.endedEarly ? " \(Format.count(filled)) / \(Format.count(run.total)) sent  \(pct)  stopped"
            : " \(Format.count(filled)) / \(Format.count(run.total))  \(pct)"
        let barWidth = max(10, layout.width - label.displayWidth - 2)
        let doneCells = run.total > 0 ? min(barWidth, filled * barWidth / run.total) : 0
        var x = grid.put("[", x: 0, y: y + 1, role: .normal)
        for col in 0..<barWidth {
            x = grid.put(String(col < doneCells ? g.progressDone : g.progressTodo), x: x, y: y + 1, role: col < doneCells ? .progressDone : .progressTodo)
        }
        x = grid.put("]", x: x, y: y + 1, role: .normal)
        grid.put(label, x: x, y: y + 1, role: .normal, maxWidth: layout.width - x)

        // Row 3: counts per outcome, in words.
        let outcomes: [DeviceOutcome] = run.operation == .assign
            ? [.success, .alreadyLicensed, .failed, .unknown, .skipped]
            : [.success, .notLicensed, .failed, .unknown, .skipped]
        var counts: [Span] = []
        func add(_ text: String, _ role: Role) {
            if !counts.isEmpty { counts.append(Span(" \(g.separator) ", .normal)) }
            counts.append(Span(text, role))
        }
        let unsent = run.unsent
        for outcome in outcomes {
            // Devices never sent appear once, as not sent.
            let n = max(0, run.count(outcome) - (outcome == .skipped ? unsent : 0))
            // Unknown and skipped only when there are some; the others always, so a zero reads as zero.
            if (outcome == .skipped || outcome == .unknown) && n == 0 { continue }
            add("\(LastOutcome.words(outcome, run.operation)) \(Format.count(n))", PickerView.outcomeRole(outcome))
        }
        if run.isActive { add("pending \(Format.count(max(0, run.total - run.done)))", .statusPending) }
        if unsent > 0 { add("not sent \(Format.count(unsent))", .statusSkipped) }
        grid.put(counts, x: 0, y: y + 2, maxWidth: layout.width)
    }
}
