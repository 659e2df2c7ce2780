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
            do throws(RunRefusal) {
                try policy.checkWritable(operation, target: settings.targetDescription)
            } catch {
                throw CommandFailure(code: ExitStatus.usage, message: "error: \(error)")
            }
        }

        // Input: read, then planned once with the profile's Luhn policy.
        let input: DeviceInput
        if let path = options.fromFile {
            do throws(ThingSpaceError) {
                input = try IMEIListReader.input(path: path)
            } catch {
                throw CommandFailure(code: ExitStatus.usage, message: "error: \(error.description)")
            }
        } else {
            input = IMEIListReader.input(arguments: options.imeis)
        }
        let plan = RunPlanner.plan(input, luhn: settings.run.luhnPolicy)
        for warning in plan.warnings { FileOutput.stderr("warning: \(warning)") }
        if input.isEmpty {
            throw CommandFailure(code: ExitStatus.usage, message: "error: \(options.fromFile ?? "the arguments") lists no IMEIs; nothing to \(verb)")
        }
        let problems = plan.problems
        if !problems.isEmpty {
            for problem in problems { FileOutput.stderr(problem.description) }
            if !options.skipInvalid {
                let n = problems.count
                let valid = plan.validCount
                throw CommandFailure(code: ExitStatus.usage, message: """
                    error: \(n) invalid \(n == 1 ? "entry" : "entries"); nothing was sent. Fix \(n == 1 ? "it" : "them"), \
                    or give --skip-invalid to \(verb) the \(valid) valid \(valid == 1 ? "one" : "ones").
                    """)
            }
        }
        let toSend = plan.toSend

        do throws(RunRefusal) {
            try policy.checkSize(operation, deviceCount: toSend.count)
        } catch {
            throw CommandFailure(code: ExitStatus.usage, message: "error: \(error)")
        }

        let runOptions = settings.run
        let batchSize = runOptions.batchSize
        let devicesText = "\(TextFormat.count(toSend.count)) device\(toSend.count == 1 ? "" : "s")"
        FileOutput.stderr("\(verb)\(options.dryRun ? " (dry run)" : ""): \(devicesText); \(settings.targetDescription)")

        let session = try CommandSession.open(settings)
        let client = session.client

        // Counts first: checks the credentials before anything is asked or sent, and tells the
        // operator where the account stands.
        var before: LicenseCounts?
        if !toSend.isEmpty {
            do {
                before = try await client.licenseCounts()
            } catch {
                await session.close()
                throw session.failure(error)
            }
        }

        if options.dryRun {
            do {
                try await DryRun(operation: operation, format: format, client: client)
                    .run(plan: plan, counts: before, batchSize: batchSize)
            } catch {
                await session.close()
                throw session.failure(error)
            }
            await session.close()
            return
        }

        if !toSend.isEmpty && !options.yes {
            guard TTY.stdinIsTerminal && TTY.stderrIsTerminal else {
                await session.close()
                throw CommandFailure(code: ExitStatus.usage, message: """
                    error: no terminal to confirm on: add --yes to \(verb) \(devicesText) on \(settings.targetDescription)
                    """)
            }
            let forecast = RunForecast(operation: operation, deviceIds: toSend, counts: before)
            guard confirm(forecast, policy: policy, target: settings.targetDescription) else {
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
        if let fatal = summary.fatalError { FileOutput.stderr("error: \(fatal.description)") }
        let code = ExitCodes.code(for: summary)
        if code != ExitStatus.ok { throw CommandFailure(code: code, message: "") }
    }

    /// Asks on the terminal; above the policy's threshold the device count must be typed.
    /// The licence states of the devices are not read here (`--dry-run` does that), so the
    /// forecast counts every device as changing: the counts after are a bound.
    func confirm(_ forecast: RunForecast, policy: RunPolicy, target: String) -> Bool {
        let n = forecast.devices.count
        let devicesText = "\(TextFormat.count(n)) device\(n == 1 ? "" : "s")"
        var question = "\(verb == "assign" ? "Assign licences to" : "Remove licences from") \(devicesText)\n"
        question += "  \(target)\n"
        if let before = forecast.counts, let after = forecast.countsAfter() {
            question += "  licences now: \(TextFormat.count(before.used)) of \(TextFormat.count(before.total)) used, \(TextFormat.count(before.free)) free\n"
            question += "  licences after: \(operation == .assign ? "at most" : "at least") \(TextFormat.count(after.used)) of "
                + "\(TextFormat.count(after.total)) used (devices already \(operation == .assign ? "licensed" : "without one") do not change)\n"
            if forecast.excess > 0 {
                question += "  ! up to \(TextFormat.count(forecast.excess)) more than the free licences: those would fail (--dry-run shows which)\n"
            }
        }
        if policy.needsTypedCount(n) {
            return TTY.confirm(question + "Type the number of devices (\(n)) to proceed: ", expected: String(n))
        }
        return TTY.confirm(question + "Proceed? [y/N] ")
    }
}
