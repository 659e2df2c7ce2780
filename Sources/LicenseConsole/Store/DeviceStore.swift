import Drawing
import ThingSpaceAPI

/// Every device the account lists, kept column by column (struct of arrays) so a million
/// devices fit in under 200 bytes each: one lowercased search text for the filter, the IMEI
/// and MDN sort keys, the selection as a bitset with running counts, and each device's last
/// run outcome.
///
/// Devices are addressed by their index in load order (`Int`, stored as `Int32` in lists).
/// Nothing here scans all devices except the filter and the whole-selection operations.
public struct DeviceStore: Sendable {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let licensed = Flags(rawValue: 1)
        static let fotaEligible = Flags(rawValue: 2)
        static let upgradeScheduled = Flags(rawValue: 4)
        /// The device's last run was a remove (else an assign).
        static let lastOpRemove = Flags(rawValue: 8)
    }

    static let markNone: UInt8 = 0
    static let markPending: UInt8 = 255
    /// Longest text of one field kept in the search text.
    static let searchFieldLimit = 64

    public private(set) var count = 0
    private var ids: [String] = []
    private var mdns: [String] = []
    /// References into `pairs`: each device's (make, model).
    private(set) var makeModelRefs: [UInt32] = []
    private(set) var firmwareRefs: [UInt32] = []
    private(set) var flags: [UInt8] = []
    /// 0 none, 1...6 a `DeviceOutcome` (index + 1), 255 pending.
    private(set) var marks: [UInt8] = []
    private(set) var reasonRefs: [UInt32] = []
    private(set) var strings = StringTable()
    private(set) var pairs = PairTable()
    /// The widest make, model, firmware and reason held, for the column layout.
    public private(set) var contentWidths = ColumnContentWidths()
    private var indexById: [String: Int32] = [:]

    /// `imei \t mdn \t make \t model \n` per device, lowercased, concatenated.
    private(set) var searchBytes: [UInt8] = []
    /// Start of each device's search text; `count + 1` entries (the last is the end).
    private(set) var searchStarts: [UInt32] = [0]
    /// Search lines of reloaded devices whose text changed length, until `settleSearchText()`.
    var searchRewrites: [Int: [UInt8]] = [:]
    /// Each device's IMEI and MDN sort key (`DeviceStore.textKey`), made once as it arrives.
    private(set) var imeiKeys: [UInt64] = []
    private(set) var mdnKeys: [UInt64] = []

    private var selectionBits: [UInt64] = []
    /// Devices selected.
    public private(set) var selectedCount = 0
    /// Selected devices that hold a licence (a remove frees this many).
    public private(set) var selectedLicensedCount = 0
    /// Devices that hold a licence, as the list and later results say.
    public private(set) var licensedCount = 0

    /// Selected devices without a licence (an assign needs this many).
    public var selectedUnlicensedCount: Int { selectedCount - selectedLicensedCount }

    public init() {}

    // MARK: Loading

    /// Adds a device, or updates the one with the same id. Returns its index and whether it is new.
    @discardableResult
    public mutating func upsert(_ device: DeviceInfo) -> (index: Int, inserted: Bool) {
        if let existing = indexById[device.deviceId] {
            let i = Int(existing)
            setLicensed(i, device.licenseAssigned)
            var f = Flags(rawValue: flags[i])
            if device.fotaEligible { f.insert(.fotaEligible) } else { f.remove(.fotaEligible) }
            if hasUpgrade(device) { f.insert(.upgradeScheduled) } else { f.remove(.upgradeScheduled) }
            flags[i] = f.rawValue
            mdns[i] = device.mdn
            mdnKeys[i] = DeviceStore.textKey(device.mdn)
            makeModelRefs[i] = internPair(device.make, device.model)
            firmwareRefs[i] = internFirmware(device.firmware)
            updateSearchLine(i, device)
            return (i, false)
        }
        let i = count
        ids.append(device.deviceId)
        mdns.append(device.mdn)
        makeModelRefs.append(internPair(device.make, device.model))
        firmwareRefs.append(internFirmware(device.firmware))
        var f: Flags = []
        if device.licenseAssigned { f.insert(.licensed); licensedCount += 1 }
        if device.fotaEligible { f.insert(.fotaEligible) }
        if hasUpgrade(device) { f.insert(.upgradeScheduled) }
        flags.append(f.rawValue)
        marks.append(DeviceStore.markNone)
        reasonRefs.append(0)
        indexById[device.deviceId] = Int32(i)
        let idStart = searchBytes.count
        DeviceStore.appendFolded(device.deviceId, to: &searchBytes)
        let mdnStart = searchBytes.count + 1
        searchBytes.append(9)
        DeviceStore.appendFolded(device.mdn, to: &searchBytes)
        imeiKeys.append(DeviceStore.textKey(searchBytes, idStart..<(mdnStart - 1)))
        mdnKeys.append(DeviceStore.textKey(searchBytes, mdnStart..<searchBytes.count))
        searchBytes.append(9)
        DeviceStore.appendFolded(device.make, to: &searchBytes)
        searchBytes.append(9)
        DeviceStore.appendFolded(device.model, to: &searchBytes)
        searchBytes.append(10)
        precondition(searchBytes.count < Int(UInt32.max), "search text over 4 GiB")
        searchStarts.append(UInt32(searchBytes.count))
        count += 1
        if selectionBits.count * 64 < count { selectionBits.append(0) }
        return (i, true)
    }

    private mutating func internPair(_ make: String, _ model: String) -> UInt32 {
        let before = pairs.count
        let ref = pairs.intern(make, model, in: &strings)
        if pairs.count != before {
            contentWidths.make = max(contentWidths.make, TextWidth.of(make))
            contentWidths.model = max(contentWidths.model, TextWidth.of(model))
        }
        return ref
    }

    private mutating func internFirmware(_ firmware: String) -> UInt32 {
        let before = strings.count
        let ref = strings.intern(firmware)
        if strings.count != before { contentWidths.firmware = max(contentWidths.firmware, TextWidth.of(firmware)) }
        return ref
    }

    private mutating func internReason(_ reason: String) -> UInt32 {
        let before = strings.count
        let ref = strings.intern(reason)
        if strings.count != before { contentWidths.reason = max(contentWidths.reason, TextWidth.of(reason)) }
        return ref
    }

    private func hasUpgrade(_ d: DeviceInfo) -> Bool {
        guard let t = d.upgradeTime else { return false }
        return !t.isEmpty
    }

    static func makeModel(_ make: String, _ model: String) -> String {
        if make.isEmpty { return model }
        if model.isEmpty { return make }
        return make + " " + model
    }

    /// Appends `s` lowercased, tabs and newlines turned to spaces, cut to `limit` bytes.
    static func appendFolded(_ s: String, to buf: inout [UInt8], limit: Int = searchFieldLimit) {
        var n = 0
        let ascii = s.utf8.allSatisfy { $0 < 0x80 }
        let source = ascii ? s : s.lowercased()
        for b in source.utf8 {
            if n >= limit { break }
            var c = b
            if c >= 65 && c <= 90 { c += 32 } else if c == 9 || c == 10 || c == 13 { c = 32 }
            buf.append(c)
            n += 1
        }
    }

    // MARK: Reading one device

    public func index(of deviceId: String) -> Int? { indexById[deviceId].map(Int.init) }
    public func deviceId(_ i: Int) -> String { ids[i] }
    public func mdn(_ i: Int) -> String { mdns[i] }
    public func make(_ i: Int) -> String { strings[pairs.make(makeModelRefs[i])] }
    public func model(_ i: Int) -> String { strings[pairs.model(makeModelRefs[i])] }
    /// Make and model with a space between (either alone when the other is empty).
    public func makeModel(_ i: Int) -> String { DeviceStore.makeModel(make(i), model(i)) }
    public func isFotaEligible(_ i: Int) -> Bool { flags[i] & Flags.fotaEligible.rawValue != 0 }
    public func firmware(_ i: Int) -> String { strings[firmwareRefs[i]] }
    public func isLicensed(_ i: Int) -> Bool { flags[i] & Flags.licensed.rawValue != 0 }
    public func hasUpgradeScheduled(_ i: Int) -> Bool { flags[i] & Flags.upgradeScheduled.rawValue != 0 }
    public func reason(_ i: Int) -> String { strings[reasonRefs[i]] }

    public func lastOutcome(_ i: Int) -> LastOutcome {
        let op: LicenseOperation = flags[i] & Flags.lastOpRemove.rawValue != 0 ? .remove : .assign
        switch marks[i] {
        case DeviceStore.markNone: return .none
        case DeviceStore.markPending: return .pending(op)
        case let m: return .done(DeviceOutcome.allCases[Int(m) - 1], op)
        }
    }

    // MARK: Changing one device

    /// Sets the licence flag, keeping the licensed and selected-licensed counts right.
    public mutating func setLicensed(_ i: Int, _ on: Bool) {
        let was = isLicensed(i)
        guard was != on else { return }
        if on { flags[i] |= Flags.licensed.rawValue; licensedCount += 1 }
        else { flags[i] &= ~Flags.licensed.rawValue; licensedCount -= 1 }
        if isSelected(i) { selectedLicensedCount += on ? 1 : -1 }
    }

    /// Marks the device as waiting in a run of `operation`.
    public mutating func setPending(_ i: Int, _ operation: LicenseOperation) {
        setLastOperation(i, operation)
        marks[i] = DeviceStore.markPending
        reasonRefs[i] = 0
    }

    /// Records a device's result; the licence flag follows outcomes that say the wanted state holds.
    public mutating func record(_ i: Int, outcome: DeviceOutcome, operation: LicenseOperation, reason: String) {
        setLastOperation(i, operation)
        marks[i] = UInt8(DeviceOutcome.allCases.firstIndex(of: outcome)! + 1)
        reasonRefs[i] = internReason(reason)
        switch (operation, outcome) {
        case (.assign, .success), (.assign, .alreadyLicensed): setLicensed(i, true)
        case (.remove, .success), (.remove, .notLicensed): setLicensed(i, false)
        default: break
        }
    }

    /// Restores a last outcome carried over a reload.
    mutating func restore(_ i: Int, last: LastOutcome, reason: String) {
        switch last {
        case .none: marks[i] = DeviceStore.markNone; reasonRefs[i] = 0
        case .pending(let op): setPending(i, op)
        case .done(let outcome, let op):
            setLastOperation(i, op)
            marks[i] = UInt8(DeviceOutcome.allCases.firstIndex(of: outcome)! + 1)
            reasonRefs[i] = internReason(reason)
        }
    }

    private mutating func setLastOperation(_ i: Int, _ operation: LicenseOperation) {
        if operation == .remove { flags[i] |= Flags.lastOpRemove.rawValue }
        else { flags[i] &= ~Flags.lastOpRemove.rawValue }
    }

    // MARK: Selection

    public func isSelected(_ i: Int) -> Bool {
        selectionBits[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    public mutating func setSelected(_ i: Int, _ on: Bool) {
        let mask: UInt64 = 1 << UInt64(i & 63)
        let was = selectionBits[i >> 6] & mask != 0
        guard was != on else { return }
        if on { selectionBits[i >> 6] |= mask } else { selectionBits[i >> 6] &= ~mask }
        selectedCount += on ? 1 : -1
        if isLicensed(i) { selectedLicensedCount += on ? 1 : -1 }
    }

    public mutating func toggleSelected(_ i: Int) { setSelected(i, !isSelected(i)) }

    public mutating func clearSelection() {
        for w in selectionBits.indices { selectionBits[w] = 0 }
        selectedCount = 0
        selectedLicensedCount = 0
    }

    /// Calls `body` with every selected index, ascending. Costs count / 64 plus the selection.
    public func forEachSelected(_ body: (Int) -> Void) {
        for (w, word) in selectionBits.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                let b = bits.trailingZeroBitCount
                body(w << 6 | b)
                bits &= bits - 1
            }
        }
    }

    /// The selected indices, ascending.
    public var selectedIndices: [Int] {
        var out: [Int] = []
        out.reserveCapacity(selectedCount)
        forEachSelected { out.append($0) }
        return out
    }
}

