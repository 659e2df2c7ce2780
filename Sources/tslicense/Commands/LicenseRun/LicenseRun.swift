import Foundation
import Settings
import ThingSpaceAPI

/// One assign or remove, from input to exit code: settings, guards, the API's reader and planner,
/// then `RunSender` (the counts, a dry run or a confirmed, journaled run).
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
        CommandJournal.announceInterrupted(settings)

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
        var sender = RunSender(operation: operation, settings: settings, plan: plan, format: format)
        sender.yes = options.yes
        sender.force = options.force
        sender.dryRun = options.dryRun
        sender.resultsFile = options.resultsFile
        sender.journal = .new(note: options.note, undoes: nil)
        sender.forceLogin = global.forceLogin
        try await sender.send()
    }
}
