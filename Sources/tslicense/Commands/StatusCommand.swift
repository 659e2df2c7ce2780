import ArgumentParser
import Foundation
import ThingSpaceAPI

/// `tslicense status`: licence total, used and free; `--devices` adds the licensed devices.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the account's licence total, used and free.",
        discussion: """
            JSON: {"account", "total", "used", "free"}, plus "devices": [{"deviceId", "assignmentTime"}] \
            with --devices. CSV: account,total,used,free (with --devices, one row per licensed device \
            and the columns deviceId,assignmentTime added).

            Examples:
              tslicense status
              tslicense status --profile production --format json
              tslicense status --devices --format csv > licensed.csv
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Flag(help: "Also list the licensed devices (reads every page of the licence summary).")
    var devices = false

    func run() async throws {
        let settings = try CommandSession.resolve(global.overrides())
        CommandJournal.announceInterrupted(settings)
        let session = try CommandSession.open(settings, forceLogin: global.forceLogin)
        let client = session.client
        let notice: RetryObserver = { FileOutput.stderr("waiting: \($0.summary)") }
        let (counts, licensed) = try await session.closingOnError { () async throws -> (LicenseCounts, [LicensedDevice]?) in
            guard devices else { return (try await client.licenseCounts(onRetry: notice), nil) }
            let all = try await client.licensedDevices(onRetry: notice)
            return (all.counts, all.devices)
        }
        // The subscription says how the account pays; one that cannot be read is `unknown`.
        let billing = try await session.closingOnError { try await client.billing(onRetry: notice) }
        await session.close()

        var report = StatusReport(account: client.account, host: client.configuration.hostDescription,
                                  counts: counts, billing: billing, devices: licensed, charset: TTY.charset)
        report.apiVersion = client.configuration.apiVersion.rawValue
        let out = StandardOutput()
        out.lines(report.lines(output.format))
        out.flush()
    }
}
