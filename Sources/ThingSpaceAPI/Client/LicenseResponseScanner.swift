import Foundation

/// A v1 assign/remove answer read in one pass over its bytes: what `JSONDecoder` makes of a
/// well-formed `V1.LicenseResponse`, several times faster (it runs once per batch, between the
/// answer and the lane's next request). Anything it does not expect (a wrong type, a missing
/// field, a repeated key, a number that is not plain digits, an escape it does not know, a lone
/// surrogate, text that is not JSON) gives nil, and the answer goes through `JSONDecoder`, whose
/// errors name the field. The body must be valid UTF-8 (`LenientUTF8.repaired`).
enum LicenseResponseScanner {
    static func response(_ body: Data) -> V1.LicenseResponse? {
        body.withUnsafeBytes { raw in
            var json = JSONBytes(raw.bindMemory(to: UInt8.self))
            return json.licenseResponse()
        }
    }

    /// The keys of an answer and of a device's line, in the order of the `switch`es below.
    static let responseKeys = ["accountName", "licCount", "licUsedCount", "deviceList"].map { Array($0.utf8) }
    static let statusKeys = ["deviceId", "status", "Reason"].map { Array($0.utf8) }
}

private extension JSONBytes {
    mutating func licenseResponse() -> V1.LicenseResponse? {
        var account: String?, total: Int?, used: Int?, devices: [V1.DeviceStatus]?
        guard object(keys: LicenseResponseScanner.responseKeys, { s, key in
            switch key {
            case 0: guard account == nil, let v = s.string() else { return false }; account = v
            case 1: guard total == nil, let v = s.int() else { return false }; total = v
            case 2: guard used == nil, let v = s.int() else { return false }; used = v
            case 3: guard devices == nil, let v = s.statusLines() else { return false }; devices = v
            default: return s.skipValue()
            }
            return true
        }), atEnd(), let account, let total, let used, let devices else { return nil }
        return V1.LicenseResponse(accountName: account, licCount: total, licUsedCount: used, deviceList: devices)
    }

    mutating func statusLines() -> [V1.DeviceStatus]? {
        var list: [V1.DeviceStatus] = []
        let ok = array { s in
            var id: String?, status: String?, reason: String??
            guard s.object(keys: LicenseResponseScanner.statusKeys, { s, key in
                switch key {
                case 0: guard id == nil, let v = s.string() else { return false }; id = v
                case 1: guard status == nil, let v = s.string() else { return false }; status = v
                case 2: guard reason == nil, let v = s.optional({ $0.string() }) else { return false }; reason = v
                default: return s.skipValue()
                }
                return true
            }), let id, let status else { return false }
            list.append(V1.DeviceStatus(deviceId: id, status: status, reason: reason ?? nil))
            return true
        }
        return ok ? list : nil
    }
}
