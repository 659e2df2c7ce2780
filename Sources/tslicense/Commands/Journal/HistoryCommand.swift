import ArgumentParser
import Foundation
import RunJournal
import Settings
import ThingSpaceAPI

/// `tslicense history`: the recorded runs, newest first; `history show RUN`: one run's devices.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the recorded assign and remove runs, newest first.",
        discussion: """
            Every assign, remove, resume and undo is recorded as it happens in \
            $XDG_STATE_HOME/tslicense/runs/ (~/.local/state/tslicense/runs/), one JSON Lines file per run. \
            States: completed, stopped, interrupted (its process is gone), running (a live process holds \
            it), failed. Stopped and interrupted runs can be resumed (tslicense resume RUN); a run can be \
            reversed (tslicense undo RUN).

            JSON: [{"id", "account", "baseURL", "operation", "startedAt", "finishedAt", "state", \
            "devices", "succeeded", "failed", "unsent"}]; devices = succeeded + failed + unsent, where \
            unsent counts the devices without a final outcome.

            Examples:
              tslicense history
              tslicense history --format json
              tslicense history show 20261128T063012Z-1a2b3c --format csv
            """,
        subcommands: [HistoryList.self, HistoryShow.self],
        defaultSubcommand: HistoryList.self)
}

/// The options both history commands take.
struct HistoryOptions: ParsableArguments {
    @Flag(help: "The demo's runs (demo-runs/) instead of the real ones.")
    var demo = false

    init() {}

    /// The settings for the state directory and the current account; no secret commands are run.
    func settings(_ global: GlobalOptions) throws -> ResolvedSettings {
        try CommandSession.resolve(global.overrides(), requireAccount: false, runCommands: false)
    }
}

struct HistoryList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the recorded runs (the default).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var history: HistoryOptions

    func run() async throws {
        let settings = try history.settings(global)
        if !history.demo { CommandJournal.announceInterrupted(settings) }
        let store = CommandJournal.store(settings, demo: history.demo)
        let (runs, problems) = RunCatalog(store: store).list()
        for problem in problems { FileOutput.stderr("warning: \(problem)") }
        let out = StandardOutput()
        switch output.format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            out.line(runs.isEmpty ? "[]" : String(decoding: try encoder.encode(runs), as: UTF8.self))
        case .csv:
            out.line(CSV.row(HistoryList.fields))
            for run in runs { out.line(CSV.row(HistoryList.cells(run))) }
        case .table:
            if runs.isEmpty {
                FileOutput.stderr("no runs recorded in \(store.directory)")
            } else {
                out.line(TextFormat.fixedRow(["RUN", "OPERATION", "STATE", "DEVICES", "DONE", "FAILED", "UNSENT", "ACCOUNT", "NOTE"],
                                             widths: HistoryList.widths))
                for run in runs {
                    var cells = HistoryList.cells(run)
                    let note = [run.undoes.map { "undoes \($0)" }, run.note].compactMap { $0 }.joined(separator: "; ")
                    cells = [cells[0], cells[3], cells[6], cells[7], cells[8], cells[9], cells[10], cells[1], note]
                    out.line(TextFormat.fixedRow(cells.map { TextFormat.clean($0) }, widths: HistoryList.widths))
                }
            }
        }
        out.flush()
    }

    static let widths = [23, 9, 11, 7, 7, 6, 6, 16]  // RUN … ACCOUNT; the note is not padded
    static let fields = ["id", "account", "baseURL", "operation", "startedAt", "finishedAt", "state", "devices", "succeeded",
                         "failed", "unsent"]

    static func cells(_ run: RunOverview) -> [String] {
        [run.id, run.account, run.baseURL, run.operation.rawValue, run.startedAt, run.finishedAt ?? "", run.state.rawValue,
         String(run.devices), String(run.succeeded), String(run.failed), String(run.unsent)]
    }
}

struct HistoryShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one run's per-device results (table, json or csv, as assign writes them).")

    @Argument(help: ArgumentHelp("The run id (tslicense history lists them).", valueName: "run"))
    var runId: String

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var history: HistoryOptions

    func validate() throws {
        if !JournalStore.isPlainRunId(runId) { throw ValidationError("\(runId.debugDescription) is not a run id") }
    }

    func run() async throws {
        let settings = try history.settings(global)
        let (run, state) = try CommandJournal.load(settings, runId: runId, demo: history.demo)
        let summary = CommandJournal.summary(run, state: state)
        FileOutput.stderr("run \(run.id): \(run.operation.verb) on account \(run.account) at \(run.baseURL); \(state.rawValue); "
                          + "started \(run.startedAt) by \(run.user) on \(run.host)"
                          + (run.profile.map { "; profile \($0)" } ?? "") + (run.note.map { "; note: \($0)" } ?? "")
                          + (run.undoes.map { "; undoes \($0)" } ?? ""))
        let out = StandardOutput()
        if output.format == .table {
            out.line(RunReport.header)
            for result in summary.results { out.line(RunReport.row(result)) }
            out.line("\(run.operation.verb): \(TextFormat.count(run.devices.count, "device")): \(run.succeeded) done, "
                     + "\(run.failed) failed, \(run.unsent) without a final outcome; \(run.skipped.count) skipped entries")
        } else {
            out.text(RunReport.summary(summary, format: output.format))
        }
        out.flush()
    }
}
