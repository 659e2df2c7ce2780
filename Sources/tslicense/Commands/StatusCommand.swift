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

    struct StatusJSON: Encodable {
        var account: String
        var total: Int
        var used: Int
        var free: Int
        var devices: [Licensed]?
    }

    struct Licensed: Encodable {
        var deviceId: String
        var assignmentTime: String?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(deviceId, forKey: .deviceId)
            try c.encode(assignmentTime, forKey: .assignmentTime)   // null when absent, never missing
        }
        enum CodingKeys: String, CodingKey { case deviceId, assignmentTime }
    }

    func run() async throws {
        let session = try CommandSession.open(global.overrides())
        let client = session.client
        var counts: LicenseCounts
        var licensed: [Licensed] = []
        do {
            if devices {
                var first: LicenseCounts?
                for try await page in client.licenseSummaryPages() {
                    if first == nil { first = page.counts }
                    licensed += page.licensedDevices.map { Licensed(deviceId: $0.deviceId, assignmentTime: $0.assignmentTime) }
                }
                counts = first ?? LicenseCounts(total: 0, used: 0)
            } else {
                counts = try await client.licenseCounts()
            }
        } catch {
            await session.close()
            throw session.failure(error)
        }
        await session.close()

        let out = StandardOutput()
        let account = client.account
        switch output.format {
        case .json:
            out.line(TextFormat.json(StatusJSON(account: account, total: counts.total, used: counts.used, free: counts.free,
                                                devices: devices ? licensed : nil)))
        case .csv:
            if devices {
                out.line(TextFormat.csv(["account", "total", "used", "free", "deviceId", "assignmentTime"]))
                let head = [account, String(counts.total), String(counts.used), String(counts.free)]
                for d in licensed { out.line(TextFormat.csv(head + [d.deviceId, d.assignmentTime ?? ""])) }
            } else {
                out.line(TextFormat.csv(["account", "total", "used", "free"]))
                out.line(TextFormat.csv([account, String(counts.total), String(counts.used), String(counts.free)]))
            }
        case .table:
            for line in TextFormat.table([
                ["account", account],
                ["host", client.configuration.hostDescription],
                ["total", TextFormat.count(counts.total)],
                ["used", "\(TextFormat.count(counts.used)) (\(TextFormat.percent(counts.used, of: counts.total)))"],
                ["free", TextFormat.count(counts.free)],
            ]) { out.line(line) }
            if devices {
                out.line("")
                if licensed.isEmpty {
                    out.line("no licensed devices")
                } else {
                    for line in TextFormat.table([["DEVICE ID", "ASSIGNED"]] + licensed.map { [$0.deviceId, $0.assignmentTime ?? "-"] }) {
                        out.line(line)
                    }
                }
            }
        }
        out.flush()
    }
}
