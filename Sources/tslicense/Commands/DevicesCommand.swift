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
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Flag(help: "Only devices that have a licence.")
    var licensed = false

    @Flag(help: "Only devices without a licence.")
    var unlicensed = false

    func validate() throws {
        if licensed && unlicensed { throw ValidationError("--licensed and --unlicensed exclude each other; give one or neither") }
    }

    func run() async throws {
        let settings = try CommandSession.resolve(global.overrides())
        CommandJournal.announceInterrupted(settings)
        let session = try CommandSession.open(settings, forceLogin: global.forceLogin)
        let out = StandardOutput()
        var writer = DeviceListWriter(format: output.format, filter: licensed ? .licensed : unlicensed ? .unlicensed : .all,
                                      charset: TTY.charset)
        let progress = ProgressLine(enabled: TTY.stderrIsTerminal && !TTY.stdoutIsTerminal)
        out.text(writer.opening)
        do {
            // A retry notice replaces the progress line on a terminal (it is redrawn with the next page).
            let erase = progress.enabled ? "\r\u{1B}[2K" : ""
            for try await page in session.client.deviceListPages(onRetry: { FileOutput.stderr("\(erase)waiting: \($0.summary)") }) {
                out.text(writer.write(page.devices))
                progress.update("\(TextFormat.count(writer.seen)) devices read")
                out.flush()
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
