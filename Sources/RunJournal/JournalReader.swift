import Foundation

/// Reads a journal file. A torn last line (the process died while writing it) and any line that is
/// not a record are skipped and reported, never fatal.
public enum JournalReader {
    public struct Contents: Sendable {
        public var records: [JournalRecord]
        /// What was skipped, in words: `line 41 is incomplete (a crash while writing it); ignored`.
        public var problems: [String]
    }

    public static func read(path: String) throws(JournalError) -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io("cannot read the run journal \(path)")
        }
        return parse(data)
    }

    public static func parse(_ data: Data) -> Contents {
        let decoder = JSONDecoder()
        var records: [JournalRecord] = []
        var problems: [String] = []
        let bytes = [UInt8](data)
        var start = 0
        var number = 0
        while start < bytes.count {
            number += 1
            let end = bytes[start...].firstIndex(of: 0x0A)
            let line = Data(bytes[start..<(end ?? bytes.count)])
            let complete = end != nil
            start = (end ?? bytes.count) + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            if complete, let record = try? decoder.decode(JournalRecord.self, from: line) {
                records.append(record)
            } else if !complete {
                problems.append("line \(number) is incomplete (the process ended while writing it); ignored")
            } else {
                problems.append("line \(number) is not a journal record; ignored")
            }
        }
        return Contents(records: records, problems: problems)
    }

    /// The last complete record of the file, read from its tail only (cheap for large journals);
    /// nil when the tail holds none.
    public static func lastRecord(path: String, tailBytes: Int = 65_536) -> JournalRecord? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return nil }
        let from = size > UInt64(tailBytes) ? size - UInt64(tailBytes) : 0
        guard (try? handle.seek(toOffset: from)) != nil, let data = try? handle.readToEnd() else { return nil }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
        if data.last != 0x0A, !lines.isEmpty { lines.removeLast() }
        let decoder = JSONDecoder()
        for line in lines.reversed() {
            if let record = try? decoder.decode(JournalRecord.self, from: Data(line)) { return record }
        }
        return nil
    }
}
