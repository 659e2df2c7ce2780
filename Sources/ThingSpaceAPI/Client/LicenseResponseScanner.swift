import Foundation

/// A v1 assign/remove answer read in one pass over its bytes: what `JSONDecoder` makes of a
/// well-formed `V1.LicenseResponse`, several times faster (it runs once per batch, between the
/// answer and the lane's next request). Anything it does not expect (a wrong type, a missing
/// field, a repeated key, a number that is not plain digits, an escape it does not know, a lone
/// surrogate, text that is not JSON) gives nil, and the answer goes through `JSONDecoder`, whose
/// errors name the field. The body must be valid UTF-8 (`LenientUTF8.repaired`).
struct LicenseResponseScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    static func response(_ body: Data) -> V1.LicenseResponse? {
        body.withUnsafeBytes { raw in
            var scanner = LicenseResponseScanner(bytes: raw.bindMemory(to: UInt8.self))
            return scanner.response()
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func response() -> V1.LicenseResponse? {
        var account: String?, total: Int?, used: Int?, devices: [V1.DeviceStatus]?
        guard object({ s, key in
            switch key {
            case "accountName": guard account == nil, let v = s.string() else { return false }; account = v
            case "licCount": guard total == nil, let v = s.int() else { return false }; total = v
            case "licUsedCount": guard used == nil, let v = s.int() else { return false }; used = v
            case "deviceList": guard devices == nil, let v = s.devices() else { return false }; devices = v
            default: return s.skipValue()
            }
            return true
        }) else { return nil }
        skipSpace()
        guard i == bytes.count, let account, let total, let used, let devices else { return nil }
        return V1.LicenseResponse(accountName: account, licCount: total, licUsedCount: used, deviceList: devices)
    }

    private mutating func devices() -> [V1.DeviceStatus]? {
        var list: [V1.DeviceStatus] = []
        let ok = array { s in
            var id: String?, status: String?, reason: String??
            guard s.object({ s, key in
                switch key {
                case "deviceId": guard id == nil, let v = s.string() else { return false }; id = v
                case "status": guard status == nil, let v = s.string() else { return false }; status = v
                case "Reason":
                    guard reason == nil else { return false }
                    if s.literal("null") { reason = .some(nil) } else if let v = s.string() { reason = v } else { return false }
                default: return s.skipValue()
                }
                return true
            }), let id, let status else { return false }
            list.append(V1.DeviceStatus(deviceId: id, status: status, reason: reason ?? nil))
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

    private mutating func object(_ field: (inout LicenseResponseScanner, String) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = string(), take(UInt8(ascii: ":")), field(&self, key) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    private mutating func array(_ element: (inout LicenseResponseScanner) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        skipSpace()
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return false }
        i += n
        return true
    }

    private func digit(at k: Int) -> Bool {
        k < bytes.count && bytes[k] >= UInt8(ascii: "0") && bytes[k] <= UInt8(ascii: "9")
    }

    /// A JSON integer without fraction or exponent, at most 18 digits; anything else is left to
    /// the decoder.
    private mutating func int() -> Int? {
        skipSpace()
        let start = i
        guard number() else { return nil }
        var k = start
        let negative = bytes[k] == UInt8(ascii: "-")
        if negative { k += 1 }
        guard i - k <= 18 else { return nil }
        var value = 0
        while k < i {
            guard digit(at: k) else { return nil }   // a fraction or an exponent
            value = value * 10 + Int(bytes[k] - UInt8(ascii: "0"))
            k += 1
        }
        return negative ? -value : value
    }

    /// Steps over a number as JSON spells it: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func number() -> Bool {
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard digit(at: i) else { return false }
        if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while digit(at: i) { i += 1 } }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digit(at: i) else { return false }
            while digit(at: i) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digit(at: i) else { return false }
            while digit(at: i) { i += 1 }
        }
        return true
    }

    private mutating func string() -> String? {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        i += 1
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return text
            }
            if b < 0x20 { return nil }
            if b == UInt8(ascii: "\\") { return escapedString(from: start) }
            i += 1
        }
        return nil
    }

    /// A string with escapes, read from its first byte after the quote.
    private mutating func escapedString(from start: Int) -> String? {
        i = start
        var scalars = String.UnicodeScalarView()
        var plainFrom = i
        func flush(_ s: inout String.UnicodeScalarView, _ from: Int, _ to: Int) {
            s.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self).unicodeScalars)
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                flush(&scalars, plainFrom, i)
                i += 1
                return String(scalars)
            }
            if b < 0x20 { return nil }
            guard b == UInt8(ascii: "\\") else { i += 1; continue }
            flush(&scalars, plainFrom, i)
            i += 1
            guard i < bytes.count else { return nil }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(e))
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "u"):
                guard let unit = hex4() else { return nil }
                if (0xD800...0xDBFF).contains(unit) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
                    i += 2
                    guard let low = hex4(), (0xDC00...0xDFFF).contains(low),
                          let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) else { return nil }
                    scalars.append(scalar)
                } else {
                    guard let scalar = Unicode.Scalar(unit) else { return nil }
                    scalars.append(scalar)
                }
            default: return nil
            }
            plainFrom = i
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            i += 1
        }
        return value
    }

    /// Skips a value of a field nobody asked for (any JSON value, nested, checked as the decoder
    /// checks it: it ignores unknown fields, not malformed JSON).
    private mutating func skipValue() -> Bool {
        skipSpace()
        guard i < bytes.count else { return false }
        switch bytes[i] {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"): return object { s, _ in s.skipValue() }
        case UInt8(ascii: "["): return array { $0.skipValue() }
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
        }
    }
}