/// Keeping the search text in step when a reloaded device's MDN, make or model changed: a line
/// of the same length is rewritten in place; a longer or shorter one waits in `searchRewrites`
/// until `settleSearchText()` rebuilds the text once (once per page, not once per device).
extension DeviceStore {
    /// `imei \t mdn \t make \t model \n`, folded as the search text holds it.
    static func searchLine(_ device: DeviceInfo) -> [UInt8] {
        var line: [UInt8] = []
        appendFolded(device.deviceId, to: &line)
        line.append(9)
        appendFolded(device.mdn, to: &line)
        line.append(9)
        appendFolded(device.make, to: &line)
        line.append(9)
        appendFolded(device.model, to: &line)
        line.append(10)
        return line
    }

    mutating func updateSearchLine(_ i: Int, _ device: DeviceInfo) {
        let line = DeviceStore.searchLine(device)
        let start = Int(searchStarts[i]), end = Int(searchStarts[i + 1])
        if searchRewrites[i] == nil, end - start == line.count {
            if !searchBytes[start..<end].elementsEqual(line) { searchBytes.replaceSubrange(start..<end, with: line) }
        } else {
            searchRewrites[i] = line
        }
    }

    /// Applies the waiting rewrites in one pass over the search text.
    public mutating func settleSearchText() {
        guard !searchRewrites.isEmpty else { return }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(searchBytes.count + 64 * searchRewrites.count)
        var starts: [UInt32] = [0]
        starts.reserveCapacity(searchStarts.count)
        for i in 0..<count {
            if let line = searchRewrites[i] {
                bytes += line
            } else {
                bytes += searchBytes[Int(searchStarts[i])..<Int(searchStarts[i + 1])]
            }
            starts.append(UInt32(bytes.count))
        }
        searchBytes = bytes
        searchStarts = starts
        searchRewrites = [:]
    }
}
