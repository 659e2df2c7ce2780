import Foundation

/// A v1 device-list page read in one pass over its bytes: what `JSONDecoder` makes of a
/// well-formed page (`V1.DeviceListPage`), about ten times faster, so a 1,000-device page costs
/// a millisecond or two instead of the network's time. Anything it does not expect (a wrong type,
/// a missing field, a repeated key, a number that is not plain digits, a lone surrogate, text
/// that is not JSON) gives nil, and the page goes through `JSONDecoder`, whose errors name the
/// field. The body must be valid UTF-8 (`LenientUTF8.repaired`).
enum DeviceListScanner {
    static func page(_ body: Data) -> DeviceListPage? {
        body.withUnsafeBytes { raw in
            var json = JSONBytes(raw.bindMemory(to: UInt8.self))
            return json.deviceListPage()
        }
    }

    /// The keys of a page and of a device, in the order of the `switch`es below.
    static let pageKeys = ["accountName", "hasMoreData", "lastSeenDeviceId", "deviceList"].map { Array($0.utf8) }
    static let deviceKeys = ["deviceId", "mdn", "make", "model", "firmware", "fotaEligible", "licenseAssigned", "upgradeTime"]
        .map { Array($0.utf8) }
}

private extension JSONBytes {
    mutating func deviceListPage() -> DeviceListPage? {
        var account: String?, more: Bool?, cursor: String??, devices: [DeviceInfo]?
        guard object(keys: DeviceListScanner.pageKeys, { s, key in
            switch key {
            case 0: guard account == nil, let v = s.string() else { return false }; account = v
            case 1: guard more == nil, let v = s.bool() else { return false }; more = v
            case 2: guard cursor == nil, let v = s.cursor() else { return false }; cursor = v
            case 3: guard devices == nil, let v = s.devices() else { return false }; devices = v
            default: return s.skipValue()
            }
            return true
        }), atEnd(), let account, let more, let devices else { return nil }
        let digits = cursor ?? nil
        return DeviceListPage(accountName: account, devices: devices, hasMoreData: more,
                              lastSeenDeviceId: digits.flatMap { $0.allSatisfy { $0 == "0" } ? nil : $0 })
    }

    mutating func devices() -> [DeviceInfo]? {
        var list: [DeviceInfo] = []
        list.reserveCapacity(1000)
        let ok = array { s in
            var id: String?, mdn: String??, make: String??, model: String??, firmware: String??
            var eligible: Bool??, licensed: Bool?, upgrade: String??
            guard s.object(keys: DeviceListScanner.deviceKeys, { s, key in
                switch key {
                case 0: guard id == nil, let v = s.string() else { return false }; id = v
                case 1: guard mdn == nil, let v = s.optional({ $0.string() }) else { return false }; mdn = v
                case 2: guard make == nil, let v = s.optional({ $0.string() }) else { return false }; make = v
                case 3: guard model == nil, let v = s.optional({ $0.string() }) else { return false }; model = v
                case 4: guard firmware == nil, let v = s.optional({ $0.string() }) else { return false }; firmware = v
                case 5: guard eligible == nil, let v = s.optional({ $0.bool() }) else { return false }; eligible = v
                case 6: guard licensed == nil, let v = s.bool() else { return false }; licensed = v
                case 7: guard upgrade == nil, let v = s.optional({ $0.string() }) else { return false }; upgrade = v
                default: return s.skipValue()
                }
                return true
            }), let id, let licensed else { return false }
            list.append(DeviceInfo(deviceId: id, mdn: (mdn ?? nil) ?? "", make: (make ?? nil) ?? "", model: (model ?? nil) ?? "",
                                   firmware: (firmware ?? nil) ?? "", fotaEligible: (eligible ?? nil) ?? false,
                                   licenseAssigned: licensed, upgradeTime: upgrade ?? nil))
            return true
        }
        return ok ? list : nil
    }

    /// `lastSeenDeviceId`: plain digits as a number or a string; `null` as `.some(nil)`.
    mutating func cursor() -> String?? {
        if literal("null") { return .some(nil) }
        if peek() == UInt8(ascii: "\"") {
            guard let s = string(), !s.isEmpty, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return .some(s)
        }
        return digits().map { .some($0) }
    }
}
