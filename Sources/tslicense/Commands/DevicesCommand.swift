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

    struct DeviceJSON: Encodable {
        var device: DeviceInfo
        enum CodingKeys: String, CodingKey {
            case deviceId, mdn, make, model, firmware, fotaEligible, licenseAssigned, upgradeTime
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(device.deviceId, forKey: .deviceId)
            try c.encode(device.mdn, forKey: .mdn)
            try c.encode(device.make, forKey: .make)
            try c.encode(device.model, forKey: .model)
            try c.encode(device.firmware, forKey: .firmware)
            try c.encode(device.fotaEligible, forKey: .fotaEligible)
            try c.encode(device.licenseAssigned, forKey: .licenseAssigned)
            try c.encode(device.upgradeTime, forKey: .upgradeTime)
        }
    }

    static let csvHeader = ["deviceId", "mdn", "make", "model", "firmware", "fotaEligible", "licenseAssigned", "upgradeTime"]

    func run() async throws {
        let session = try CommandSession.open(global.overrides())
        let out = StandardOutput()
        let format = output.format
        var shown = 0
        var seen = 0
        let progress = ProgressLine(enabled: TTY.stderrIsTerminal && !TTY.stdoutIsTerminal)

        switch format {
        case .json: out.text("[")
        case .csv: out.line(TextFormat.csv(Self.csvHeader))
        case .table: break
        }
        do {
            for try await page in session.client.deviceListPages() {
                seen += page.devices.count
                for device in page.devices {
                    if licensed && !device.licenseAssigned { continue }
                    if unlicensed && device.licenseAssigned { continue }
                    switch format {
                    case .json:
                        out.text((shown == 0 ? "\n  " : ",\n  ") + TextFormat.json(DeviceJSON(device: device), pretty: false))
                    case .csv:
                        out.line(TextFormat.csv([device.deviceId, device.mdn, device.make, device.model, device.firmware,
                                                 String(device.fotaEligible), String(device.licenseAssigned),
                                                 device.upgradeTime ?? ""]))
                    case .table:
                        if shown == 0 { out.line(Self.tableRow(["DEVICE ID", "MDN", "MAKE", "MODEL", "FIRMWARE", "LICENCE"])) }
                        out.line(Self.tableRow([device.deviceId, device.mdn, device.make, device.model, device.firmware,
                                                device.licenseAssigned ? "yes" : "no"]))
                    }
                    shown += 1
                }
                progress.update("\(TextFormat.count(seen)) devices read")
                out.flush()
            }
        } catch {
            progress.clear()
            if format == .json { out.text("\n]\n") }
            out.flush()
            await session.close()
            throw session.failure(error)
        }
        progress.clear()
        await session.close()
        switch format {
        case .json: out.text(shown == 0 ? "]\n" : "\n]\n")
        case .csv: break
        case .table:
            if shown == 0 { out.line("no devices") }
            let filter = licensed ? " licensed" : unlicensed ? " unlicensed" : ""
            out.line("\(TextFormat.count(shown))\(filter) of \(TextFormat.count(seen)) devices")
        }
        out.flush()
    }

    /// Fixed columns, so rows can be printed before the whole list is known.
    static let widths = [15, 12, 14, 18, 22]
    static func tableRow(_ cells: [String]) -> String {
        (cells.enumerated().map { i, cell in i < widths.count ? TextFormat.pad(cell, widths[i]) : TextFormat.clean(cell) })
            .joined(separator: "  ").trimmingTrailingSpaces()
    }
}
