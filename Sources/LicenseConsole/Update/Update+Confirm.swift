import Drawing
import ThingSpaceAPI

extension ConsoleState {
    /// Opens the confirm dialog for the selection (or for given ids on a retry), with the API's
    /// forecast of the run. A selection over the profile's `max_devices` is refused instead.
    mutating func openConfirm(_ operation: LicenseOperation, selection: Bool = false, ids given: [String] = [], isRetry: Bool = false,
                              permanent: [DeviceResult] = [], includePermanent: Bool = false) {
        var devices: [RunForecast.Device] = []
        var upgrades = 0
        var hidden = 0
        func note(_ i: Int) -> Bool {
            let licensed = store.isLicensed(i)
            if operation == .remove && licensed && store.hasUpgradeScheduled(i) { upgrades += 1 }
            return licensed
        }
        if selection {
            devices.reserveCapacity(store.selectedCount)
            store.forEachSelected { i in
                devices.append(RunForecast.Device(id: store.deviceId(i), licensedNow: note(i)))
                if let list = picker.list {
                    let p = ConsoleState.lowerBound(list, Int32(i))
                    if p >= list.count || list[p] != Int32(i) { hidden += 1 }
                }
            }
        } else {
            // Devices the list does not know count as changing.
            devices = given.map { id in RunForecast.Device(id: id, licensedNow: store.index(of: id).map { note($0) }) }
        }
        if refuseByPolicy(operation, deviceCount: devices.count) { return }
        modal = .confirm(ConfirmDialog(forecast: RunForecast(operation: operation, devices: devices, counts: counts),
                                       isRetry: isRetry, upgradesScheduled: upgrades, hiddenByFilter: hidden,
                                       permanent: permanent, includePermanent: includePermanent))
    }

    /// Applies the run guards (read-only, `max_devices`); on a refusal says so in a dialog and
    /// the status line, and returns true. Nothing is sent then.
    mutating func refuseByPolicy(_ operation: LicenseOperation, deviceCount: Int) -> Bool {
        do throws(RunRefusal) {
            try context.runPolicy.check(operation, deviceCount: deviceCount, target: context.targetDescription)
            return false
        } catch {
            modal = nil
            switch error {
            case .tooManyDevices(_, let count, let limit, let origin):
                showError(title: "Too many devices for one run",
                          lines: ["\(Format.count(count, "device")) to \(operation.verb); \(origin) allows at most "
                                  + "\(Format.count(limit)) in one run.",
                                  "Nothing was sent. Select fewer devices, or raise max_devices in the profile."],
                          status: "Refused: \(Format.count(count, "device")), more than "
                                  + (origin == "max_devices" ? "max_devices \(Format.count(limit))" : "\(Format.count(limit)) (\(origin))")
                                  + "; nothing was sent")
            case .readonly:
                showError(title: "Read-only", lines: [error.description], status: "Refused: read-only mode; nothing was sent")
            }
            return true
        }
    }

    /// `y` (or Enter, except for a removal) in a dialog.
    mutating func confirm(key: Key) -> [Effect] {
        switch modal {
        case .confirm(var d):
            let ids = d.deviceIds
            if context.runPolicy.needsTypedCount(ids.count) {
                // Typing the count is the stronger guard: Enter sends once it matches; y never does.
                guard key == .enter else {
                    status = StatusMessage("Type \(Format.count(ids.count)) and press Enter; \(key) does not send a run of "
                                           + "more than \(Format.count(context.typeToConfirmAbove)) devices", .warning)
                    return []
                }
                guard RunPolicy.typedCountMatches(d.typed, deviceCount: ids.count) else {
                    d.typedMismatch = true
                    modal = .confirm(d)
                    return []
                }
            } else if key == .enter && d.operation == .remove {
                let others = registry[.confirm].keys.filter { $0 != .enter }.map(\.description).joined(separator: " or ")
                status = StatusMessage("A removal is confirmed with \(others.isEmpty ? "its confirm key" : others) only", .warning)
                return []
            }
            modal = nil
            if refuseByPolicy(d.operation, deviceCount: ids.count) { return [] }
            guard !ids.isEmpty else {
                status = StatusMessage("Nothing to send", .warning)
                return []
            }
            return startRun(d.operation, ids: ids, followUp: d.followUp)
        case .quitDuringRun:
            return stopAndQuit()
        case .hostUnreachable(let d):
            modal = nil
            if refuseByPolicy(d.operation, deviceCount: d.retryIds.count) { return [] }
            guard !d.retryIds.isEmpty else { return [] }
            return startRun(d.operation, ids: d.retryIds)
        case .info, .details, .help, .prompt, .history, nil:
            modal = nil
            return []
        }
    }

    private mutating func startRun(_ operation: LicenseOperation, ids: [String], followUp: RunFollowUp? = nil) -> [Effect] {
        let tag = nextRunTag
        nextRunTag += 1
        run = RunProgress(tag: tag, operation: operation, deviceIds: ids, startedAt: now, baseUsed: counts?.used)
        run?.followUp = followUp
        for id in ids {
            if let i = store.index(of: id) { store.setPending(i, operation) }
        }
        status = StatusMessage("\(operation == .assign ? "Assigning" : "Removing") licences: \(Format.count(ids.count, "device"))")
        scrollToCursor()
        return [.startRun(operation, deviceIds: ids, runTag: tag)]
    }
}
