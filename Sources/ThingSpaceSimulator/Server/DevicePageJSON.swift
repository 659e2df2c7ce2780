import NIOCore

/// Writes a v1 device-list page straight into bytes: the same document `JSONValue` would write
/// (field order, escaping), without building a tree of values or escaping character by
/// character. Each model's make, model and firmware texts are escaped once per catalog; a
/// device with hostile content (rare, fixed positions) goes through `JSONValue`, with its
/// invalid-UTF-8 marker turned into the invalid bytes as `WireResponses.bytes` does.
struct DevicePageJSON: Sendable {
    /// A model's texts, already written as JSON strings (quotes included).
    struct EncodedModel: Sendable {
        var make: [UInt8]
        var model: [UInt8]
        var firmware: [[UInt8]]
    }

    let catalog: DeviceCatalog
    let style: TimestampStyle
    let models: [EncodedModel]

    init(catalog: DeviceCatalog, style: TimestampStyle) {
        self.catalog = catalog
        self.style = style
        models = DeviceCatalog.models.map { model in
            EncodedModel(make: Self.jsonString(model.make), model: Self.jsonString(model.model),
                         firmware: model.firmware.map(Self.jsonString))
        }
    }

    /// `{"accountName":…,"hasMoreData":…,"lastSeenDeviceId":…,"deviceList":[…]}`
    func page(account: Substring, _ page: LicenseLedger.DevicePage) -> ByteBuffer {
        var out: [UInt8] = []
        out.reserveCapacity(96 + page.devices.count * 240)
        out.append(contentsOf: #"{"accountName":"#.utf8)
        out += Self.jsonString(String(account))
        out.append(contentsOf: #","hasMoreData":"#.utf8)
        out.append(contentsOf: (page.hasMoreData ? "true" : "false").utf8)
        out.append(contentsOf: #","lastSeenDeviceId":"#.utf8)
        DecimalDigits.append(page.lastSeen, minimumWidth: 1, to: &out)
        out.append(contentsOf: #","deviceList":["#.utf8)
        for (i, device) in page.devices.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendDevice(device.imei, licensed: device.licensed, eligible: page.isEligible(device.imei, catalog), to: &out)
        }
        out.append(contentsOf: "]}".utf8)
        return ByteBuffer(bytes: out)
    }

    func appendDevice(_ imei: UInt64, licensed: Bool, eligible: Bool, to out: inout [UInt8]) {
        if !catalog.hostile.isEmpty, catalog.hostile[imei] != nil {
            let text = Self.deviceValue(catalog, imei, licensed: licensed, eligible: eligible, style: style).serialized
            out += WireResponses.bytes(text).readableBytesView
            return
        }
        let model = models[catalog.modelIndex(of: imei)]
        out.append(contentsOf: #"{"deviceId":""#.utf8)
        DecimalDigits.append(imei, minimumWidth: 15, to: &out)
        out.append(contentsOf: #"","mdn":""#.utf8)
        catalog.appendMDN(of: imei, to: &out)
        out.append(contentsOf: #"","model":"#.utf8)
        out += model.model
        out.append(contentsOf: #","make":"#.utf8)
        out += model.make
        out.append(contentsOf: #","firmware":"#.utf8)
        out += model.firmware[catalog.firmwareIndex(of: imei, count: model.firmware.count)]
        out.append(contentsOf: (eligible ? #","fotaEligible":true"# : #","fotaEligible":false"#).utf8)
        out.append(contentsOf: (licensed ? #","licenseAssigned":true"# : #","licenseAssigned":false"#).utf8)
        // Upgrade times are digits and punctuation: nothing to escape.
        out.append(contentsOf: #","upgradeTime":""#.utf8)
        catalog.appendUpgradeTime(of: imei, style: style, to: &out)
        out.append(contentsOf: #""}"#.utf8)
    }

    /// One v1 device as a `JSONValue` (the reference shape; used for hostile devices).
    static func deviceValue(_ catalog: DeviceCatalog, _ imei: UInt64, licensed: Bool, eligible: Bool,
                            style: TimestampStyle) -> JSONValue {
        let model = catalog.model(of: imei)
        return .object([
            ("deviceId", .string(IMEICheck.string(imei))),
            ("mdn", .string(catalog.mdn(of: imei))),
            ("model", .string(model.model)),
            ("make", .string(model.make)),
            ("firmware", .string(catalog.firmware(of: imei))),
            ("fotaEligible", .bool(eligible)),
            ("licenseAssigned", .bool(licensed)),
            ("upgradeTime", .string(catalog.upgradeTime(of: imei, style: style))),
        ])
    }

    /// A string as `JSONValue` writes it; ASCII text with nothing to escape is copied as is.
    static func jsonString(_ text: String) -> [UInt8] {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            var out: [UInt8] = [UInt8(ascii: "\"")]
            out.reserveCapacity(utf8.count + 2)
            out += utf8
            out.append(UInt8(ascii: "\""))
            return out
        }
        return Array(JSONValue.string(text).serialized.utf8)
    }
}
