import ThingSpaceAPI

extension ConsoleState {
    mutating func applyRunEvent(_ event: RunEvent, tag: Int) -> [Effect] {
        guard let current = run, current.tag == tag, current.isActive else { return [] }
        let operation = current.operation
        switch event {
        case .started(let plan):
            run?.plan = plan
            for result in plan.skipped { record(result, operation) }
            if !plan.warnings.isEmpty {
                status = StatusMessage("\(Format.count(plan.warnings.count, "warning")): \(plan.warnings[0])", .warning)
            }
        case .batchSent(_, _, let attempt):
            if attempt == 1 { run?.batchesSent += 1 }
        case .batchResults(let results, _):
            for result in results { record(result, operation) }
        case .counts(let c):
            applyCounts(c)
            countsReadAt = now
        case .batchRetrying(let batch, let attempt, _, let error) where error.isLostReply:
            status = StatusMessage("Batch \(batch + 1): the answer was lost (\(Format.error(error))); sending it again (attempt \(attempt))", .warning)
        case .hostUnreachable(let failure):
            status = StatusMessage("The host stopped answering: \(failure.description); stopping", .error)
            countsCurrent = false
        case .batchRetrying(let batch, let attempt, let delay, let error):
            status = StatusMessage("Batch \(batch) failed (\(Format.error(error))); attempt \(attempt) in \(Format.rate(delay)) s", .warning)
        case .batchGivenUp(let batch, let ids, let error):
            status = StatusMessage("Batch \(batch) given up (\(Format.count(ids.count, "device")) failed): \(Format.error(error))", .error)
        case .concurrencyChanged(let n):
            run?.concurrency = n
        case .renewed(let kind):
            status = StatusMessage(kind == .apiToken ? "API token renewed" : "Session renewed")
        case .finished(let summary):
            return finish(summary)
        }
        return []
    }

    /// One device's result: its row, the run's counts, and the gauge's estimate.
    private mutating func record(_ result: DeviceResult, _ operation: LicenseOperation) {
        remember(result, operation)
        if let i = store.index(of: result.deviceId) {
            store.record(i, outcome: result.outcome, operation: operation, reason: result.reason)
        } else if !load.done {
            carried[result.deviceId] = CarriedDevice(selected: false, last: .done(result.outcome, operation), reason: result.reason)
        }
        guard run != nil else { return }
        run!.outcomeCounts[DeviceOutcome.allCases.firstIndex(of: result.outcome)!] += 1
        run!.done += 1
        // Each success moves one licence; the responses' counters may lag or arrive out of order.
        if result.outcome == .success, let base = run!.baseUsed, let c = counts {
            let estimate = LicenseCounts(total: c.total, used: base).moved(by: run!.count(.success), during: operation)
            counts = c.merged(with: estimate, during: operation)
        }
    }

    private mutating func finish(_ summary: RunSummary) -> [Effect] {
        guard var current = run else { return [] }
        let operation = current.operation
        let unsent = Set(summary.unsent)
        for id in summary.unsent {
            if let i = store.index(of: id) {
                store.record(i, outcome: .skipped, operation: operation, reason: "not sent: the run stopped")
            }
        }
        // The summary is the record: rows still pending take its result, and the panel its counts.
        for result in summary.results {
            if let i = store.index(of: result.deviceId), case .pending = store.lastOutcome(i) {
                store.record(i, outcome: result.outcome, operation: operation, reason: result.reason)
                remember(result, operation)
            } else if unsent.contains(result.deviceId) {
                remember(result, operation)
            }
        }
        for id in current.deviceIds {
            if let i = store.index(of: id), case .pending = store.lastOutcome(i) {
                store.record(i, outcome: .skipped, operation: operation, reason: "no result reported")
            }
        }
        if !summary.results.isEmpty {
            let counts = summary.outcomeCounts
            current.outcomeCounts = DeviceOutcome.allCases.map { counts[$0] ?? 0 }
            current.done = summary.results.count
        }
        current.summary = summary
        current.finishedAt = now
        run = current
        // Devices never sent are counted once, as not sent (not also as skipped).
        let words = DeviceOutcome.allCases.compactMap { o -> String? in
            let n = max(0, current.count(o) - (o == .skipped ? summary.unsent.count : 0))
            return n > 0 ? "\(Format.count(n)) \(LastOutcome.words(o, operation))" : nil
        }
        var text = "\(operation == .assign ? "Assign" : "Remove") finished: " + (words.isEmpty && summary.unsent.isEmpty ? "no results" : words.joined(separator: ", "))
        if !summary.unsent.isEmpty { text += (words.isEmpty ? "" : "; ") + "\(Format.count(summary.unsent.count)) not sent" }
        if let kept = narrowSelection(after: summary) { text += "; " + kept }
        if !summary.countsCurrent { countsCurrent = false }
        if let failure = summary.hostFailure {
            status = StatusMessage(text + " — the host stopped answering: " + failure.description, .error)
            if !quitWhenRunEnds {
                modal = .hostUnreachable(HostUnreachableDialog(operation: operation, failure: failure, retryIds: current.notDoneIds,
                                                               unknown: current.count(.unknown)))
            }
        } else if let error = summary.fatalError {
            showError(title: "The run stopped with an error",
                      lines: [Format.error(error), "\(Format.count(summary.unsent.count, "device")) \(summary.unsent.count == 1 ? "was" : "were") not sent."],
                      status: text + " \(glyphs.dash) stopped by: " + Format.error(error))
        } else {
            let level: StatusMessage.Level = current.count(.failed) + current.count(.unknown) > 0 || summary.stopped ? .warning : .ok
            status = StatusMessage(summary.stopped ? text + " (stopped)" : text, level)
        }
        // A dead host is not asked for the counts again: they stay marked as not current.
        var effects: [Effect] = summary.hostFailure == nil ? [.loadCounts] : []
        if quitWhenRunEnds { effects.append(.quit) }
        return effects
    }

    mutating func runFailedToStart(_ error: ThingSpaceError, tag: Int) -> [Effect] {
        guard let current = run, current.tag == tag, current.isActive else { return [] }
        let summary = RunSummary(runId: "", operation: current.operation, account: context.account, results: [],
                                 unsent: current.deviceIds, elapsedMs: 0, counts: nil, stopped: false, fatalError: error)
        for id in current.deviceIds {
            if let i = store.index(of: id) {
                store.record(i, outcome: .skipped, operation: current.operation, reason: "not sent: the run could not start")
            }
        }
        run?.summary = summary
        run?.finishedAt = now
        showError(title: "The run could not start", lines: [Format.error(error), "Nothing was sent."],
                  status: "The run could not start: \(Format.error(error))")
        return quitWhenRunEnds ? [.quit] : []
    }
}
