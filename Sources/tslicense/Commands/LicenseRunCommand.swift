import ArgumentParser
import Dispatch
import Foundation
import Settings
import ThingSpaceAPI

/// `tslicense assign`: give FOTA licences to devices.
struct AssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign FOTA licences to devices.",
        discussion: LicenseRunOptions.discussion(.assign))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var runOptions: LicenseRunOptions

    func validate() throws { try runOptions.check() }

    func run() async throws {
        try await LicenseRun(operation: .assign, global: global, format: output.format, options: runOptions).execute()
    }
}

/// `tslicense remove`: take FOTA licences back from devices.
struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove FOTA licences from devices.",
        discussion: LicenseRunOptions.discussion(.remove))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var runOptions: LicenseRunOptions

    func validate() throws { try runOptions.check() }

    func run() async throws {
        try await LicenseRun(operation: .remove, global: global, format: output.format, options: runOptions).execute()
    }
}

/// What assign and remove share.
struct LicenseRunOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("IMEIs (15 digits each).", valueName: "imei"))
    var imeis: [String] = []

    @Option(name: .customLong("from-file"),
            help: ArgumentHelp("Read IMEIs from a file: one per line, or CSV with an imei or deviceId column; - for stdin.",
                               valueName: "path"))
    var fromFile: String?

    @Flag(help: "Send the valid devices and report invalid lines as skipped (default: send nothing while any line is invalid).")
    var skipInvalid = false

    @Flag(help: "Print what would be sent and the licence counts after; send nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Devices per request, 1...1000 (default: the profile, then 100).", valueName: "n"))
    var batchSize: Int?

    @Option(help: ArgumentHelp("Requests in flight at most, 1...64 (default: the profile, then 2).", valueName: "n"))
    var concurrency: Int?

    @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation (required without a terminal).")
    var yes = false

    @Option(help: ArgumentHelp("Refuse to run on more than this many devices (default: the profile's max_devices).",
                               valueName: "n"))
    var maxDevices: Int?

    @Option(name: .customLong("output"),
            help: ArgumentHelp("Also write the results to this file: .csv (plus a .summary.csv) or JSON.", valueName: "path"))
    var resultsFile: String?

    init() {}

    func check() throws {
        if !imeis.isEmpty && fromFile != nil {
            throw ValidationError("give IMEIs as arguments or --from-file, not both")
        }
        if imeis.isEmpty && fromFile == nil {
            throw ValidationError("no devices: give IMEIs as arguments or --from-file PATH (- for stdin)")
        }
        if let batchSize, !(1...1000).contains(batchSize) {
            throw ValidationError("--batch-size must be 1...1000, got \(batchSize)")
        }
        if let concurrency, !(1...64).contains(concurrency) {
            throw ValidationError("--concurrency must be 1...64, got \(concurrency)")
        }
        if let maxDevices, maxDevices < 1 {
            throw ValidationError("--max-devices must be at least 1, got \(maxDevices)")
        }
    }

    static func discussion(_ op: LicenseOperation) -> String {
        let verb = op.verb
        return """
            Invalid entries are all reported as WHERE:LINE: reason and nothing is sent, unless \
            --skip-invalid is given (they are then reported as skipped and do not change the exit \
            code). Duplicates are sent once. On a terminal the command asks for confirmation, naming the \
            account, host and device count; without a terminal it needs --yes. The account and host \
            are printed on stderr. In table output each device's line is printed as its batch returns; \
            progress goes to stderr when stderr is a terminal. Ctrl-C stops sending new batches (the \
            ones in flight finish); a second Ctrl-C cancels them.

            JSON: {"account", "total", "used", "results": [{"deviceId", "status", "reason", "outcome"}], \
            "summary": {...}}. CSV: deviceId,status,reason,outcome. Outcomes: success, alreadyLicensed, \
            notLicensed, failed, skipped.

            Exit codes: 0 every device sent ended success, alreadyLicensed or notLicensed; 1 some \
            failed or were left unsent; 2 usage or input error; 3 authentication error; 4 API or \
            network error before any device result.

            Examples:
              tslicense \(verb) 352099001761481 352099001761482
              tslicense \(verb) --from-file imeis.txt --dry-run
              tslicense \(verb) --from-file devices.csv --yes --format json > out.json
              cut -d, -f1 list.csv | tslicense \(verb) --from-file - --yes --skip-invalid
              tslicense \(verb) --profile production --from-file ids.txt --max-devices 500
              tslicense \(verb) --from-file ids.txt --batch-size 50 --concurrency 4
            """
    }
}

