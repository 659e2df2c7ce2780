import Foundation
import ThingSpaceAPI

/// `--dry-run`: reads which devices hold a licence, prints the API's forecast of the run, sends nothing.
struct DryRun {
    let operation: LicenseOperation
    let format: OutputFormat
    let client: ThingSpaceClient

    struct Device: Encodable {
        var deviceId: String
        var licensedNow: Bool
        var licensedAfter: Bool
        var action: String
    }

    struct JSON: Encodable {
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
        var devices: [Device]
        var skipped: [DeviceResult]
    }

    /// The forecast of sending `plan`, with every device's licence state read from the account.
    func forecast(_ plan: DevicePlan, counts: LicenseCounts?) async throws(ThingSpaceError) -> RunForecast {
        let toSend = plan.toSend
        var licensed = Set<String>()
        if !toSend.isEmpty {
            let wanted = Set(toSend)
            for try await page in client.licenseSummaryPages() {
                for d in page.licensedDevices where wanted.contains(d.deviceId) { licensed.insert(d.deviceId) }
            }
        }
        return RunForecast(operation: operation,
                           devices: toSend.map { RunForecast.Device(id: $0, licensedNow: licensed.contains($0)) },
                           counts: counts ?? LicenseCounts(total: 0, used: 0))
    }

    func run(plan: DevicePlan, counts: LicenseCounts?, batchSize: Int) async throws(ThingSpaceError) {
        let forecast = try await forecast(plan, counts: counts)
        let now = forecast.counts ?? LicenseCounts(total: 0, used: 0)
        let after = forecast.countsAfter() ?? now
        let devices = forecast.devices.map { d -> Device in
            Device(deviceId: d.id, licensedNow: d.licensedNow ?? false, licensedAfter: forecast.licensedAfter,
                   action: forecast.changes(d) ? operation.verb : "none")
        }
        let skipped = plan.skipped
        let batches = RunPlanner.batches(plan.toSend, size: batchSize).count

        let out = StandardOutput()
        switch format {
        case .json:
            out.line(TextFormat.json(JSON(
                account: client.account, operation: operation.rawValue, total: now.total, used: now.used,
                free: now.free, usedAfter: after.used, freeAfter: after.free, batchSize: batchSize,
                batches: batches, devices: devices, skipped: skipped)))
        case .csv:
            out.line(TextFormat.csv(["deviceId", "licensedNow", "licensedAfter", "action"]))
            for d in devices {
                out.line(TextFormat.csv([d.deviceId, String(d.licensedNow), String(d.licensedAfter), d.action]))
            }
            for s in skipped { out.line(TextFormat.csv([s.deviceId, "", "", "skip"])) }
        case .table:
            out.line("dry run: nothing is sent")
            out.line("would \(operation.verb) \(TextFormat.count(devices.count)) devices in \(batches) request\(batches == 1 ? "" : "s") of up to \(batchSize):")
            for line in TextFormat.table([["DEVICE ID", "NOW", "AFTER", "ACTION"]] + devices.map {
                [$0.deviceId, $0.licensedNow ? "licensed" : "unlicensed", $0.licensedAfter ? "licensed" : "unlicensed",
                 $0.action == "none" ? "no change" : $0.action]
            }) { out.line(line) }
            for s in skipped { out.line("skipped  \(s.deviceId.isEmpty ? "-" : s.deviceId)  \(s.reason)") }
            out.line("licences now:   \(TextFormat.count(now.used)) of \(TextFormat.count(now.total)) used, \(TextFormat.count(now.free)) free")
            out.line("licences after: \(TextFormat.count(after.used)) of \(TextFormat.count(after.total)) used, \(TextFormat.count(after.free)) free")
        }
        out.flush()
        if forecast.excess > 0 {
            FileOutput.stderr("warning: \(forecast.changing) licences needed but only \(now.free) free; \(forecast.excess) devices would fail")
        }
    }
}
