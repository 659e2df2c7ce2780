import Foundation

/// A v1 device-list page read in one pass over its bytes: what `JSONDecoder` makes of a
/// well-formed page (`V1.DeviceListPage`), about ten times faster, so a 1,000-device page costs
/// a millisecond or two instead of the network's time. Anything it does not expect (a wrong type,
/// a missing field, a repeated key, a number that is not plain digits, a lone surrogate, text
/// that is not JSON) gives nil, and the page goes through `JSONDecoder`, whose errors name the
/// field. The body must be valid UTF-8 (`LenientUTF8.repaired`).
struct DeviceListScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    static func page(_ body: Data) -> DeviceListPage? {
        body.withUnsafeBytes { raw in
            var scanner = DeviceListScanner(bytes: raw.bindMemory(to: UInt8.self))
            return scanner.page()
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func page() -> DeviceListPage? {
        var account: String?, more: Bool?, cursor: String??, devices: [DeviceInfo]?
        guard object(keys: Self.pageKeys, { s, key in
            switch key {
            case 0: guard account == nil, let v = s.string() else { return false }; account = v
            case 1: guard more == nil, let v = s.bool() else { return false }; more = v
            case 2: guard cursor == nil, let v = s.cursor() else { return false }; cursor = v
            case 3: guard devices == nil, let v = s.devices() else { return false }; devices = v
            default: return s.skipValue()
            }
            return true
        }) else { return nil }
        skipSpace()
        guard i == bytes.count, let account, let more, let devices else { return nil }
        let digits = cursor ?? nil
        return DeviceListPage(accountName: account, devices: devices, hasMoreData: more,
                              lastSeenDeviceId: digits.flatMap { $0.allSatisfy { $0 == "0" } ? nil : $0 })
    }

    private mutating func devices() -> [DeviceInfo]? {
        var list: [DeviceInfo] = []
        list.reserveCapacity(1000)
        let ok = array { s in
            var id: String?, mdn: String??, make: String??, model: String??, firmware: String??
            var eligible: Bool??, licensed: Bool?, upgrade: String??
            guard s.object(keys: Self.deviceKeys, { s, key in
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

    // MARK: JSON pieces

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    private mutating func peek() -> UInt8? {
        skipSpace()
        return i < bytes.count ? bytes[i] : nil
    }

    /// The keys of a page and of a device, in the order of the `switch`es above.
    static let pageKeys = ["accountName", "hasMoreData", "lastSeenDeviceId", "deviceList"].map { Array($0.utf8) }
    static let deviceKeys = ["deviceId", "mdn", "make", "model", "firmware", "fotaEligible", "licenseAssigned", "upgradeTime"]
        .map { Array($0.utf8) }

    /// `{ "key": value, ... }`, each value read by `field`, which gets the key's place in `keys`
    /// (`keys.count` for any other key; false: give up).
    private mutating func object(keys: [[UInt8]], _ field: (inout DeviceListScanner, Int) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = key(keys), take(UInt8(ascii: ":")), field(&self, key) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    /// A key's place in `keys` (`keys.count` for another key), compared as bytes without making
    /// a string; a key with escapes is decoded first, so `"device\u0049d"` is `deviceId` as
    /// `JSONDecoder` reads it. Nil when there is no string.
    private mutating func key(_ keys: [[UInt8]]) -> Int? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
        guard i < bytes.count else { return nil }
        if bytes[i] != UInt8(ascii: "\"") {
            guard bytes[i] == UInt8(ascii: "\\"), let text = escapedString(from: start) else { return nil }
            let utf8 = Array(text.utf8)
            return keys.firstIndex(of: utf8) ?? keys.count
        }
        let found = UnsafeBufferPointer(rebasing: bytes[start..<i])
        i += 1
        return keys.firstIndex { $0.count == found.count && $0.elementsEqual(found) } ?? keys.count
    }

    private mutating func array(_ element: (inout DeviceListScanner) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    /// `null` as `.some(nil)`; a value as `.some(value)`; nil when neither.
    private mutating func optional<T>(_ read: (inout DeviceListScanner) -> T?) -> T?? {
        if literal("null") { return .some(nil) }
        return read(&self).map { .some($0) }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        skipSpace()
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
        i += count
        return true
    }

    private mutating func bool() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// `lastSeenDeviceId`: plain digits as a number or a string; `null` as `.some(nil)`.
    private mutating func cursor() -> String?? {
        if literal("null") { return .some(nil) }
        if peek() == UInt8(ascii: "\"") {
            guard let s = string(), !s.isEmpty, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return .some(s)
        }
        let start = i
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
        let digits = UnsafeBufferPointer(rebasing: bytes[start..<i])
        // Plain digits only (no sign, fraction, exponent or leading zero), within UInt64.
        guard !digits.isEmpty, digits.count <= 19, digits.count == 1 || digits[0] != 48 else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") { return nil }
        return .some(String(decoding: digits, as: UTF8.self))
    }

    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                defer { i += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") { return escapedString(from: start) }
            if b < 0x20 { return nil }
            i += 1
        }
        return nil
    }

    private mutating func escapedString(from start: Int) -> String? {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self).unicodeScalars)
        var run = i
        func flush(_ s: inout String.UnicodeScalarView, _ from: Int, _ to: Int) {
            if to > from { s.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self).unicodeScalars) }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                flush(&scalars, run, i)
                i += 1
                return String(scalars)
            }
            if b < 0x20 { return nil }
            guard b == UInt8(ascii: "\\") else { i += 1; continue }
            flush(&scalars, run, i)
            guard i + 1 < bytes.count else { return nil }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                guard let high = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(high) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
                    i += 2
                    guard let low = hex4(), (0xDC00..<0xE000).contains(low),
                          let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else { return nil }
                    scalars.append(scalar)
                } else {
                    guard let scalar = Unicode.Scalar(high) else { return nil }   // a lone low surrogate
                    scalars.append(scalar)
                }
            default:
                return nil
            }
            run = i
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            let b = bytes[i + k]
            let digit: UInt8
            switch b {
            case 48...57: digit = b - 48
            case 65...70: digit = b - 55
            case 97...102: digit = b - 87
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        i += 4
        return value
    }

    /// Skips any JSON value (fields this page does not use).
    private mutating func skipValue() -> Bool {
        switch peek() {
        case UInt8(ascii: "\"")?: return string() != nil
        case UInt8(ascii: "{")?: return object(keys: []) { s, _ in s.skipValue() }
        case UInt8(ascii: "[")?: return array { $0.skipValue() }
        case UInt8(ascii: "t")?: return literal("true")
        case UInt8(ascii: "f")?: return literal("false")
        case UInt8(ascii: "n")?: return literal("null")
        default:
            let start = i
            while i < bytes.count, "+-.eE0123456789".utf8.contains(bytes[i]) { i += 1 }
            return i > start
        }
    }
}
