import Foundation

/// Reads IMEI lists: one IMEI per line, or CSV with a column named `imei` or `deviceId`.
/// Blank lines and `#` comments are ignored; every bad line is reported as `PATH:LINE: reason`.
public enum IMEIListReader {
    public struct Entry: Equatable, Sendable {
        public var line: Int
        public var imei: String
    }

    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var reason: String
        public var description: String { "\(path):\(line): \(reason)" }
    }

    public struct Result: Equatable, Sendable {
        public var entries: [Entry]
        /// Lines that cannot be used; nothing should be sent while there are any (unless skipped on purpose).
        public var problems: [Problem]
        /// Usable lines with a remark (a bad Luhn check digit under the `warn` policy).
        public var warnings: [Problem]
        public var imeis: [String] { entries.map(\.imei) }
    }

    public static func read(path: String, luhn: IMEI.LuhnPolicy = .warn) throws(ThingSpaceError) -> Result {
        let data: Data
        do {
            if path == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                data = try Data(contentsOf: URL(fileURLWithPath: (path as NSString).expandingTildeInPath))
            }
        } catch {
            throw .invalidInput("cannot read \(path): \((error as NSError).localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidInput("\(path): not UTF-8 text")
        }
        return parse(text, path: path == "-" ? "<stdin>" : path, luhn: luhn)
    }

    public static func parse(_ text: String, path: String, luhn: IMEI.LuhnPolicy = .warn) -> Result {
        var result = Result(entries: [], problems: [], warnings: [])
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let rows = CSV.parse(body)
        var column: Int?
        var isCSV = false
        var headerSeen = false
        for row in rows {
            let cells = row.cells.map { $0.trimmingCharacters(in: .whitespaces) }
            let joined = cells.joined(separator: ",")
            if joined.isEmpty || cells.allSatisfy(\.isEmpty) { continue }
            if cells.first?.hasPrefix("#") == true { continue }
            if !headerSeen {
                headerSeen = true
                let lowered = cells.map { $0.lowercased() }
                if let i = lowered.firstIndex(where: { $0 == "imei" || $0 == "deviceid" || $0 == "device_id" }) {
                    column = i
                    isCSV = true
                    continue
                }
                if cells.count > 1 {
                    result.problems.append(Problem(path: path, line: row.line,
                                                   reason: "a CSV file needs a header with a column named imei or deviceId"))
                    return result
                }
            }
            let raw: String
            if isCSV, let column {
                guard column < cells.count else {
                    result.problems.append(Problem(path: path, line: row.line, reason: "no value in the imei column"))
                    continue
                }
                raw = cells[column]
            } else {
                if cells.count > 1 {
                    result.problems.append(Problem(path: path, line: row.line, reason: "expected one IMEI per line, found \(cells.count) values"))
                    continue
                }
                raw = cells[0]
            }
            switch IMEI.validate(raw, luhn: luhn) {
            case .valid(let imei):
                result.entries.append(Entry(line: row.line, imei: imei.value))
            case .validWithWarning(let imei, let problem):
                result.entries.append(Entry(line: row.line, imei: imei.value))
                result.warnings.append(Problem(path: path, line: row.line, reason: "\(raw): \(problem)"))
            case .invalid(let problem):
                let shown = raw.count > 40 ? String(raw.prefix(40)) + "…" : raw
                result.problems.append(Problem(path: path, line: row.line, reason: "\(shown.debugDescription) is not an IMEI: \(problem)"))
            }
        }
        return result
    }
}
