import Foundation
import ThingSpaceAPI

/// The two records of every batch, `intent` and `outcome`, written straight to bytes: the same
/// line the encoder writes (sorted keys, slashes unescaped), without its cost on the path between
/// an answer and the lane's next request. Any other record, or one with another field set, is
/// left to the encoder (nil).
enum JournalLine {
    static func bytes(_ record: JournalRecord) -> Data? {
        guard record.type == .intent || record.type == .outcome, let batch = record.batch else { return nil }
        // Only the fields this writer knows: anything else goes through the encoder.
        var known = JournalRecord(type: record.type, at: record.at)
        known.batch = record.batch
        if record.type == .intent {
            guard let attempt = record.attempt, let devices = record.devices else { return nil }
            known.attempt = attempt
            known.devices = devices
            guard known == record else { return nil }
            var out = Writer()
            out.raw(#"{"at":"#); out.string(record.at)
            out.raw(#","attempt":"#); out.int(attempt)
            out.raw(#","batch":"#); out.int(batch)
            out.raw(#","devices":["#)
            for (i, id) in devices.enumerated() {
                if i > 0 { out.byte(UInt8(ascii: ",")) }
                out.string(id)
            }
            out.raw(#"],"type":"intent"}"#)
            return out.line()
        }
        guard let results = record.results else { return nil }
        known.results = results
        guard known == record else { return nil }
        var out = Writer()
        out.raw(#"{"at":"#); out.string(record.at)
        out.raw(#","batch":"#); out.int(batch)
        out.raw(#","results":["#)
        for (i, r) in results.enumerated() {
            out.raw(i > 0 ? #",{"attempts":"# : #"{"attempts":"#); out.int(r.attempts)
            out.raw(#","deviceId":"#); out.string(r.deviceId)
            out.raw(#","earlierAttemptUnanswered":"#); out.raw(r.earlierAttemptUnanswered ? "true" : "false")
            out.raw(#","outcome":"#); out.string(r.outcome.rawValue)
            out.raw(#","reason":"#); out.string(r.reason)
            out.raw(#","status":"#); out.string(r.status)
            out.byte(UInt8(ascii: "}"))
        }
        out.raw(#"],"type":"outcome"}"#)
        return out.line()
    }

    /// JSON text as the encoder writes it: `"` and `\` escaped, the usual short escapes, other
    /// control characters as `\u00XX`, everything else (slashes, non-ASCII) as UTF-8.
    struct Writer {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(4096) }

        mutating func byte(_ b: UInt8) { bytes.append(b) }
        mutating func raw(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }
        mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }
        mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

        mutating func string(_ text: String) {
            bytes.append(UInt8(ascii: "\""))
            for b in text.utf8 {
                switch b {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case 0x0A: escape(UInt8(ascii: "n"))
                case 0x0D: escape(UInt8(ascii: "r"))
                case 0x09: escape(UInt8(ascii: "t"))
                case 0x08: escape(UInt8(ascii: "b"))
                case 0x0C: escape(UInt8(ascii: "f"))
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
                default: bytes.append(b)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }

        private mutating func escape(_ letter: UInt8) {
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(letter)
        }

        func line() -> Data {
            var data = Data(bytes)
            data.append(0x0A)
            return data
        }
    }
}
