import Foundation
import ThingSpaceAPI

/// Shows a run of assign or remove as it happens, then its summary.
struct RunEventPrinter {
    let operation: LicenseOperation
    let format: OutputFormat

    /// Prints a run's events as they come (table rows, retries, throttling, progress on stderr)
    /// and the summary in the chosen format; returns the summary. Ctrl-C stops or cancels the run.
    func show(_ run: Run, account: String) async -> RunSummary {
        let interrupts = Interrupts(run: run)
        defer { interrupts.cancel() }

        let out = StandardOutput()
        let progressLine = ProgressLine()
        let table = format == .table
        if table { out.line(RunReport.header) }
        var progress = RunReport.Progress()
        var final: RunSummary?
        for await event in run.events {
            progress.record(event)
            switch event {
            case .batchResults(let results, _):
                if table {
                    progressLine.clear()
                    for result in results { out.line(RunReport.row(result)) }
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

        let summary = final ?? RunSummary(runId: run.id, operation: operation, account: account, results: [],
                                          unsent: [], elapsedMs: 0, counts: nil, stopped: false, fatalError: nil)
        out.text(RunReport.summary(summary, format: format))
        out.flush()
        return summary
    }
}
