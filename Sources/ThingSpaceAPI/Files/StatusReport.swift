import Drawing

/// An account's licence counters (and, when asked for, its licensed devices) as table, JSON or CSV.
/// JSON: `{"account", "billing", "total", "used", "free"}`, plus `"devices": [{"deviceId", "assignmentTime"}]`.
/// CSV: `account,billing,total,used,free`; with devices one row per device, `deviceId,assignmentTime` added.
public struct StatusReport: Sendable {
    public var account: String
    /// Where the account lives, for the table (`host` row).
    public var host: String
    public var counts: LicenseCounts
    /// How the account pays: monthly licences, event-based (no licences needed), or unknown.
    public var billing: Billing
    /// The API version spoken (`v1`, `v3`), shown in the table and JSON when given.
    public var apiVersion: String?
    /// The licensed devices; nil when not asked for.
    public var devices: [LicensedDevice]?
    /// What the terminal shows, for the table.
    public var charset: TextCharset

    public init(account: String, host: String, counts: LicenseCounts, billing: Billing = .unknown,
                devices: [LicensedDevice]? = nil, charset: TextCharset = .utf8) {
        self.billing = billing
        self.account = account
        self.host = host
        self.counts = counts
        self.devices = devices
        self.charset = charset
    }

    /// The report's lines, without line ends.
    public func lines(_ format: ReportFormat) -> [String] {
        switch format {
        case .json: return [TextFormat.json(JSONDocument(self))]
        case .csv: return csvLines
        case .table: return tableLines
        }
    }

    private var csvLines: [String] {
        let head = [account, billing.rawValue, String(counts.total), String(counts.used), String(counts.free)]
        guard let devices else { return [CSV.row(["account", "billing", "total", "used", "free"]), CSV.row(head)] }
        return [CSV.row(["account", "billing", "total", "used", "free", "deviceId", "assignmentTime"])]
            + devices.map { CSV.row(head + [$0.deviceId, $0.assignmentTime ?? ""]) }
    }

    private var tableLines: [String] {
        var lines = TextFormat.table([
            ["account", account],
            ["host", host],
        ] + (apiVersion.map { [["api", $0]] } ?? []) + [
            ["billing", billing.label],
            ["total", TextFormat.count(counts.total)],
            ["used", "\(TextFormat.count(counts.used)) (\(TextFormat.percent(counts.used, of: counts.total)))"],
            ["free", TextFormat.count(counts.free)],
        ], charset: charset)
        guard let devices else { return lines }
        lines.append("")
        if devices.isEmpty { return lines + ["no licensed devices"] }
        return lines + TextFormat.table([["DEVICE ID", "ASSIGNED"]] + devices.map { [$0.deviceId, $0.assignmentTime ?? "-"] }, charset: charset)
    }

    private struct JSONDocument: Encodable {
        var account: String
        var apiVersion: String?
        var billing: String
        var total: Int
        var used: Int
        var free: Int
        var devices: [Licensed]?

        init(_ report: StatusReport) {
            account = report.account
            billing = report.billing.rawValue
            apiVersion = report.apiVersion
            total = report.counts.total
            used = report.counts.used
            free = report.counts.free
            devices = report.devices?.map { Licensed(deviceId: $0.deviceId, assignmentTime: $0.assignmentTime) }
        }
    }

    private struct Licensed: Encodable {
        var deviceId: String
        var assignmentTime: String?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(deviceId, forKey: .deviceId)
            try c.encode(assignmentTime, forKey: .assignmentTime)   // null when absent, never missing
        }
        enum CodingKeys: String, CodingKey { case deviceId, assignmentTime }
    }
}
