import Drawing
import Foundation

/// Result files shared by every front end: JSON and CSV with `deviceId`, `status`, `reason`,
/// `outcome`, plus a run summary with counts per outcome and `elapsedMs`.
public enum ResultWriter {
    public struct SummaryRecord: Codable, Equatable, Sendable {
        public var runId: String
        public var operation: String
        public var total: Int
        public var success: Int
        public var alreadyLicensed: Int
        public var notLicensed: Int
        public var failed: Int
        /// Sent, never answered (`NoAnswer`).
        public var unknown: Int
        public var skipped: Int
        public var unsent: [String]
        public var elapsedMs: Int
        public var stopped: Bool
        public var error: String?

        public init(_ summary: RunSummary) {
            let c = summary.outcomeCounts
            runId = summary.runId
            operation = summary.operation.rawValue
            total = summary.results.count
            success = c[.success] ?? 0
            alreadyLicensed = c[.alreadyLicensed] ?? 0
            notLicensed = c[.notLicensed] ?? 0
            failed = c[.failed] ?? 0
            unknown = c[.unknown] ?? 0
            skipped = c[.skipped] ?? 0
            unsent = summary.unsent
            elapsedMs = summary.elapsedMs
            stopped = summary.stopped
            error = summary.errorDescription
        }
    }

    /// The JSON document: `{"account", "total", "used", "countsCurrent", "results": [...], "summary": {...}}`.
    public struct Document: Codable, Equatable, Sendable {
        public var account: String
        public var total: Int?
        public var used: Int?
        /// False when `total` and `used` could not be read after the run (the host stopped
        /// answering, or a batch went unanswered): they are the last values seen.
        public var countsCurrent: Bool
        public var results: [DeviceResult]
        public var summary: SummaryRecord
    }

    public static func document(_ summary: RunSummary) -> Document {
        Document(account: summary.account, total: summary.counts?.total, used: summary.counts?.used,
                 countsCurrent: summary.countsCurrent, results: summary.results, summary: SummaryRecord(summary))
    }

    /// The JSON document; server text is kept, with DEL, C1 and bidi controls as `\u` escapes.
    public static func json(_ summary: RunSummary) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document(summary)) else { return Data("{}".utf8) }
        return Data(JSONSafety.escapingControls(String(decoding: data, as: UTF8.self)).utf8)
    }

    public static let csvHeader = ["deviceId", "status", "reason", "outcome", "attempts"]

    public static func csvLine(_ r: DeviceResult) -> String {
        CSV.row([r.deviceId, r.status, r.reason, r.outcome.rawValue, String(r.attempts)])
    }

    /// The results as CSV, header first.
    public static func csv(_ results: [DeviceResult]) -> String {
        var out = CSV.row(csvHeader) + "\n"
        for r in results { out += csvLine(r) + "\n" }
        return out
    }

    /// The summary as a two-column CSV (`field,value`).
    public static func csvSummary(_ summary: RunSummary) -> String {
        let s = SummaryRecord(summary)
        let rows: [[String]] = [
            ["field", "value"], ["runId", s.runId], ["operation", s.operation], ["account", summary.account],
            ["total", String(s.total)], ["success", String(s.success)], ["alreadyLicensed", String(s.alreadyLicensed)],
            ["notLicensed", String(s.notLicensed)], ["failed", String(s.failed)], ["unknown", String(s.unknown)],
            ["skipped", String(s.skipped)],
            ["elapsedMs", String(s.elapsedMs)], ["stopped", String(s.stopped)],
        ]
        return rows.map(CSV.row).joined(separator: "\n") + "\n"
    }

    /// Reads results back from CSV written by `csv(_:)` (formula guards removed).
    public static func readCSV(_ text: String) throws(ThingSpaceError) -> [DeviceResult] {
        let rows = CSV.parse(text)
        // Files written before the attempts column read as 0 attempts.
        let oldHeader = Array(csvHeader.dropLast())
        guard let header = rows.first?.cells, header == csvHeader || header == oldHeader else {
            throw .invalidInput("not a results file: the first line must be \(csvHeader.joined(separator: ","))")
        }
        let width = header.count
        func unguard(_ s: String) -> String {
            if s.hasPrefix("'"), let second = s.unicodeScalars.dropFirst().first, "=+-@\t\r".unicodeScalars.contains(second) {
                return String(s.dropFirst())
            }
            return s
        }
        var out: [DeviceResult] = []
        for row in rows.dropFirst() where !(row.cells.count == 1 && row.cells[0].isEmpty) {
            guard row.cells.count == width, let outcome = DeviceOutcome(rawValue: row.cells[3]) else {
                throw .invalidInput("line \(row.line): expected \(width) cells: \(header.joined(separator: ","))")
            }
            var attempts = 0
            if width == csvHeader.count {
                guard let n = Int(row.cells[4]), n >= 0 else {
                    throw .invalidInput("line \(row.line): attempts must be a count, got '\(row.cells[4])'")
                }
                attempts = n
            }
            out.append(DeviceResult(deviceId: unguard(row.cells[0]), status: unguard(row.cells[1]),
                                    reason: unguard(row.cells[2]), outcome: outcome, attempts: attempts))
        }
        return out
    }

    /// Writes the results to `path`: `.csv` writes the results and a `.summary.csv` beside them;
    /// anything else writes the JSON document. Returns the paths written.
    @discardableResult
    public static func write(_ summary: RunSummary, to path: String) throws(ThingSpaceError) -> [String] {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        do {
            if url.pathExtension.lowercased() == "csv" {
                try Data(csv(summary.results).utf8).write(to: url, options: .atomic)
                let summaryURL = url.deletingPathExtension().appendingPathExtension("summary.csv")
                try Data(csvSummary(summary).utf8).write(to: summaryURL, options: .atomic)
                return [url.path, summaryURL.path]
            }
            try json(summary).write(to: url, options: .atomic)
            return [url.path]
        } catch {
            throw .invalidInput("could not write \(url.path): \((error as NSError).localizedDescription)")
        }
    }
}
