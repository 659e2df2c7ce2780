import Foundation
import ThingSpaceAPI

/// `devices --since-file`: a listing read before (IMEIs one per line, or CSV whose `deviceId` or
/// `imei` column, else its first, holds them), from which only the few devices where ranges
/// start are taken. Lines are split without parsing the rest of the file, so a listing of a
/// million devices costs little.
enum SinceFile {
    /// Up to `ranges - 1` IMEIs of the listing that split it evenly (`ThingSpaceClient.rangeStarts`).
    static func rangeStarts(path: String, ranges: Int) throws(CommandFailure) -> [String] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CommandFailure.usage("--since-file: cannot read \(path): \(error.localizedDescription)")
        }
        var lines = lineRanges(data).map { data[$0] }
        var column = 0
        if let header = lines.first, !(header.first.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false) {
            let names = String(decoding: header, as: UTF8.self).split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            }
            column = names.firstIndex { $0 == "deviceid" || $0 == "imei" } ?? 0
            lines.removeFirst()
        }
        guard lines.count >= ranges * 2 else { return [] }
        // Twice as many samples as ranges, so one bad line leaves enough.
        let samples = (0..<ranges * 2).compactMap { k -> String? in
            let line = lines[k * lines.count / (ranges * 2)]
            let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            guard column < fields.count else { return nil }
            let id = String(decoding: fields[column], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return id.utf8.count == 15 && id.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) ? id : nil
        }
        guard samples.count >= ranges * 2 - 1 else {
            throw CommandFailure.usage("--since-file: \(path) does not list IMEIs (one per line, or CSV with a deviceId column)")
        }
        return ThingSpaceClient.rangeStarts(knownIds: samples, ranges: ranges)
    }

    /// Where each non-empty line of `data` is (a plain scan for newlines).
    static func lineRanges(_ data: Data) -> [Range<Int>] {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var ranges: [Range<Int>] = []
            var start = 0
            for i in 0..<bytes.count where bytes[i] == 0x0A {
                if i > start { ranges.append((data.startIndex + start)..<(data.startIndex + i)) }
                start = i + 1
            }
            if bytes.count > start { ranges.append((data.startIndex + start)..<(data.startIndex + bytes.count)) }
            return ranges
        }
    }
}
