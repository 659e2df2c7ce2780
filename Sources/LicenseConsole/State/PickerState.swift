/// The device list's view state: filter, licence filter, cursor and scroll.
public struct PickerState: Sendable {
    /// The filter text as typed.
    public internal(set) var query = ""
    /// The query `list` was computed for, folded (lowercased bytes).
    var appliedQuery: [UInt8] = []
    /// The licence filter `list` was computed for.
    var appliedLicence: LicenceFilter = .all
    /// all / unlicensed / licensed.
    public internal(set) var licence: LicenceFilter = .all
    /// The filter input has the keyboard (after `/`, until Enter or Esc).
    public internal(set) var editingFilter = false
    /// Store indices shown, ascending; nil shows every device in load order.
    var list: [Int32]?
    /// Position of the cursor in the shown list.
    public internal(set) var cursor = 0
    /// First shown position on screen.
    public internal(set) var top = 0

    /// True when a text or licence filter hides devices.
    public var isFiltered: Bool { list != nil }

    public func shownCount(in store: DeviceStore) -> Int { list?.count ?? store.count }

    /// Store index of shown position `position`.
    public func storeIndex(at position: Int, in store: DeviceStore) -> Int {
        if let list { return Int(list[position]) }
        return position
    }
}
