import Foundation

/// Response bodies with invalid UTF-8 repaired before JSON decoding: `JSONDecoder` rejects a
/// whole body for one bad byte, so one device with a broken model name would cost its whole
/// page. Each invalid sequence becomes U+FFFD (as `String(decoding:as:)` does: maximal
/// subparts), so the JSON around it stays intact and the rest of the page is kept.
enum LenientUTF8 {
    /// `body` unchanged when it is valid UTF-8 (checked without copying), else re-encoded with
    /// U+FFFD for each invalid sequence.
    static func repaired(_ body: Data) -> Data {
        if isValid(body) { return body }
        return Data(String(decoding: body, as: UTF8.self).utf8)
    }

    /// True when `data` is well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF).
    static func isValid(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = bytes.count
            while i < n {
                // ASCII runs (nearly every byte of a page) eight bytes at a time.
                if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                let b = bytes[i]
                if b < 0x80 { i += 1; continue }
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF   // bounds of the second byte
                switch b {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return false
                }
                guard i + length <= n else { return false }
                guard bytes[i + 1] >= low, bytes[i + 1] <= high else { return false }
                for k in 2..<max(2, length) where bytes[i + k] & 0xC0 != 0x80 { return false }
                i += length
            }
            return true
        }
    }
}
