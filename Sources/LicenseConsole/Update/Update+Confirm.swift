import Drawing
import ThingSpaceAPI

extension ConsoleState {
    /// Opens the confirm dialog for the selection (or for given ids on a retry).
    mutating func openConfirm(_ operation: LicenseOperation, selection: Bool = false, ids given: [String] = [], isRetry: Bool = false) {
        var ids: [String] = []
        var changingIds: [Bool] = []   // per id: its licence would change
        var upgrades = 0
        var hidden = 0
        if selection {
            ids.reserveCapacity(store.selectedCount)
            changingIds.reserveCapacity(store.selectedCount)
            store.forEachSelected { i in
                ids.append(store.deviceId(i))
                let licensed = store.isLicensed(i)
                changingIds.append(operation == .assign ? !licensed : licensed)
                if operation == .remove && licensed && store.hasUpgradeScheduled(i) { upgrades += 1 }
                if let list = picker.list {
                    let p = ConsoleState.lowerBound(list, Int32(i))
                    if p >= list.count || list[p] != Int32(i) { hidden += 1 }
                }
            }
        } else {
            ids = given
            for id in given {
                // Devices the list does not know count as changing.
                guard let i = store.index(of: id) else { changingIds.append(true); continue }
                let licensed = store.isLicensed(i)
                changingIds.append(operation == .assign ? !licensed : licensed)
                if operation == .remove && licensed && store.hasUpgradeScheduled(i) { upgrades += 1 }
            }
        }
        let changing = changingIds.lazy.filter { $0 }.count
        var excess = 0
        var fitIds: [String]?
        if operation == .assign, let counts, changing > counts.free {
            excess = changing - counts.free
            var room = counts.free
            var fit: [String] = []
            fit.reserveCapacity(ids.count - excess)
            for (id, needs) in zip(ids, changingIds) {
                if !needs { fit.append(id) } else if room > 0 { fit.append(id); room -= 1 }
            }
            fitIds = fit
        }
        modal = .confirm(ConfirmDialog(
            operation: operation, isRetry: isRetry, allIds: ids, fitIds: fitIds,
            alreadyInState: ids.count - changing, changing: changing, excess: excess,
            upgradesScheduled: upgrades, counts: counts,
            hiddenByFilter: hidden, choice: fitIds == nil ? .sendAll : .onlyFit, typed: "", typedMismatch: false))
    }

    /// `y` (or Enter, except for a removal) in a dialog.
    mutating func confirm(key: Key) -> [Effect] {
        switch modal {
        case .confirm(var d):
            if key == .enter && d.operation == .remove {
                status = StatusMessage("A removal is confirmed with y only", .warning)
                return []
            }
            let ids = d.deviceIds
            if ids.count > context.typeToConfirmAbove && d.typed != String(ids.count) {
                d.typedMismatch = true
                modal = .confirm(d)
                return []
            }
            modal = nil
            guard !ids.isEmpty else {
                status = StatusMessage("Nothing to send", .warning)
                return []
            }
            return startRun(d.operation, ids: ids)
        case .quitDuringRun:
            return stopAndQuit()
        case .info, .help, .prompt, nil:
            modal = nil
            return []
        }
    }

    private mutating func startRun(_ operation: LicenseOperation, ids: [String]) -> [Effect] {
        let tag = nextRunTag
        nextRunTag += 1
        run = RunProgress(tag: tag, operation: operation, deviceIds: ids, startedAt: now, baseUsed: counts?.used)
        for id in ids {
            if let i = store.index(of: id) { store.setPending(i, operation) }
        }
        status = StatusMessage("\(operation == .assign ? "Assigning" : "Removing") licences: \(Format.count(ids.count)) devices")
        scrollToCursor()
        return [.startRun(operation, deviceIds: ids, runTag: tag)]
    }
}
