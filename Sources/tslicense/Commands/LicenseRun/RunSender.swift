import Foundation
import RunJournal
import Settings
import ThingSpaceAPI

/// The part every run shares (assign, remove, resume, undo), once its devices are planned: the
/// size guard, the counts, the event-based account check, a dry run or the confirmation, the run
/// itself recorded in its journal, the results file, and the exit code.
struct RunSender {
    /// Where the run is recorded.
    enum Journal {
        /// A run of its own (assign, remove, undo: `undoes` names the run it reverses).
        case new(note: String?, undoes: String?)
        /// More of an existing run, appended to its journal.
        case resume(ResumePlan, note: String?)
    }

    let operation: LicenseOperation
    let settings: ResolvedSettings
    let plan: DevicePlan
    let format: OutputFormat
    var yes = false
    var force = false
    var dryRun = false
    var resultsFile: String?
    var journal: Journal = .new(note: nil, undoes: nil)
    var forceLogin = false
    /// Lines for stderr after the run (undo: licences ThingSpace kept).
    var afterword: ([DeviceResult]) -> [String] = { _ in [] }

    var verb: String { operation.verb }

    func send() async throws {
        let policy = settings.limits.policy
        let toSend = plan.toSend
        do { try policy.checkSize(operation, deviceCount: toSend.count) } catch { throw CommandFailure.usage(error) }

        let runOptions = settings.run
        let devicesText = TextFormat.count(toSend.count, "device")
        FileOutput.stderr("\(verb)\(dryRun ? " (dry run)" : ""): \(devicesText); \(settings.targetDescription); "
                          + "API \(settings.client.apiVersion.rawValue)")

        let session = try CommandSession.open(settings, forceLogin: forceLogin)
        let client = session.client

        // Counts first: checks the credentials before anything is asked or sent, and tells the
        // operator where the account stands.
        var before: LicenseCounts?
        if !toSend.isEmpty { before = try await session.closingOnError { try await client.licenseCounts() } }

        // An event-based account needs no licences: assigning sends nothing unless --force says so.
        if operation == .assign, !toSend.isEmpty, !force,
           try await session.closingOnError({ try await client.billing() }) == .event {
            await session.close()
            throw CommandFailure.usage("""
                account \(client.account) is event-based (TS-HFOTA-EVNT): its firmware upgrades are billed per event \
                and need no licence, so nothing was sent. Give --force to assign licences anyway.
                """)
        }

        if dryRun {
            let forecast = try await session.closingOnError {
                try await client.forecast(operation, deviceIds: toSend, counts: before)
            }
            let out = StandardOutput()
            let report = DryRunReport(account: client.account, forecast: forecast, skipped: plan.skipped,
                                      batchSize: runOptions.batchSize)
            out.lines(report.lines(format))
            out.flush()
            if let warning = report.warning { FileOutput.stderr(warning) }
            await session.close()
            return
        }

        if !toSend.isEmpty && !yes {
            guard TTY.stdinIsTerminal && TTY.stderrIsTerminal else {
                await session.close()
                throw CommandFailure.usage("no terminal to confirm on: add --yes to \(verb) \(devicesText) on \(settings.targetDescription)")
            }
            // The devices' licence states are not read here (`--dry-run` does that): the counts after are a bound.
            let prompt = RunForecast(operation: operation, deviceIds: toSend, counts: before)
                .confirmPrompt(target: settings.targetDescription, policy: policy)
            guard TTY.confirm(prompt.question, expected: prompt.answer) else {
                await session.close()
                throw CommandFailure(code: ExitStatus.usage, message: "not confirmed; nothing was sent")
            }
        }

        let store = CommandJournal.store(settings)
        let recorder: RunRecorder
        let runId: String
        var mark: (DeviceResult) -> DeviceResult = { $0 }
        do {
            switch journal {
            case .new(let note, let undoes):
                runId = RunId.make()
                let header = RunHeader(runId: runId, account: client.account, baseURL: settings.client.baseURL.absoluteString,
                                       apiVersion: settings.client.apiVersion.rawValue, operation: operation,
                                       profile: settings.profileName, note: note, undoes: undoes)
                recorder = try await RunRecorder.begin(store, header: header, plan: plan)
            case .resume(let resumePlan, let note):
                runId = resumePlan.runId
                recorder = try await RunRecorder.resume(store, runId: runId, devices: resumePlan.devices, note: note) {
                    FileOutput.stderr("warning: \($0)")
                }
                mark = resumePlan.marked
            }
        } catch {
            await session.close()
            // Nothing is sent that could not be recorded.
            throw CommandFailure.usage("\(error); nothing was sent")
        }
        FileOutput.stderr("run \(runId): journal \(recorder.path)")

        let engine = RunEngine(client: client, options: runOptions, hook: recorder)
        let ending = await RunEventPrinter(operation: operation, format: format)
            .show(engine.start(operation, plan: plan, runId: runId), account: client.account, recorder: recorder, mark: mark)
        await session.close()
        let summary = ending.summary

        if let path = resultsFile {
            do {
                let written = try ResultWriter.write(summary, to: path)
                FileOutput.stderr("results written to \(written.joined(separator: " and "))")
            } catch {
                FileOutput.stderr("error: \(error)")
            }
        }
        for line in afterword(summary.results) { FileOutput.stderr(line) }
        if let error = summary.errorDescription { FileOutput.stderr("error: \(error)") }
        if let error = ending.journalError { FileOutput.stderr("error: the run journal could not record the end: \(error)") }
        let pending = summary.results.filter { $0.outcome == .unknown || $0.status == DeviceResult.notSentStatus }.count
        if pending > 0 {
            FileOutput.stderr("\(TextFormat.count(pending, "device")) without a final outcome: tslicense resume \(runId)")
        }
        if let signal = ending.signal { throw CommandFailure(code: 128 + signal, message: "") }
        let code = ExitStatus.code(for: summary)
        if code != ExitStatus.ok { throw CommandFailure(code: code, message: "") }
    }
}
