import ArgumentParser
import RunJournal
import Settings
import ThingSpaceAPI

/// What resume and undo take besides the run: the same run shape, guards and confirmation as
/// assign and remove.
struct FollowUpOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The run id (tslicense history lists them).", valueName: "run"))
    var runId: String

    @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation (required without a terminal).")
    var yes = false

    @Flag(help: "Print what would be sent and the licence counts after; send nothing.")
    var dryRun = false

    @Flag(help: "assign: send even when the account is event-based (its upgrades need no licence).")
    var force = false

    @Option(help: ArgumentHelp("Devices per request, \(RunOptions.batchSizeRange) (default: the profile, then 100).",
                               valueName: "n"))
    var batchSize: Int?

    @Option(help: ArgumentHelp("Requests in flight at most, \(RunOptions.concurrencyRange) (default: the profile, then 2).",
                               valueName: "n"))
    var concurrency: Int?

    @Option(help: ArgumentHelp("Refuse to run on more than this many devices (default: the profile's max_devices).",
                               valueName: "n"))
    var maxDevices: Int?

    @Option(name: .customLong("output"),
            help: ArgumentHelp("Also write the results to this file: .csv (plus a .summary.csv) or JSON.", valueName: "path"))
    var resultsFile: String?

    @Option(help: ArgumentHelp("A note kept with this run in the journal.", valueName: "text"))
    var note: String?

    init() {}

    func check() throws {
        if !JournalStore.isPlainRunId(runId) { throw ValidationError("\(runId.debugDescription) is not a run id") }
        if let batchSize, let problem = RunOptions.batchSizeProblem(batchSize, name: "--batch-size") {
            throw ValidationError(problem)
        }
        if let concurrency, let problem = RunOptions.concurrencyProblem(concurrency, name: "--concurrency") {
            throw ValidationError(problem)
        }
        if let maxDevices, maxDevices < 1 { throw ValidationError("--max-devices must be at least 1, got \(maxDevices)") }
    }

    /// The sender for `operation` on `devices`, with these options.
    func sender(_ operation: LicenseOperation, settings: ResolvedSettings, devices: [String], format: OutputFormat,
                forceLogin: Bool) -> RunSender {
        var sender = RunSender(operation: operation, settings: settings,
                               plan: RunPlanner.plan(deviceIds: devices, luhn: .ignore), format: format)
        sender.yes = yes
        sender.force = force
        sender.dryRun = dryRun
        sender.resultsFile = resultsFile
        sender.forceLogin = forceLogin
        return sender
    }
}
