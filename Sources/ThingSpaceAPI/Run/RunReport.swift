import Foundation

/// A run of assign or remove as text, while it happens and at its end: one table row per device,
/// notices for retries and throttling, a progress line, and the summary as table, JSON or CSV
/// (JSON and CSV are the result files' formats, `ResultWriter`).
public enum RunReport {
    /// The table's fixed column widths (the last column is not padded).
    static let widths = [15, 16, 22]

    /// The table's heading row.
    public static let header = TextFormat.fixedRow(["DEVICE ID", "OUTCOME", "STATUS", "REASON"], widths: widths)

    /// One device's table row (`-` for an entry without an id). A device whose batch went
    /// unanswered once says so after the reason.
    public static func row(_ r: DeviceResult) -> String {
        var reason = r.reason
        if let note = r.attemptNote { reason += reason.isEmpty ? "(\(note))" : " (\(note))" }
        return TextFormat.fixedRow([r.deviceId.isEmpty ? "-" : r.deviceId, r.outcome.label, r.status, reason], widths: widths)
    }

    /// A line for standard error about a batch retried or given up, or throttling; nil for the
    /// other events.
    public static func notice(_ event: RunEvent) -> String? {
        switch event {
        case .batchRetrying(let batch, let attempt, let delay, let error) where delay == 0 && error.isLostReply:
            return "batch \(batch + 1): \(error.description); the answer was lost, sending it again (attempt \(attempt))"
        case .batchRetrying(let batch, let attempt, let delay, let error):
            return "batch \(batch + 1): \(error.description); attempt \(attempt) in \(String(format: "%.1f", delay)) s"
        case .batchGivenUp(let batch, let ids, let error):
            return "batch \(batch + 1) given up (\(TextFormat.count(ids.count, "device"))): \(error.description)"
        case .hostUnreachable(let failure):
            return "the host stopped answering (\(failure.failures) connection failures in a row): \(failure.description); "
                + "stopping: devices not sent are skipped, the batches in flight end unknown"
        case .concurrencyChanged(let n):
            return "throttled by the server: now \(n) request\(n == 1 ? "" : "s") in flight at most"
        case .started, .batchSent, .batchResults, .counts, .renewed, .finished:
            return nil
        }
    }

    /// `assign: 10 devices: 6 success, 1 already licensed, 1 failed, 0 skipped, 2 not sent in 1.2 s (stopped)`;
    /// `N unknown` follows `failed` when some devices got no answer.
    public static func summaryLine(_ summary: RunSummary) -> String {
        let c = summary.outcomeCounts
        func n(_ outcome: DeviceOutcome) -> String { TextFormat.count(c[outcome] ?? 0) }
        // Devices never sent are `skipped` results too: they are counted once, as not sent.
        let notSent = summary.results.lazy.filter { $0.status == DeviceResult.notSentStatus }.count
        var parts = ["\(n(.success)) success"]
        if summary.operation == .assign { parts.append("\(n(.alreadyLicensed)) already licensed") }
        if summary.operation == .remove { parts.append("\(n(.notLicensed)) not licensed") }
        parts.append("\(n(.failed)) failed")
        if let unknown = c[.unknown], unknown > 0 { parts.append("\(TextFormat.count(unknown)) unknown") }
        parts.append("\(TextFormat.count(max(0, (c[.skipped] ?? 0) - notSent))) skipped")
        let unsent = max(notSent, summary.unsent.count)
        if unsent > 0 { parts.append("\(TextFormat.count(unsent)) not sent") }
        var line = "\(summary.operation.verb): \(TextFormat.count(summary.results.count, "device")): " + parts.joined(separator: ", ")
        line += " in \(String(format: "%.1f", Double(summary.elapsedMs) / 1000)) s"
        if summary.stopped { line += " (stopped)" }
        else if summary.hostFailure != nil { line += " (the host stopped answering)" }
        return line
    }

    /// The end of the output: the summary line and the licence counters (table), the result
    /// document (JSON) or every result (CSV). Ends with a newline.
    public static func summary(_ summary: RunSummary, format: ReportFormat) -> String {
        switch format {
        case .json:
            return String(decoding: ResultWriter.json(summary), as: UTF8.self) + "\n"
        case .csv:
            return ResultWriter.csv(summary.results)
        case .table:
            var text = summaryLine(summary) + "\n"
            if let counts = summary.counts {
                let label = summary.countsCurrent ? "licences:" : "licences (last read, not current):"
                text += TextFormat.licences(label, counts) + "\n"
            }
            return text
        }
    }
}
