import Foundation

/// The reader and the planner in one call, for a front end that only selects the valid IMEIs of a
/// file (the console's file load).
extension IMEIListReader {
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
        /// Every usable line (repeats included), in file order.
        public var entries: [Entry]
        /// Lines that cannot be used.
        public var problems: [Problem]
        /// Usable lines with a remark (a bad Luhn check digit under the `warn` policy).
        public var warnings: [Problem]
        public var imeis: [String] { entries.map(\.imei) }
    }

    /// Reads a file (`-` for standard input) and validates it with `luhn`.
    public static func read(path: String, luhn: IMEI.LuhnPolicy = .warn) throws(ThingSpaceError) -> Result {
        result(RunPlanner.plan(try input(path: path), luhn: luhn))
    }

    /// Validates a list's text with `luhn`.
    public static func parse(_ text: String, path: String, luhn: IMEI.LuhnPolicy = .warn) -> Result {
        result(RunPlanner.plan(input(text: text, path: path), luhn: luhn))
    }

    static func result(_ plan: DevicePlan) -> Result {
        var r = Result(entries: [], problems: [], warnings: [])
        for device in plan.devices {
            let (path, line) = device.place.pathAndLine
            switch device.verdict {
            case .valid, .duplicate:
                r.entries.append(Entry(line: line, imei: device.deviceId))
            case .validWithWarning(let problem):
                r.entries.append(Entry(line: line, imei: device.deviceId))
                r.warnings.append(Problem(path: path, line: line, reason: "\(device.value): \(problem)"))
            case .invalid(let reason):
                r.problems.append(Problem(path: path, line: line, reason: reason))
            }
        }
        return r
    }
}

extension InputPlace {
    /// The path (or `argument` / `entry`) and number, for `PATH:LINE` style reports.
    var pathAndLine: (String, Int) {
        switch self {
        case .line(let path, let n): return (path, n)
        case .argument(let n): return ("argument", n)
        case .entry(let n): return ("entry", n)
        }
    }
}
