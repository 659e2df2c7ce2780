/// One input entry as the planner judged it.
public struct PlannedDevice: Equatable, Sendable {
    public enum Verdict: Equatable, Sendable {
        /// A well-formed IMEI, seen here first: sent.
        case valid
        /// Sent, with a remark: a bad Luhn check digit under the `warn` policy.
        case validWithWarning(IMEI.Problem)
        /// Never sent; the reason names the value (`"12345" is not an IMEI: ...`).
        case invalid(String)
        /// The same IMEI as an earlier entry, at `first`: sent once, there.
        case duplicate(first: InputPlace)
    }

    public var place: InputPlace
    /// The raw value of the entry.
    public var value: String
    /// The IMEI for a valid entry or a duplicate, else the raw value.
    public var deviceId: String
    public var verdict: Verdict

    /// This entry is the one that sends its IMEI.
    public var isSent: Bool {
        switch verdict {
        case .valid, .validWithWarning: return true
        case .invalid, .duplicate: return false
        }
    }

    public var isInvalid: Bool {
        if case .invalid = verdict { return true }
        return false
    }

    /// `PLACE: reason` for an invalid entry.
    public var problem: InputProblem? {
        guard case .invalid(let reason) = verdict else { return nil }
        return InputProblem(place: place, value: value, reason: reason)
    }

    /// `PLACE: VALUE: remark (sent anyway)` for a valid entry with a remark.
    public var warning: String? {
        guard case .validWithWarning(let problem) = verdict else { return nil }
        return "\(place): \(value): \(problem) (sent anyway)"
    }

    /// The result of an entry never sent (invalid or a duplicate), `.skipped`.
    public var skippedResult: DeviceResult? {
        switch verdict {
        case .valid, .validWithWarning:
            return nil
        case .invalid:
            return DeviceResult(deviceId: value, status: "Invalid", reason: problem!.description, outcome: .skipped)
        case .duplicate:
            return DeviceResult(deviceId: deviceId, status: "Duplicate", reason: "listed more than once; sent once", outcome: .skipped)
        }
    }
}

/// A run's input, judged: one entry per input entry, in input order.
public struct DevicePlan: Equatable, Sendable {
    public let devices: [PlannedDevice]
    /// The IMEIs to send: the first occurrence of each valid one, in input order.
    public let toSend: [String]

    public init(devices: [PlannedDevice]) {
        self.devices = devices
        toSend = devices.filter(\.isSent).map(\.deviceId)
    }

    /// Every invalid entry, in input order.
    public var problems: [InputProblem] { devices.compactMap(\.problem) }
    /// Every remark on a sent entry, in input order.
    public var warnings: [String] { devices.compactMap(\.warning) }
    /// The results of the entries never sent (invalid, duplicates), in input order.
    public var skipped: [DeviceResult] { devices.compactMap(\.skippedResult) }
    /// Entries that are not invalid (sent ones and their repeats).
    public var validCount: Int { devices.count - devices.lazy.filter(\.isInvalid).count }
}

/// Validates a run's input once, with one Luhn policy, and splits what is sent into batches.
public enum RunPlanner {
    public static func plan(_ input: DeviceInput, luhn: IMEI.LuhnPolicy) -> DevicePlan {
        var firstPlace: [String: InputPlace] = [:]
        var devices: [PlannedDevice] = []
        devices.reserveCapacity(input.entries.count)
        for entry in input.entries {
            let value = entry.value.trimmingCharacters(in: .whitespaces)
            if let problem = entry.problem {
                devices.append(PlannedDevice(place: entry.place, value: value, deviceId: value, verdict: .invalid(problem)))
                continue
            }
            let verdict: PlannedDevice.Verdict
            let validation = IMEI.validate(value, luhn: luhn)
            switch validation {
            case .invalid(let problem):
                let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
                devices.append(PlannedDevice(place: entry.place, value: value, deviceId: value,
                                             verdict: .invalid("\(shown.debugDescription) is not an IMEI: \(problem)")))
                continue
            case .valid:
                verdict = .valid
            case .validWithWarning(_, let problem):
                verdict = .validWithWarning(problem)
            }
            let id = validation.imei!.value
            if let first = firstPlace[id] {
                devices.append(PlannedDevice(place: entry.place, value: value, deviceId: id, verdict: .duplicate(first: first)))
            } else {
                firstPlace[id] = entry.place
                devices.append(PlannedDevice(place: entry.place, value: value, deviceId: id, verdict: verdict))
            }
        }
        return DevicePlan(devices: devices)
    }

    /// A list handed over in code (the console's selection); places are `entry N`.
    public static func plan(deviceIds: [String], luhn: IMEI.LuhnPolicy) -> DevicePlan {
        plan(DeviceInput(deviceIds: deviceIds), luhn: luhn)
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
