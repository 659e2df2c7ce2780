import ArgumentParser
import ThingSpaceAPI

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

    @Option(help: ArgumentHelp("Devices per request, \(RunOptions.batchSizeRange) (default: the profile, then 100).",
                               valueName: "n"))
    var batchSize: Int?

    @Option(help: ArgumentHelp("Requests in flight at most, \(RunOptions.concurrencyRange) (default: the profile, then 2).",
                               valueName: "n"))
    var concurrency: Int?

    @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation (required without a terminal).")
    var yes = false

    @Flag(help: "assign: send even when the account is event-based (its upgrades need no licence).")
    var force = false

    @Option(help: ArgumentHelp("Refuse to run on more than this many devices (default: the profile's max_devices).",
                               valueName: "n"))
    var maxDevices: Int?

    @Option(name: .customLong("output"),
            help: ArgumentHelp("Also write the results to this file: .csv (plus a .summary.csv) or JSON.", valueName: "path"))
    var resultsFile: String?

    @Option(help: ArgumentHelp("A note kept with the run in its journal (tslicense history show).", valueName: "text"))
    var note: String?

    init() {}

    func check() throws {
        if !imeis.isEmpty && fromFile != nil {
            throw ValidationError("give IMEIs as arguments or --from-file, not both")
        }
        if imeis.isEmpty && fromFile == nil {
            throw ValidationError("no devices: give IMEIs as arguments or --from-file PATH (- for stdin)")
        }
        if let batchSize, let problem = RunOptions.batchSizeProblem(batchSize, name: "--batch-size") {
            throw ValidationError(problem)
        }
        if let concurrency, let problem = RunOptions.concurrencyProblem(concurrency, name: "--concurrency") {
            throw ValidationError(problem)
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
            progress goes to stderr when stderr is a terminal. A batch whose answer was lost is sent \
            again at once, twice at most. Three connection failures in a row mean the host is down: \
            the run stops, devices not sent are skipped (NotSent). Ctrl-C stops at once everything \
            not yet sent (the batches in flight finish); a second Ctrl-C cancels those (their devices \
            end unknown). SIGHUP and SIGTERM stop the same way, give the batches in flight 5 s, record \
            the run and exit 129 / 143. Every run is recorded in $XDG_STATE_HOME/tslicense/runs/ \
            (tslicense history; tslicense resume RUN finishes a stopped or interrupted one).

            JSON: {"account", "total", "used", "countsCurrent", "results": [{"deviceId", "status", \
            "reason", "outcome", "attempts", "earlierAttemptUnanswered"}], "summary": {...}}. CSV: \
            deviceId,status,reason,outcome,attempts. Outcomes: success, alreadyLicensed, notLicensed, \
            failed, unknown (NoAnswer: sent, never answered), skipped.

            Exit codes: 0 every device sent ended success, alreadyLicensed or notLicensed; 1 some \
            failed, got no answer or were left unsent; 2 usage or input error; 3 authentication \
            error; 4 API or network error before any device result; 129 / 143 stopped by SIGHUP / SIGTERM.

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
