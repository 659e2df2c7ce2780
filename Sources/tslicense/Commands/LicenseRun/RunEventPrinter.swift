import Foundation
import ThingSpaceAPI

/// Shows a run of assign or remove as it happens, then its summary.
struct RunEventPrinter {
    let operation: LicenseOperation
    let format: OutputFormat

    var verb: String { operation.verb }

    /// Prints a run's events as they come (table rows, retries, throttling, progress on stderr)
    /// and the summary in the chosen format; returns the summary. Ctrl-C stops or cancels the run.
    func show(_ run: Run, account: String) async -> RunSummary {
        let interrupts = Interrupts(run: run)
        defer { interrupts.cancel() }

        let out = StandardOutput()
        let progress = ProgressLine()
        let table = format == .table
        if table {
            out.line(Self.row(["DEVICE ID", "OUTCOME", "STATUS", "REASON"]))
        }
        var total = 0
        var batches = 0
        var done = 0
        var final: RunSummary?
        for await event in run.events {
            switch event {
            case .started(let plan):
                total = plan.deviceIds.count
                batches = plan.batchCount
            case .deviceResult(let result, let batch):
                if batch >= 0 { done += 1 }
                if table {
                    progress.clear()
                    out.line(Self.row(result))
                }
            case .batchRetrying(let batch, let attempt, let delay, let error):
                progress.clear()
                FileOutput.stderr("batch \(batch + 1): \(error.description); attempt \(attempt) in \(String(format: "%.1f", delay)) s")
            case .batchGivenUp(let batch, let ids, let error):
                progress.clear()
                FileOutput.stderr("batch \(batch + 1) given up (\(ids.count) devices): \(error.description)")
            case .concurrencyChanged(let n):
                progress.clear()
                FileOutput.stderr("throttled by the server: now \(n) request\(n == 1 ? "" : "s") in flight at most")
            case .finished(let summary):
                final = summary
            case .batchSent, .counts, .renewed:
                break
            }
            out.flush()
            if total > 0 { progress.update("\(verb): \(done)/\(total) devices, \(batches) request\(batches == 1 ? "" : "s")") }
        }
        progress.clear()

        let summary = final ?? RunSummary(runId: run.id, operation: operation, account: account, results: [],
                                          unsent: [], elapsedMs: 0, counts: nil, stopped: false, fatalError: nil)

        switch format {
        case .json:
            out.text(String(decoding: ResultWriter.json(summary), as: UTF8.self) + "\n")
        case .csv:
            out.text(ResultWriter.csv(summary.results))
        case .table:
            out.line(Self.summaryLine(summary))
            if let counts = summary.counts {
                out.line("licences: \(TextFormat.count(counts.used)) of \(TextFormat.count(counts.total)) used, \(TextFormat.count(counts.free)) free")
            }
        }
        out.flush()
        return summary
    }

    static func summaryLine(_ summary: RunSummary) -> String {
        let c = summary.outcomeCounts
        var parts = ["\(c[.success] ?? 0) success"]
        if summary.operation == .assign { parts.append("\(c[.alreadyLicensed] ?? 0) already licensed") }
        if summary.operation == .remove { parts.append("\(c[.notLicensed] ?? 0) not licensed") }
        parts.append("\(c[.failed] ?? 0) failed")
        parts.append("\(c[.skipped] ?? 0) skipped")
        var line = "\(summary.operation.verb): \(TextFormat.count(summary.results.count)) devices: " + parts.joined(separator: ", ")
        line += " in \(String(format: "%.1f", Double(summary.elapsedMs) / 1000)) s"
        if !summary.unsent.isEmpty { line += "; \(summary.unsent.count) not sent" }
        if summary.stopped { line += " (stopped)" }
        return line
    }

    static let widths = [15, 16, 22]
    static func row(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in i < widths.count ? TextFormat.pad(cell, widths[i]) : TextFormat.clean(cell) }
            .joined(separator: "  ").trimmingTrailingSpaces()
    }

    static func row(_ r: DeviceResult) -> String {
        row([r.deviceId.isEmpty ? "-" : r.deviceId, r.outcome.label, r.status, r.reason])
    }
}
