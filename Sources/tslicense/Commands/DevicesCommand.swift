import ArgumentParser
import Foundation
import ThingSpaceAPI

/// `tslicense devices`: every device of the account with its licence state, streamed page by page.
struct DevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List every device of the account with its licence state.",
        discussion: """
            Rows are printed page by page as they arrive, so a large account starts printing at once. \
            JSON: an array of {"deviceId", "mdn", "make", "model", "firmware", "fotaEligible", \
            "licenseAssigned", "upgradeTime"}. CSV: the same columns with a header line.

            Examples:
              tslicense devices
              tslicense devices --unlicensed --format csv > unlicensed.csv
              tslicense devices --licensed --format json | jq -r '.[].deviceId'
              tslicense devices --format csv > before.csv
              tslicense devices --parallel 4 --since-file before.csv --format csv > now.csv

            With --since-file (a listing read before: one IMEI per line, or a CSV with a deviceId \
            column, as --format csv writes it), the list is read as --parallel ranges at once, each \
            starting at a device of that listing; rows still come out in the account's order. When \
            the server refuses a range, the rest is read one page after another.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Flag(help: "Only devices that have a licence.")
    var licensed = false

    @Flag(help: "Only devices without a licence.")
    var unlicensed = false

    @Option(help: ArgumentHelp("Read the list as this many ranges at once (2...16; needs --since-file).", valueName: "n"))
    var parallel: Int?

    @Option(help: ArgumentHelp("A listing read before (IMEIs one per line, or CSV with a deviceId column): where the ranges start.",
                               valueName: "path"))
    var sinceFile: String?

    func validate() throws {
        if licensed && unlicensed { throw ValidationError("--licensed and --unlicensed exclude each other; give one or neither") }
        if let parallel, !(2...16).contains(parallel) { throw ValidationError("--parallel must be 2...16, got \(parallel)") }
        if parallel != nil && sinceFile == nil {
            throw ValidationError("--parallel needs --since-file: the ranges start at devices of a listing read before")
        }
    }

    /// Where the ranges start: devices of the earlier listing (none: read sequentially).
    func rangeStarts() throws -> [String] {
        guard let sinceFile else { return [] }
        return try SinceFile.rangeStarts(path: sinceFile, ranges: parallel ?? 4)
    }

    func run() async throws {
        let starts = try rangeStarts()
        let settings = try CommandSession.resolve(global.overrides())
        CommandJournal.announceInterrupted(settings)
        let session = try CommandSession.open(settings, forceLogin: global.forceLogin)
        let out = StandardOutput()
        var writer = DeviceListWriter(format: output.format, filter: licensed ? .licensed : unlicensed ? .unlicensed : .all,
                                      charset: TTY.charset)
        let progress = ProgressLine(enabled: TTY.stderrIsTerminal && !TTY.stdoutIsTerminal)
        out.text(writer.opening)
        var pageBytes: [UInt8] = []
        func write(_ devices: [DeviceInfo]) {
            pageBytes.removeAll(keepingCapacity: true)
            writer.write(devices, to: &pageBytes)
            out.bytes(pageBytes)
        }
        do {
            // A retry notice replaces the progress line on a terminal (it is redrawn with the next page).
            let erase = progress.enabled ? "\r\u{1B}[2K" : ""
            let onRetry: RetryObserver = { FileOutput.stderr("\(erase)waiting: \($0.summary)") }
            if starts.isEmpty {
                for try await page in session.client.deviceListPages(onRetry: onRetry) {
                    write(page.devices)
                    progress.update("\(TextFormat.count(writer.seen)) devices read")
                    out.flush()
                }
            } else {
                for try await event in session.client.deviceListRanges(startingAt: starts, onRetry: onRetry) {
                    switch event {
                    case .page(let page):
                        write(page.devices)
                        progress.update("\(TextFormat.count(writer.seen)) devices read")
                        out.flush()
                    case .fellBack(let reason):
                        progress.clear()
                        FileOutput.stderr("note: reading the rest one page after another (\(reason))")
                    }
                }
            }
        } catch {
            progress.clear()
            out.text(writer.closingAfterError)
            out.flush()
            await session.close()
            throw session.failure(error)
        }
        progress.clear()
        await session.close()
        out.text(writer.closing)
        out.flush()
    }
}
