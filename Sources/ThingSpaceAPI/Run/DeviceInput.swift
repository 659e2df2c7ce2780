/// Where one input entry came from, as an operator would look for it.
public enum InputPlace: Hashable, Sendable, CustomStringConvertible {
    /// The Nth command-line argument (1-based): `argument 3`.
    case argument(Int)
    /// A line of a file (1-based); the path is `<stdin>` for standard input: `list.txt:7`.
    case line(path: String, Int)
    /// The Nth device of a list handed over in code, such as the console's selection (1-based): `entry 3`.
    case entry(Int)

    public var description: String {
        switch self {
        case .argument(let n): return "argument \(n)"
        case .line(let path, let n): return "\(path):\(n)"
        case .entry(let n): return "entry \(n)"
        }
    }

    /// The line or position number.
    public var number: Int {
        switch self {
        case .argument(let n), .line(_, let n), .entry(let n): return n
        }
    }
}

/// One entry of a run's input: a raw value at its place, not validated yet. An entry the reader
/// could not make a single value of (two values on a line, an empty CSV column) carries the
/// reader's `problem`; the planner reports it as invalid.
public struct InputEntry: Equatable, Sendable {
    public var place: InputPlace
    /// The value as given, surrounding whitespace removed; empty when the line holds no single value.
    public var value: String
    /// Why the reader could not use this entry, if it could not.
    public var problem: String?

    public init(place: InputPlace, value: String, problem: String? = nil) {
        self.place = place
        self.value = value
        self.problem = problem
    }
}

/// An unusable entry: what was there, where, and why (`list.txt:7: reason`, `argument 2: reason`).
public struct InputProblem: Equatable, Sendable, CustomStringConvertible {
    public var place: InputPlace
    /// The offending value; empty when the line holds no single value.
    public var value: String
    public var reason: String

    public init(place: InputPlace, value: String, reason: String) {
        self.place = place
        self.value = value
        self.reason = reason
    }

    public var description: String { "\(place): \(reason)" }
}

/// The devices of a run as read (arguments, a file, standard input, or a list in code): every
/// entry in input order, each with its place. Blank lines and `#` comments are not entries.
public struct DeviceInput: Equatable, Sendable {
    public var entries: [InputEntry]

    public init(entries: [InputEntry] = []) { self.entries = entries }

    /// A list handed over in code (the console's selection): places are `entry N`.
    public init(deviceIds: [String]) {
        entries = deviceIds.enumerated().map { InputEntry(place: .entry($0.offset + 1), value: $0.element.trimmingCharacters(in: .whitespaces)) }
    }

    /// Entries the reader could not use (before any IMEI validation; the plan has all problems).
    public var readerProblems: [InputProblem] {
        entries.compactMap { e in e.problem.map { InputProblem(place: e.place, value: e.value, reason: $0) } }
    }

    public var isEmpty: Bool { entries.isEmpty }
}
