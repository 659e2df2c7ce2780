import Drawing
import ThingSpaceAPI

extension ConsoleState {
    /// Starts a new load generation.
    mutating func beginLoad() -> [Effect] {
        load = LoadState()
        load.generation = nextGeneration
        nextGeneration += 1
        return [.loadAll(generation: load.generation)]
    }

    /// Ranges read in parallel by `r` once every device is known.
    static let refreshRanges = 4

    /// `r`: forget the devices and read everything again. The selection and last outcomes
    /// are carried by device id and restored as the devices come back. When every device was
    /// read, the list is read again as `refreshRanges` ranges in parallel, each starting at a
    /// device of the list.
    mutating func refresh() -> [Effect] {
        if load.error != nil && !load.done { return resumeLoad() }
        let starts = load.done ? rangeStarts() : []
        store.forEachSelected { i in
            carried[store.deviceId(i)] = CarriedDevice(selected: true, last: store.lastOutcome(i), reason: store.reason(i))
        }
        for i in 0..<store.count where !store.isSelected(i) {
            let last = store.lastOutcome(i)
            if last != .none { carried[store.deviceId(i)] = CarriedDevice(selected: false, last: last, reason: store.reason(i)) }
        }
        store = DeviceStore()
        extras = DeviceExtras()
        if picker.list != nil { picker.list = [] }
        if let order = picker.order { picker.order = DeviceOrder(store: store, column: order.column, descending: order.descending) }
        picker.cursor = 0
        picker.top = 0
        status = StatusMessage("Reading licence counts and devices again...")
        let effects = beginLoad()
        return starts.isEmpty ? effects : [.loadInRanges(generation: load.generation, starts: starts)]
    }

    /// Where the ranges after the first start: devices of the list splitting it evenly.
    private func rangeStarts() -> [String] {
        let n = store.count
        let parts = Self.refreshRanges
        guard n >= parts * 500 else { return [] }
        // The list is in the order it was read (the IMEI order): a sample at even places splits it.
        let sample = (0..<parts * 2).map { store.deviceId($0 * n / (parts * 2)) }
        return ThingSpaceClient.rangeStarts(knownIds: sample, ranges: parts)
    }

    /// `r` after loading failed: continue from the page that failed, keeping every device.
    mutating func resumeLoad() -> [Effect] {
        load.error = nil
        load.retry = nil
        status = StatusMessage("Continuing to load devices after \(Format.count(store.count))...")
        return [.resumeLoad(generation: load.generation)]
    }

    mutating func applyPage(_ devices: [DeviceInfo], loadedSoFar: Int, done: Bool, generation: Int) {
        guard generation == load.generation else { return }
        load.retry = nil
        if status?.text.hasPrefix("Waiting: ") == true { status = nil }
        var added: [Int32] = []
        for device in devices {
            let (i, inserted) = store.upsert(device)
            extras.set(i, device)
            guard inserted else { continue }
            if !carried.isEmpty, let c = carried.removeValue(forKey: device.deviceId) {
                if c.selected { store.setSelected(i, true) }
                if c.last != .none { store.restore(i, last: c.last, reason: c.reason) }
            }
            if !pendingFileSelect.isEmpty, pendingFileSelect.remove(device.deviceId) != nil {
                store.setSelected(i, true)
            }
            added.append(Int32(i))
        }
        store.settleSearchText()
        showAddedDevices(added)
        load.loaded = max(loadedSoFar, store.count)
        if done { finishLoading() }
        scrollToCursor()
    }

    private mutating func finishLoading() {
        load.done = true
        var notes: [String] = []
        let lostSelected = carried.values.filter(\.selected).count
        if lostSelected > 0 {
            notes.append("\(Format.count(lostSelected, "selected device")) \(lostSelected == 1 ? "is" : "are") no longer in the account")
        }
        if !pendingFileSelect.isEmpty {
            let sample = pendingFileSelect.sorted().prefix(3).joined(separator: ", ")
            notes.append("\(Format.count(pendingFileSelect.count, "IMEI")) from \(pendingFilePath ?? "the file") \(pendingFileSelect.count == 1 ? "is" : "are") not in the account: \(sample)\(pendingFileSelect.count > 3 ? ", ..." : "")")
        }
        carried = [:]
        pendingFileSelect = []
        if !notes.isEmpty {
            status = StatusMessage(notes.joined(separator: "; "), .warning)
        } else if status == nil || status?.level == .info {
            status = StatusMessage("Loaded \(Format.count(store.count, "device"))", .ok)
        }
    }
}
