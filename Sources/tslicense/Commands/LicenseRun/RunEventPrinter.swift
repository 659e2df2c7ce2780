import Foundation
import RunJournal
import ThingSpaceAPI

/// Shows a run of assign or remove as it happens, then its summary; records it in its journal.
struct RunEventPrinter {
    let operation: LicenseOperation
    let format: OutputFormat

    /// How a run ended for the command.
    struct Ending {
        var summary: RunSummary
        /// The SIGHUP or SIGTERM that stopped it.
        var signal: Int32?
        /// The journal could not record the end.
        var journalError: String?
    }

    /// What the printer waits for: the run's next event, or the clock (the progress line's time
    /// and rate move, and table rows waiting in the buffer go out, about ten times a second).
    private enum Item: Sendable {
        case event(RunEvent)
        case tick
    }

    /// Prints a run's events as they come (table rows, retries, throttling, progress on stderr)
    /// and the summary in the chosen format. Every event goes to `recorder`, and the run's end is
    /// on disk before the summary is printed (a closed terminal cannot lose it). Signals stop or
    /// cancel the run (`Interrupts`). `mark` adjusts each result shown (a resume's late answers).
    func show(_ run: Run, account: String, recorder: RunRecorder?,
              mark: @escaping (DeviceResult) -> DeviceResult = { $0 }) async -> Ending {
        let interrupts = Interrupts(run: run)
        defer { interrupts.cancel() }

        let out = StandardOutput()
        let progressLine = ProgressLine()
        let table = format == .table
        if table { out.line(RunReport.header) }
        out.flush()

        let (items, feed) = AsyncStream.makeStream(of: Item.self)
        let forward = Task {
            for await event in run.events { feed.yield(.event(event)) }
            feed.finish()
        }
        let clock = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                feed.yield(.tick)
            }
        }
        defer { forward.cancel(); clock.cancel() }

        var progress = RunReport.Progress()
        var startedAt: ContinuousClock.Instant?
        var final: RunSummary?
        func elapsed() -> Double? {
            guard let startedAt else { return nil }
            let d = ContinuousClock.now - startedAt
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        for await item in items {
            switch item {
            case .tick:
                // Rows go out in one write with the progress line out of their way.
                if out.pendingBytes > 0 { progressLine.around { out.flush() } }
                if let text = progress.text(operation, elapsed: elapsed()) { progressLine.update(text) }
            case .event(let event):
                recorder?.observe(event)
                progress.record(event)
                switch event {
                case .batchSent:
                    if startedAt == nil { startedAt = .now }
                case .batchResults(let results, _):
                    if table {
                        for result in results { out.line(RunReport.row(mark(result))) }
                        // Well before the buffer flushes by itself (under the progress line).
                        if out.pendingBytes >= 1 << 15 { progressLine.around { out.flush() } }
                    }
                case .finished(let summary):
                    final = summary
                default:
                    if let notice = RunReport.notice(event) {
                        progressLine.around {
                            out.flush()
                            FileOutput.stderr(notice)
                        }
                    }
                }
            }
        }
        progressLine.clear()

        var summary = final ?? RunSummary(runId: run.id, operation: operation, account: account, results: [],
                                          unsent: [], elapsedMs: 0, counts: nil, stopped: false, fatalError: nil)
        let signal = interrupts.terminatingSignal
        var journalError: String?
        if let recorder {
            do { try await recorder.finish(summary, signal: signal) } catch { journalError = "\(error)" }
        }
        summary.results = summary.results.map(mark)
        out.text(RunReport.summary(summary, format: format))
        out.flush()
        return Ending(summary: summary, signal: signal, journalError: journalError)
    }
}
