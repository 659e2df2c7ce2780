import Foundation
import ThingSpaceAPI

/// The devices of an assign or remove: IMEIs given as arguments, or a file (`-` for stdin) read by
/// the shared IMEI reader. Every unusable entry is a problem `WHERE:LINE: reason`.
struct DeviceInput {
    struct Entry {
        /// Line of the file, or position among the arguments (1-based).
        var line: Int
        var imei: String
    }

    struct Problem: CustomStringConvertible {
        var line: Int
        /// What was there, when one value can be named (for the skipped result).
        var value: String
        var text: String
        var description: String { text }
    }

    var entries: [Entry] = []
    var problems: [Problem] = []
    var warnings: [String] = []

    var isEmpty: Bool { entries.isEmpty && problems.isEmpty }

    static func fromArguments(_ arguments: [String], luhn: IMEI.LuhnPolicy) -> DeviceInput {
        var input = DeviceInput()
        for (i, raw) in arguments.enumerated() {
            let value = raw.trimmingCharacters(in: .whitespaces)
            let n = i + 1
            switch IMEI.validate(value, luhn: luhn) {
            case .valid(let imei):
                input.entries.append(Entry(line: n, imei: imei.value))
            case .validWithWarning(let imei, let problem):
                input.entries.append(Entry(line: n, imei: imei.value))
                input.warnings.append("argument \(n): \(value): \(problem) (sent anyway)")
            case .invalid(let problem):
                let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
                input.problems.append(Problem(line: n, value: value,
                                              text: "argument \(n): \(shown.debugDescription) is not an IMEI: \(problem)"))
            }
        }
        return input
    }

    static func fromFile(_ path: String, luhn: IMEI.LuhnPolicy) throws(CommandFailure) -> DeviceInput {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: (path as NSString).expandingTildeInPath))
            } catch {
                throw CommandFailure(code: ExitStatus.usage,
                                     message: "error: cannot read \(path): \((error as NSError).localizedDescription)")
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(code: ExitStatus.usage, message: "error: \(path): not UTF-8 text")
        }
        let shownPath = path == "-" ? "<stdin>" : path
        let result = IMEIListReader.parse(text, path: shownPath, luhn: luhn)
        var input = DeviceInput()
        input.entries = result.entries.map { Entry(line: $0.line, imei: $0.imei) }
        input.warnings = result.warnings.map { "\($0.description) (sent anyway)" }
        if !result.problems.isEmpty {
            // The value on a problem line, when the line holds one value.
            var single: [Int: String] = [:]
            for row in CSV.parse(text) {
                if row.cells.count == 1 { single[row.line] = row.cells[0].trimmingCharacters(in: .whitespaces) }
            }
            input.problems = result.problems.map {
                Problem(line: $0.line, value: single[$0.line] ?? "", text: $0.description)
            }
        }
        return input
    }

    /// The problems as results of a run that skipped them.
    var skippedResults: [(line: Int, result: DeviceResult)] {
        problems.map {
            (line: $0.line, result: DeviceResult(deviceId: $0.value, status: "Invalid", reason: $0.text, outcome: .skipped))
        }
    }

    /// The engine's results (one per entry, in entry order) merged with the skipped problems, in
    /// input order.
    func merged(_ results: [DeviceResult]) -> [DeviceResult] {
        guard !problems.isEmpty else { return results }
        var out: [DeviceResult] = []
        out.reserveCapacity(results.count + problems.count)
        var skipped = skippedResults.makeIterator()
        var nextSkipped = skipped.next()
        for (i, r) in results.enumerated() {
            let line = i < entries.count ? entries[i].line : Int.max
            while let s = nextSkipped, s.line < line {
                out.append(s.result)
                nextSkipped = skipped.next()
            }
            out.append(r)
        }
        while let s = nextSkipped {
            out.append(s.result)
            nextSkipped = skipped.next()
        }
        return out
    }
}