/// One assign or remove, from input to exit code.
struct LicenseRun {
    let operation: LicenseOperation
    let global: GlobalOptions
    let format: OutputFormat
    let options: LicenseRunOptions

    var verb: String { operation.verb }

    func execute() async throws {
        let settings = try CommandSession.resolve(global.overrides(
            batchSize: options.batchSize, concurrency: options.concurrency, maxDevices: options.maxDevices))

        if settings.limits.readonly && !options.dryRun {
            let why = settings.limits.readonlyReason
            throw CommandFailure(code: ExitStatus.usage, message: """
                error: refused: \(why); \(verb) changes licences on \(settings.targetDescription). Nothing was sent.
                """)
        }

        // Input.
        let luhn = settings.run.luhnPolicy
        let input: DeviceInput
        if let path = options.fromFile {
            input = try DeviceInput.fromFile(path, luhn: luhn)
        } else {
            input = DeviceInput.fromArguments(options.imeis, luhn: luhn)
        }
        for warning in input.warnings { FileOutput.stderr("warning: \(warning)") }
        if input.isEmpty {
            throw CommandFailure(code: ExitStatus.usage, message: "error: \(options.fromFile ?? "the arguments") lists no IMEIs; nothing to \(verb)")
        }
        if !input.problems.isEmpty {
            for problem in input.problems { FileOutput.stderr(problem.text) }
            if !options.skipInvalid {
                let n = input.problems.count
                throw CommandFailure(code: ExitStatus.usage, message: """
                    error: \(n) invalid \(n == 1 ? "entry" : "entries"); nothing was sent. Fix \(n == 1 ? "it" : "them"), \
                    or give --skip-invalid to \(verb) the \(input.entries.count) valid \(input.entries.count == 1 ? "one" : "ones").
                    """)
            }
        }
        let deviceIds = input.entries.map(\.imei)
        let toSend = RunPlanner.prepare(deviceIds, luhn: luhn).toSend

        // Guards.
        let batchSize = settings.run.batchSize
        let concurrency = settings.run.concurrency
        if let limit = settings.limits.maxDevices, toSend.count > limit {
            let from = settings.limits.maxDevicesSource
            throw CommandFailure(code: ExitStatus.usage, message: """
                error: refused: \(TextFormat.count(toSend.count)) devices to \(verb), more than \(TextFormat.count(limit)) \
                (\(from)). Nothing was sent; split the list or raise the limit.
                """)
        }

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
                try await dryRun(client: client, input: input, toSend: toSend, counts: before, batchSize: batchSize)
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
            var question = "\(verb == "assign" ? "Assign licences to" : "Remove licences from") \(devicesText)\n"
            question += "  \(settings.targetDescription)\n"
            if let before {
                question += "  licences now: \(TextFormat.count(before.used)) of \(TextFormat.count(before.total)) used, \(TextFormat.count(before.free)) free\n"
            }
            let confirmed: Bool
            if toSend.count > 1000 {
                confirmed = TTY.confirm(question + "Type the number of devices (\(toSend.count)) to proceed: ",
                                             expected: String(toSend.count))
            } else {
                confirmed = TTY.confirm(question + "Proceed? [y/N] ")
            }
            guard confirmed else {
                await session.close()
                throw CommandFailure(code: ExitStatus.usage, message: "not confirmed; nothing was sent")
            }
        }

        let summary = await send(client: client, deviceIds: deviceIds, input: input, batchSize: batchSize,
                                 concurrency: concurrency, luhn: luhn)
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

    // MARK: The run

