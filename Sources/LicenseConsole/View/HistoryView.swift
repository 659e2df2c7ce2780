import Drawing
import Foundation
import RunJournal
import ThingSpaceAPI

/// `H`: the journal's recent runs in a box over the list (header and key bar stay), and one
/// run's per-device results.
enum HistoryView {
    static func draw(_ state: ConsoleState, _ h: HistoryState, into grid: inout CellGrid) {
        let x0 = 0, y0 = 1
        let width = grid.width, height = grid.height - 3
        guard width >= 20, height >= 6 else { return }
        grid.fill(x: x0, y: y0, width: width, height: height, role: .dialog)
        DialogView.drawBorder(x: x0, y: y0, width: width, height: height, glyphs: state.glyphs, into: &grid)
        let inner = width - 4
        let title: String
        var lines: [[Span]]
        var header: String
        var rows: [(String, Role)]
        var cursor: Int
        if let run = h.inspected {
            title = " Run \(run.overview.id) "
            lines = runLines(run, h, state)
            header = resultRow("IMEI", "OUTCOME", "STATUS", "TRIES", "REASON")
            rows = h.shownResults.map { r in
                (resultRow(r.deviceId, outcomeWords(r.outcome, run.overview.operation), r.status, "\(r.attempts)",
                           TextWidth.display(r.reason, charset: state.context.charset)), role(r.outcome))
            }
            cursor = h.resultCursor
            if rows.isEmpty { lines.append([Span("No device in this view (\(state.registry.keyName(.cycleRunOutcome)) shows the next).", .dim)]) }
        } else {
            title = " Runs, newest first "
            header = runRow("RUN", "STATE", "OP", "DEVS", "DONE", "FAIL", "OPEN", "AGE")
            rows = (h.runs ?? []).map { r in
                (runRow(r.id, r.state.rawValue, r.undoes != nil ? "undo" : r.operation.verb, Format.count(r.devices),
                        Format.count(r.succeeded), Format.count(r.failed), Format.count(r.unsent), age(r.startedAt, now: state.now)),
                 role(r.state))
            }
            cursor = h.cursor
            if h.runs == nil {
                lines = [[Span("Reading the journal...", .dim)]]
            } else if rows.isEmpty {
                lines = [[Span("No run recorded yet: assign or remove runs are recorded as they are made.", .dim)]]
            } else {
                let listed = h.recorded > rows.count
                    ? "the \(Format.count(rows.count)) newest of \(Format.count(h.recorded, "run")) (tslicense history lists all)"
                    : Format.count(rows.count, "run")
                lines = [[Span("\(listed); OPEN: devices without a final outcome; ", .dialog),
                          Span(state.registry.keyName(.inspectRun), .dialogKey), Span(" shows one run's devices.", .dialog)]]
            }
        }
        if let reading = h.reading { lines.append([Span("Reading run \(reading)...", .dim)]) }
        grid.put(title, x: x0 + 2, y: y0, role: .dialogTitle, maxWidth: inner)
        var y = y0 + 1
        for line in lines where y < y0 + height - 2 {
            grid.put(line, x: x0 + 2, y: y, maxWidth: inner)
            y += 1
        }
        guard !rows.isEmpty, y < y0 + height - 2 else { return }
        grid.put(header, x: x0 + 2, y: y, role: .tableHeader, maxWidth: inner)
        y += 1
        let visible = max(1, y0 + height - 1 - y)
        let top = cursor < visible ? 0 : cursor - visible + 1
        for (n, row) in rows.enumerated().dropFirst(top).prefix(visible) {
            let selected = n == cursor
            if selected { grid.fill(x: x0 + 1, y: y, width: width - 2, height: 1, role: .rowCursor) }
            grid.put(row.0, x: x0 + 2, y: y, role: selected ? .rowCursor : row.1, maxWidth: inner)
            y += 1
        }
    }

    private static func runLines(_ run: HistoryRun, _ h: HistoryState, _ state: ConsoleState) -> [[Span]] {
        let o = run.overview
        let g = state.glyphs
        var first = "\(o.operation.verb)\(g.sep)account \(o.account)\(g.sep)started \(o.startedAt)\(g.sep)\(o.state.rawValue)"
        if let undone = o.undoes { first += "\(g.sep)undoes \(undone)" }
        return [
            [Span(first, .dialog)],
            [Span("\(Format.count(o.devices, "device")): \(Format.count(o.succeeded)) done, \(Format.count(o.failed)) failed, "
                  + "\(Format.count(o.unsent)) without a final outcome", .dialog)],
            [Span("View: ", .dialog), Span(h.outcome.words, .dialogTitle),
             Span(" (\(Format.count(h.shownResults.count, "device")); ", .dialog), Span(state.registry.keyName(.cycleRunOutcome), .dialogKey),
             Span(" next view)", .dialog)],
        ]
    }

    /// Fits 74 columns (an 80-column screen): `OPEN` counts the devices without a final outcome.
    static func runRow(_ id: String, _ state: String, _ op: String, _ devices: String, _ done: String, _ failed: String,
                       _ open: String, _ age: String) -> String {
        pad(id, 24) + pad(state, 12) + pad(op, 6) + lpad(devices, 6) + lpad(done, 6) + lpad(failed, 6) + lpad(open, 6) + lpad(age, 8)
    }

    static func resultRow(_ imei: String, _ outcome: String, _ status: String, _ tries: String, _ reason: String) -> String {
        pad(imei, 17) + pad(outcome, 17) + pad(status, 20) + lpad(tries, 5) + "  " + reason
    }

    private static func pad(_ s: String, _ n: Int) -> String {
        let w = s.displayWidth
        return w >= n ? s + " " : s + String(repeating: " ", count: n - w)
    }

    private static func lpad(_ s: String, _ n: Int) -> String {
        let w = s.displayWidth
        return w >= n ? " " + s : String(repeating: " ", count: n - w) + s
    }

    static func outcomeWords(_ outcome: DeviceOutcome, _ operation: LicenseOperation) -> String {
        LastOutcome.words(outcome, operation)
    }

    private static func role(_ state: RunState) -> Role {
        switch state {
        case .completed: return .statusOk
        case .stopped, .interrupted: return .statusWarn
        case .failed: return .statusFailed
        case .running: return .statusPending
        }
    }

    private static func role(_ outcome: DeviceOutcome) -> Role {
        switch outcome {
        case .success, .alreadyLicensed, .notLicensed: return .statusOk
        case .failed: return .statusFailed
        case .unknown: return .statusWarn
        case .skipped: return .statusSkipped
        }
    }

    /// `12 s`, `5 min`, `3 h`, `2 d` since `startedAt` (an RFC 3339 time), or the time itself.
    static func age(_ startedAt: String, now: Date) -> String {
        guard let date = JournalClock.date(startedAt) else { return "?" }
        let s = max(0, Int(now.timeIntervalSince(date)))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min" }
        if s < 86_400 { return "\(s / 3600) h" }
        return "\(s / 86_400) d"
    }
}
