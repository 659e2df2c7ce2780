/// A column of the device table the operator can show, order and sort by (`[console] columns`
/// in the config file). The selection mark is always the first cell of a row and not a column
/// of this list.
public enum TableColumnKind: String, CaseIterable, Sendable {
    case imei, mdn, make, model, firmware, eligible, licence, outcome

    /// Every column, in the default order.
    public static let standard: [TableColumnKind] = allCases

    /// The name the config file uses; `license` is accepted for `licence`.
    public init?(configName: String) {
        let name = configName.lowercased()
        if name == "license" { self = .licence; return }
        self.init(rawValue: name)
    }

    /// The header cell.
    public var title: String {
        switch self {
        case .imei: return "IMEI"
        case .mdn: return "MDN"
        case .make: return "MAKE"
        case .model: return "MODEL"
        case .firmware: return "FIRMWARE"
        case .eligible: return "FOTA"
        case .licence: return "LIC"
        case .outcome: return "OUTCOME"
        }
    }

    /// Words for the status line (`sorted by firmware`).
    public var words: String {
        switch self {
        case .imei: return "IMEI"
        case .mdn: return "MDN"
        case .make: return "make"
        case .model: return "model"
        case .firmware: return "firmware"
        case .eligible: return "FOTA eligibility"
        case .licence: return "licence"
        case .outcome: return "last outcome"
        }
    }

    /// The columns named by a config file's `columns` list, in its order. An unknown name, a
    /// name listed twice or an empty list is an error naming the file, the line and the key.
    public static func parse(_ names: [String], file: String, line: Int = 0) throws(ColumnChoiceError) -> [TableColumnKind] {
        func fail(_ message: String) -> ColumnChoiceError {
            ColumnChoiceError(file: file, line: line, key: "console.columns", message: message)
        }
        guard !names.isEmpty else { throw fail("choose at least one column (\(known))") }
        var chosen: [TableColumnKind] = []
        for name in names {
            guard let kind = TableColumnKind(configName: name) else {
                throw fail("unknown column \"\(name)\" (columns: \(known); license is accepted for licence)")
            }
            guard !chosen.contains(kind) else { throw fail("column \"\(name)\" is listed twice") }
            chosen.append(kind)
        }
        return chosen
    }

    static var known: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A `columns` list that cannot be used: names the file (and line) and the key.
public struct ColumnChoiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var key: String
    public var message: String

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return "\(place): \(key): \(message)"
    }
}
