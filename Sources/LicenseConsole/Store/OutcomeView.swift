import ThingSpaceAPI

/// Which devices the picker shows by their last run outcome (`f`).
public enum OutcomeView: String, CaseIterable, Sendable {
    case all, failed, succeeded, unknown, notSent

    /// `f` cycles all -> failed -> succeeded -> unknown -> not sent -> all.
    public var next: OutcomeView {
        let cases = OutcomeView.allCases
        return cases[(cases.firstIndex(of: self)! + 1) % cases.count]
    }

    /// Words for the list line and the status line (`failed`, `not sent`).
    public var words: String {
        switch self {
        case .all: return "all outcomes"
        case .failed: return "failed"
        case .succeeded: return "succeeded"
        case .unknown: return "unknown"
        case .notSent: return "not sent"
        }
    }

    /// The outcomes this view shows (every device, with or without one, for `all`).
    public var outcomes: [DeviceOutcome] {
        switch self {
        case .all: return DeviceOutcome.allCases
        case .failed: return [.failed]
        case .succeeded: return [.success, .alreadyLicensed, .notLicensed]
        case .unknown: return [.unknown]
        case .notSent: return [.skipped]
        }
    }

    /// Which store marks (0 none, 1...6 an outcome, 255 pending) this view shows, as a table.
    var allowedMarks: [Bool] { OutcomeView.markTables[OutcomeView.allCases.firstIndex(of: self)!] }

    private static let markTables: [[Bool]] = allCases.map { view in
        var table = [Bool](repeating: view == .all, count: 256)
        if view != .all { for outcome in view.outcomes { table[DeviceStore.mark(of: outcome)] = true } }
        return table
    }
}

extension DeviceStore {
    /// The store's mark for an outcome.
    static func mark(of outcome: DeviceOutcome) -> Int {
        DeviceOutcome.allCases.firstIndex(of: outcome)! + 1
    }

    /// The outcome of a device's last run, nil when it has none yet (never in a run, or pending).
    public func outcome(_ i: Int) -> DeviceOutcome? {
        let m = marks[i]
        guard m != DeviceStore.markNone, m != DeviceStore.markPending else { return nil }
        return DeviceOutcome.allCases[Int(m) - 1]
    }

    /// Devices whose last outcome the view shows, ascending (every device for `.all`).
    public func indices(in view: OutcomeView) -> [Int32] {
        filter(query: [], licence: .all, outcome: view)
    }

    /// Devices whose last outcome is one of `outcomes`, ascending.
    public func indices(withOutcome outcomes: Set<DeviceOutcome>) -> [Int32] {
        var allowed = [Bool](repeating: false, count: 256)
        for outcome in outcomes { allowed[DeviceStore.mark(of: outcome)] = true }
        var out: [Int32] = []
        marks.withUnsafeBufferPointer { m in
            for i in 0..<count where allowed[Int(m[i])] { out.append(Int32(i)) }
        }
        return out
    }

    /// Failed devices whose reason says no retry can help (not found, not eligible: the outcome
    /// model's list), ascending. A retry leaves these out unless the operator includes them.
    public var permanentlyFailedIndices: [Int32] {
        indices(withOutcome: [.failed]).filter { DeviceOutcome.isPermanentFailure(reason: reason(Int($0))) }
    }

    /// Failed devices a retry can help, devices `unknown` and devices not sent, ascending.
    public var retryableIndices: [Int32] {
        indices(withOutcome: [.failed, .unknown, .skipped]).filter { i in
            outcome(Int(i)) != .failed || !DeviceOutcome.isPermanentFailure(reason: reason(Int(i)))
        }
    }
}
