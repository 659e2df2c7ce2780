/// The device list's view state: filter, licence and outcome views, sort, cursor and scroll.
public struct PickerState: Sendable {
    /// The filter text as typed.
    public internal(set) var query = ""
    /// The query `list` was computed for, folded (lowercased bytes).
    var appliedQuery: [UInt8] = []
    /// The licence filter `list` was computed for.
    var appliedLicence: LicenceFilter = .all
    /// The outcome view `list` was computed for.
    var appliedOutcome: OutcomeView = .all
    /// all / unlicensed / licensed.
    public internal(set) var licence: LicenceFilter = .all
    /// all / failed / succeeded / unknown / not sent (`f`).
    public internal(set) var outcome: OutcomeView = .all
    /// The sort column (nil: load order) and direction.
    public internal(set) var sort = TableSort()
    /// The filter input has the keyboard (after `/`, until Enter or Esc).
    public internal(set) var editingFilter = false
    /// Store indices shown, in the sort order (ascending without one); nil shows every device.
    var list: [Int32]?
    /// Every device in the sort order; nil for load order.
    var order: DeviceOrder?
    /// Position of the cursor in the shown list.
    public internal(set) var cursor = 0
    /// First shown position on screen.
    public internal(set) var top = 0

    /// True when a text, licence or outcome filter hides devices.
    public var isFiltered: Bool { list != nil }

    public func shownCount(in store: DeviceStore) -> Int { list?.count ?? store.count }

    /// Store index of shown position `position`.
    public func storeIndex(at position: Int, in store: DeviceStore) -> Int {
        if let list { return Int(list[position]) }
        if let order { return Int(order.indices[position]) }
        return position
    }
}

/// The picker's sort: a column (nil for load order) and a direction.
public struct TableSort: Equatable, Sendable {
    public var column: TableColumnKind?
    public var descending = false

    public init(column: TableColumnKind? = nil, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }

    /// `sorted by firmware, descending`, or `in load order`.
    public var words: String {
        guard let column else { return "in load order" }
        return "sorted by \(column.words)\(descending ? ", descending" : "")"
    }
}
