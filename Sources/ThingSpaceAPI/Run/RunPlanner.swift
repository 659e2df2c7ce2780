/// Validates and de-duplicates the input of a run, and splits it into batches.
public enum RunPlanner {
    public struct Prepared: Sendable, Equatable {
        public var toSend: [String]
        public var skipped: [DeviceResult]
        public var warnings: [String]
    }

    /// Every input entry ends up either in `toSend` (first occurrence of a valid IMEI) or in
    /// `skipped` (invalid, or a repeat), in input order.
    public static func prepare(_ deviceIds: [String], luhn: IMEI.LuhnPolicy) -> Prepared {
        var seen = Set<String>()
        var toSend: [String] = []
        var skipped: [DeviceResult] = []
        var warnings: [String] = []
        toSend.reserveCapacity(deviceIds.count)
        for raw in deviceIds {
            let id = raw.trimmingCharacters(in: .whitespaces)
            switch IMEI.validate(id, luhn: luhn) {
            case .invalid(let problem):
                skipped.append(DeviceResult(deviceId: id, status: "Invalid", reason: problem.description, outcome: .skipped))
            case .valid(let imei), .validWithWarning(let imei, _):
                if case .validWithWarning(_, let problem) = IMEI.validate(id, luhn: luhn) {
                    warnings.append("\(id): \(problem) (sent anyway)")
                }
                if seen.insert(imei.value).inserted {
                    toSend.append(imei.value)
                } else {
                    skipped.append(DeviceResult(deviceId: imei.value, status: "Duplicate",
                                                reason: "listed more than once; sent once", outcome: .skipped))
                }
            }
        }
        return Prepared(toSend: toSend, skipped: skipped, warnings: warnings)
    }

    public static func batches(_ ids: [String], size: Int) -> [[String]] {
        stride(from: 0, to: ids.count, by: max(1, size)).map { Array(ids[$0..<min(ids.count, $0 + max(1, size))]) }
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

extension Set where Element == Character {
    static let whitespaces: Set<Character> = [" ", "\t", "\r", "\n"]
}
