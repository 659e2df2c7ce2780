/// A cursor over a JSON text's bytes for the one-pass scanners (`DeviceListScanner`,
/// `LicenseResponseScanner`): the JSON grammar's pieces, each stepping over what it read and
/// answering nil or false for anything it does not expect, so the caller can give up and leave
/// the text to `JSONDecoder`. The bytes must be valid UTF-8 (`LenientUTF8.repaired`).
struct JSONBytes {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Only white space is left.
    mutating func atEnd() -> Bool {
        skipSpace()
        return i == bytes.count
    }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    mutating func peek() -> UInt8? {
        skipSpace()
        return i < bytes.count ? bytes[i] : nil
    }

    mutating func literal(_ word: StaticString) -> Bool {
        skipSpace()
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
        i += count
        return true
    }

    mutating func bool() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// `null` as `.some(nil)`; a value as `.some(value)`; nil when neither.
    mutating func optional<T>(_ read: (inout JSONBytes) -> T?) -> T?? {
        if literal("null") { return .some(nil) }
        return read(&self).map { .some($0) }
    }

    // MARK: Containers

    /// `{ "key": value, ... }`, each value read by `field`, which gets the key's place in `keys`
    /// (`keys.count` for any other key; false: give up).
    mutating func object(keys: [[UInt8]], _ field: (inout JSONBytes, Int) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = key(keys), take(UInt8(ascii: ":")), field(&self, key) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    /// `[ value, ... ]`, each element read by `element` (false: give up).
    mutating func array(_ element: (inout JSONBytes) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
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
            return keys.firstIndex(of: Array(text.utf8)) ?? keys.count
        }
        let found = UnsafeBufferPointer(rebasing: bytes[start..<i])
        i += 1
        return keys.firstIndex { $0.count == found.count && $0.elementsEqual(found) } ?? keys.count
    }

    /// Skips any JSON value (a field nobody asked for), checked as the decoder checks it: it
    /// ignores unknown fields, not malformed JSON.
    mutating func skipValue() -> Bool {
        switch peek() {
        case UInt8(ascii: "\"")?: return string() != nil
        case UInt8(ascii: "{")?: return object(keys: []) { s, _ in s.skipValue() }
        case UInt8(ascii: "[")?: return array { $0.skipValue() }
        case UInt8(ascii: "t")?: return literal("true")
        case UInt8(ascii: "f")?: return literal("false")
        case UInt8(ascii: "n")?: return literal("null")
        default: return number()
        }
    }

    // MARK: Numbers

    func digit(at k: Int) -> Bool {
        k < bytes.count && bytes[k] >= UInt8(ascii: "0") && bytes[k] <= UInt8(ascii: "9")
    }

    /// A JSON integer without fraction or exponent, at most 18 digits; anything else is nil.
    mutating func int() -> Int? {
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

    /// Plain digits (no sign, fraction, exponent or leading zero) of at most 19 digits, as text.
    mutating func digits() -> String? {
        skipSpace()
        let start = i
        while digit(at: i) { i += 1 }
        let digits = UnsafeBufferPointer(rebasing: bytes[start..<i])
        guard !digits.isEmpty, digits.count <= 19, digits.count == 1 || digits[0] != UInt8(ascii: "0") else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") { return nil }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Steps over a number as JSON spells it: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    mutating func number() -> Bool {
        skipSpace()
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

    // MARK: Strings

    mutating func string() -> String? {
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

    /// The rest of a string that has escapes: `start` is its first byte after the quote, the
    /// cursor is on its first backslash.
    private mutating func escapedString(from start: Int) -> String? {
        var scalars = String.UnicodeScalarView()
        var run = start
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
            guard i + 1 < bytes.count, let scalar = escape(bytes[i + 1]) else { return nil }
            scalars.append(scalar)
            run = i
        }
        return nil
    }

    /// The scalar of the escape whose letter is `e` (the cursor on its backslash), the cursor
    /// then after it; nil for an escape JSON does not have or a lone surrogate.
    private mutating func escape(_ e: UInt8) -> Unicode.Scalar? {
        i += 2
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return Unicode.Scalar(e)
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            guard let high = hex4() else { return nil }
            guard (0xD800..<0xDC00).contains(high) else { return Unicode.Scalar(high) }   // nil for a lone low surrogate
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
            i += 2
            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        default:
            return nil
        }
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
}