    func send(client: ThingSpaceClient, deviceIds: [String], input: DeviceInput, batchSize: Int, concurrency: Int,
              luhn: IMEI.LuhnPolicy) async -> RunSummary {
        let engine = RunEngine(client: client, options: RunOptions(batchSize: batchSize, concurrency: concurrency, luhnPolicy: luhn))
        let run = engine.start(operation, deviceIds: deviceIds)
        let interrupts = Interrupts(run: run)
        defer { interrupts.cancel() }

        let out = StandardOutput()
        let progress = ProgressLine()
        let table = format == .table
        if table {
            out.line(Self.row(["DEVICE ID", "OUTCOME", "STATUS", "REASON"]))
            for (_, r) in input.skippedResults { out.line(Self.row(r)) }
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

        var summary = final ?? RunSummary(runId: run.id, operation: operation, account: client.account, results: [],
                                          unsent: [], elapsedMs: 0, counts: nil, stopped: false, fatalError: nil)
        summary.results = input.merged(summary.results)

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

    // MARK: Dry run

    struct DryRunDevice: Encodable {
        var deviceId: String
        var licensedNow: Bool
        var licensedAfter: Bool
        var action: String
    }

    struct DryRunJSON: Encodable {
        var account: String
        var operation: String
        var dryRun = true
        var total: Int
        var used: Int
        var free: Int
        var usedAfter: Int
        var freeAfter: Int
        var batchSize: Int
        var batches: Int
        var devices: [DryRunDevice]
        var skipped: [DeviceResult]
    }

    func dryRun(client: ThingSpaceClient, input: DeviceInput, toSend: [String], counts: LicenseCounts?,
                batchSize: Int) async throws {
        var licensed = Set<String>()
        if !toSend.isEmpty {
            let wanted = Set(toSend)
            for try await page in client.licenseSummaryPages() {
                for d in page.licensedDevices where wanted.contains(d.deviceId) { licensed.insert(d.deviceId) }
            }
        }
        let counts = counts ?? LicenseCounts(total: 0, used: 0)
        let devices = toSend.map { id -> DryRunDevice in
            let now = licensed.contains(id)
            let after = operation == .assign ? true : false
            return DryRunDevice(deviceId: id, licensedNow: now, licensedAfter: after,
                                action: now == after ? "none" : operation.verb)
        }
        let changing = devices.filter { $0.action != "none" }.count
        let usedAfter = operation == .assign ? counts.used + changing : max(0, counts.used - changing)
        let freeAfter = max(0, counts.total - usedAfter)
        let planSkips = RunPlanner.prepare(input.entries.map(\.imei), luhn: client.configuration.luhnPolicy).skipped
        let skipped = input.skippedResults.map(\.result) + planSkips
        let batches = RunPlanner.batches(toSend, size: batchSize).count
        let short = operation == .assign && usedAfter > counts.total ? usedAfter - counts.total : 0

        let out = StandardOutput()
        switch format {
        case .json:
            out.line(TextFormat.json(DryRunJSON(
                account: client.account, operation: operation.rawValue, total: counts.total, used: counts.used,
                free: counts.free, usedAfter: min(usedAfter, counts.total), freeAfter: freeAfter, batchSize: batchSize,
                batches: batches, devices: devices, skipped: skipped)))
        case .csv:
            out.line(TextFormat.csv(["deviceId", "licensedNow", "licensedAfter", "action"]))
            for d in devices {
                out.line(TextFormat.csv([d.deviceId, String(d.licensedNow), String(d.licensedAfter), d.action]))
            }
            for s in skipped { out.line(TextFormat.csv([s.deviceId, "", "", "skip"])) }
        case .table:
            out.line("dry run: nothing is sent")
            out.line("would \(operation.verb) \(TextFormat.count(toSend.count)) devices in \(batches) request\(batches == 1 ? "" : "s") of up to \(batchSize):")
            for line in TextFormat.table([["DEVICE ID", "NOW", "AFTER", "ACTION"]] + devices.map {
                [$0.deviceId, $0.licensedNow ? "licensed" : "unlicensed", $0.licensedAfter ? "licensed" : "unlicensed",
                 $0.action == "none" ? "no change" : $0.action]
            }) { out.line(line) }
            for s in skipped { out.line("skipped  \(s.deviceId.isEmpty ? "-" : s.deviceId)  \(s.reason)") }
            out.line("licences now:   \(TextFormat.count(counts.used)) of \(TextFormat.count(counts.total)) used, \(TextFormat.count(counts.free)) free")
            out.line("licences after: \(TextFormat.count(min(usedAfter, counts.total))) of \(TextFormat.count(counts.total)) used, \(TextFormat.count(freeAfter)) free")
        }
        out.flush()
        if short > 0 {
            FileOutput.stderr("warning: \(changing) licences needed but only \(counts.free) free; \(short) devices would fail")
        }
    }
}

/// Ctrl-C during a run: the first stops new batches (those in flight finish), the second cancels.
final class Interrupts {
    private let sources: [any DispatchSourceSignal]

    init(run: Run) {
        let queue = DispatchQueue(label: "tslicense.run.interrupts")
        let count = InterruptCount()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if count.next() == 1 {
                    FileOutput.stderr("\nstopping: no new batches; waiting for those in flight (again to cancel them)")
                    run.stop()
                } else {
                    FileOutput.stderr("\ncancelling the batches in flight")
                    run.cancel()
                }
            }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// Touched only on the interrupts' serial queue.
private final class InterruptCount: @unchecked Sendable {
    private var value = 0
    func next() -> Int {
        value += 1
        return value
    }
}
