/// `--dry-run`: what a run would do, as table, JSON or CSV. Nothing is sent.
/// JSON: `{"account", "operation", "dryRun", "total", "used", "free", "usedAfter", "freeAfter",
/// "batchSize", "batches", "devices": [{"deviceId", "licensedNow", "licensedAfter", "action"}],
/// "skipped": [...]}`. CSV: `deviceId,licensedNow,licensedAfter,action`, skipped entries as `skip`.
public struct DryRunReport: Sendable {
    public var account: String
    /// The forecast, with every device's licence state read from the account.
    public var forecast: RunForecast
    /// The entries that would never be sent (invalid, duplicates).
    public var skipped: [DeviceResult]
    public var batchSize: Int

    public init(account: String, forecast: RunForecast, skipped: [DeviceResult], batchSize: Int) {
        self.account = account
        self.forecast = forecast
        self.skipped = skipped
        self.batchSize = batchSize
    }

    /// One device and what the run would do to it.
    struct Device: Encodable {
        var deviceId: String
        var licensedNow: Bool
        var licensedAfter: Bool
        /// The operation's verb, or `none`.
        var action: String
    }

    var operation: LicenseOperation { forecast.operation }
    var now: LicenseCounts { forecast.counts ?? LicenseCounts(total: 0, used: 0) }
    var after: LicenseCounts { forecast.countsAfter() ?? now }
    var batches: Int { RunPlanner.batches(forecast.deviceIds, size: batchSize).count }

    var devices: [Device] {
        forecast.devices.map { d in
            Device(deviceId: d.id, licensedNow: d.licensedNow ?? false, licensedAfter: forecast.licensedAfter,
                   action: forecast.changes(d) ? operation.verb : "none")
        }
    }

    /// The report's lines, without line ends.
    public func lines(_ format: ReportFormat) -> [String] {
        switch format {
        case .json: return [TextFormat.json(jsonDocument)]
        case .csv: return csvLines
        case .table: return tableLines
        }
    }

    /// For standard error when more licences are needed than are free; nil when they fit.
    public var warning: String? {
        guard forecast.excess > 0 else { return nil }
        return "warning: \(TextFormat.count(forecast.changing, "licence")) needed but only \(TextFormat.count(now.free)) free; "
            + "\(TextFormat.count(forecast.excess, "device")) would fail"
    }

    private var csvLines: [String] {
        [CSV.row(["deviceId", "licensedNow", "licensedAfter", "action"])]
            + devices.map { CSV.row([$0.deviceId, String($0.licensedNow), String($0.licensedAfter), $0.action]) }
            + skipped.map { CSV.row([$0.deviceId, "", "", "skip"]) }
    }

    private var tableLines: [String] {
        let devices = devices
        func state(_ licensed: Bool) -> String { licensed ? "licensed" : "unlicensed" }
        return ["dry run: nothing is sent",
                "would \(operation.verb) \(TextFormat.count(devices.count, "device")) in "
                    + "\(TextFormat.count(batches, "request")) of up to \(TextFormat.count(batchSize)):"]
            + TextFormat.table([["DEVICE ID", "NOW", "AFTER", "ACTION"]] + devices.map {
                [$0.deviceId, state($0.licensedNow), state($0.licensedAfter), $0.action == "none" ? "no change" : $0.action]
            })
            + skipped.map { "skipped  \($0.deviceId.isEmpty ? "-" : $0.deviceId)  \($0.reason)" }
            + [TextFormat.licences("licences now:  ", now), TextFormat.licences("licences after:", after)]
    }

    private struct JSONDocument: Encodable {
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

    private var jsonDocument: JSONDocument {
        JSONDocument(account: account, operation: operation.rawValue, total: now.total, used: now.used, free: now.free,
                     usedAfter: after.used, freeAfter: after.free, batchSize: batchSize, batches: batches,
                     devices: devices, skipped: skipped)
    }
}
