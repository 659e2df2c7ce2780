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
        var progress = RunReport.Progress()
        var final: RunSummary?
        for await event in run.events {
            recorder?.observe(event)
            progress.record(event)
            switch event {
            case .deviceResult(let result, _):
                if table {
                    progressLine.clear()
                    out.line(RunReport.row(mark(result)))
                }
            case .finished(let summary):
                final = summary
            default:
                if let notice = RunReport.notice(event) {
                    progressLine.clear()
                    FileOutput.stderr(notice)
                }
            }
            out.flush()
            if let text = progress.text(operation) { progressLine.update(text) }
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
