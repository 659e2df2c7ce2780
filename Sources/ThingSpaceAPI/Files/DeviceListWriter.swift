import Drawing

/// The device list as table, JSON or CSV, written page by page as the pages arrive, so a large
/// account starts printing at once; JSON is written by one writer for the whole stream
/// (`JSONText`), not an encoder per device. JSON: an array of `{"deviceId", "mdn", "make", "model",
/// "firmware", "fotaEligible", "licenseAssigned", "upgradeTime"}`; CSV: the same columns with a
/// header line; table: fixed columns of display width (cut text ends with `…`, or `~` in
/// `.ascii`) and a count line at the end. Server text is sanitised in the table and CSV and
/// escaped in JSON (see `TextFormat`).
public struct DeviceListWriter: Sendable {
    /// Which devices are listed.
    public enum Filter: Sendable {
        case all, licensed, unlicensed

        public func includes(_ device: DeviceInfo) -> Bool {
            switch self {
            case .all: return true
            case .licensed: return device.licenseAssigned
            case .unlicensed: return !device.licenseAssigned
            }
        }

        /// ` licensed` in `3 licensed of 10 devices`.
        var label: String {
            switch self {
            case .all: return ""
            case .licensed: return " licensed"
            case .unlicensed: return " unlicensed"
            }
        }
    }

    public static let csvHeader = ["deviceId", "mdn", "make", "model", "firmware", "fotaEligible", "licenseAssigned", "upgradeTime"]
    /// The table's fixed column widths (the last column is not padded).
    static let widths = [15, 12, 14, 18, 22]

    public let format: ReportFormat
    public let filter: Filter
    /// What the terminal shows, for the table (`TextCharset.from(environment:)`).
    public let charset: TextCharset
    /// Devices read so far, and those of them listed.
    public private(set) var seen = 0
    public private(set) var shown = 0

    public init(format: ReportFormat, filter: Filter = .all, charset: TextCharset = .utf8) {
        self.format = format
        self.filter = filter
        self.charset = charset
    }

    /// What comes before the first page.
    public var opening: String {
        switch format {
        case .json: return "["
        case .csv: return CSV.row(Self.csvHeader) + "\n"
        case .table: return ""
        }
    }

    /// The text for one page of devices (those the filter keeps).
    public mutating func write(_ devices: [DeviceInfo]) -> String {
        var bytes: [UInt8] = []
        write(devices, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `write(devices)` appended to `out` as UTF-8: JSON and CSV are written straight into the
    /// bytes, one device after another.
    public mutating func write(_ devices: [DeviceInfo], to out: inout [UInt8]) {
        seen += devices.count
        if format != .table { out.reserveCapacity(out.count + devices.count * 200) }
        for device in devices where filter.includes(device) {
            switch format {
            case .json:
                out.append(contentsOf: (shown == 0 ? "\n  " : ",\n  ").utf8)
                JSONText.appendDevice(device, to: &out)
            case .csv:
                Self.appendCSV(device, to: &out)
            case .table:
                var text = ""
                if shown == 0 { text += tableRow(["DEVICE ID", "MDN", "MAKE", "MODEL", "FIRMWARE", "LICENCE"]) + "\n" }
                text += tableRow([device.deviceId, device.mdn, device.make, device.model, device.firmware,
                                  device.licenseAssigned ? "yes" : "no"]) + "\n"
                out.append(contentsOf: text.utf8)
            }
            shown += 1
        }
    }

    /// What comes after the last page: the JSON array's end, or the table's count line.
    public var closing: String {
        switch format {
        case .json: return shown == 0 ? "]\n" : "\n]\n"
        case .csv: return ""
        case .table:
            return (shown == 0 ? "no devices\n" : "")
                + "\(TextFormat.count(shown))\(filter.label) of \(TextFormat.count(seen)) devices\n"
        }
    }

    /// What ends the output when reading stopped with an error: the JSON array is closed, so what
    /// was printed stays valid.
    public var closingAfterError: String {
        format == .json ? "\n]\n" : ""
    }

    /// One CSV line, as `CSV.row` of the header's columns writes it, appended cell by cell.
    static func appendCSV(_ device: DeviceInfo, to out: inout [UInt8]) {
        CSV.appendCell(device.deviceId, to: &out)
        out.append(UInt8(ascii: ","))
        CSV.appendCell(device.mdn, to: &out)
        out.append(UInt8(ascii: ","))
        CSV.appendCell(device.make, to: &out)
        out.append(UInt8(ascii: ","))
        CSV.appendCell(device.model, to: &out)
        out.append(UInt8(ascii: ","))
        CSV.appendCell(device.firmware, to: &out)
        out.append(contentsOf: (device.fotaEligible ? ",true," : ",false,").utf8)
        out.append(contentsOf: (device.licenseAssigned ? "true," : "false,").utf8)
        if let time = device.upgradeTime { CSV.appendCell(time, to: &out) }
        out.append(UInt8(ascii: "\n"))
    }

    func tableRow(_ cells: [String]) -> String { TextFormat.fixedRow(cells, widths: Self.widths, charset: charset) }
}
