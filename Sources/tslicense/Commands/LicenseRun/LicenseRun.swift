import Foundation
import Settings
import ThingSpaceAPI

/// One assign or remove, from input to exit code: settings, guards, the API's reader and planner,
/// the counts, then a dry run or a confirmed run.
struct LicenseRun {
    let operation: LicenseOperation
    let global: GlobalOptions
    let format: OutputFormat
    let options: LicenseRunOptions

    var verb: String { operation.verb }

    func execute() async throws {
        let settings = try CommandSession.resolve(global.overrides(
            batchSize: options.batchSize, concurrency: options.concurrency, maxDevices: options.maxDevices))
        let policy = settings.limits.policy

        if !options.dryRun {
            do { try policy.checkWritable(operation, target: settings.targetDescription) } catch { throw CommandFailure.usage(error) }
        }

        // Input: read, then planned once with the profile's Luhn policy.
        let input: DeviceInput
        do { input = try IMEIListReader.input(path: options.fromFile, arguments: options.imeis) } catch { throw CommandFailure.usage(error) }
        let plan = RunPlanner.plan(input, luhn: settings.run.luhnPolicy)
        for warning in plan.warnings { FileOutput.stderr("warning: \(warning)") }
        if input.isEmpty {
            throw CommandFailure.usage("\(options.fromFile ?? "the arguments") lists no IMEIs; nothing to \(verb)")
        }
        let problems = plan.problems
        if !problems.isEmpty {
            for problem in problems { FileOutput.stderr(problem.description) }
            if !options.skipInvalid {
                let n = problems.count
                let valid = plan.validCount
                throw CommandFailure.usage("""
                    \(n) invalid \(n == 1 ? "entry" : "entries"); nothing was sent. Fix \(n == 1 ? "it" : "them"), \
                    or give --skip-invalid to \(verb) the \(valid) valid \(valid == 1 ? "one" : "ones").
                    """)
            }
        }
        let toSend = plan.toSend

        do { try policy.checkSize(operation, deviceCount: toSend.count) } catch { throw CommandFailure.usage(error) }

        let runOptions = settings.run
        let devicesText = TextFormat.count(toSend.count, "device")
        FileOutput.stderr("\(verb)\(options.dryRun ? " (dry run)" : ""): \(devicesText); \(settings.targetDescription); "
                          + "API \(settings.client.apiVersion.rawValue)")

        let session = try CommandSession.open(settings)
        let client = session.client

        // Counts first: checks the credentials before anything is asked or sent, and tells the
        // operator where the account stands.
        var before: LicenseCounts?
        if !toSend.isEmpty { before = try await session.closingOnError { try await client.licenseCounts() } }

        // An event-based account needs no licences: assigning sends nothing unless --force says so.
        if operation == .assign, !toSend.isEmpty, !options.force,
           try await session.closingOnError({ try await client.billing() }) == .event {
            await session.close()
            throw CommandFailure.usage("""
                account \(client.account) is event-based (TS-HFOTA-EVNT): its firmware upgrades are billed per event \
                and need no licence, so nothing was sent. Give --force to assign licences anyway.
                """)
        }

        if options.dryRun {
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

        if !toSend.isEmpty && !options.yes {
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

        let engine = RunEngine(client: client, options: runOptions)
        let summary = await RunEventPrinter(operation: operation, format: format).show(engine.start(operation, plan: plan),
                                                                                      account: client.account)
        await session.close()

        if let path = options.resultsFile {
            do {
                let written = try ResultWriter.write(summary, to: path)
                FileOutput.stderr("results written to \(written.joined(separator: " and "))")
            } catch {
                FileOutput.stderr("error: \(error)")
            }
        }
        if let error = summary.errorDescription { FileOutput.stderr("error: \(error)") }
        let code = ExitStatus.code(for: summary)
        if code != ExitStatus.ok { throw CommandFailure(code: code, message: "") }
    }
}
