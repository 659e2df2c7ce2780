import Drawing
import ThingSpaceAPI

extension ConsoleState {
    /// The most IMEIs one copy sends (about 220 KB of OSC 52; tmux drops payloads near 1 MB).
    public static let copyLimit = 10_000
    /// Rows one wheel step moves.
    static let wheelStep = 3

    // MARK: Details

    /// Enter in the list: the details of the device under the cursor; what the list lacks is read.
    mutating func openDetails() -> [Effect] {
        guard let i = cursorDevice else { return [] }
        let id = store.deviceId(i)
        modal = .details(DeviceDetailsDialog(deviceId: id))
        return [.lookUpDevice(deviceId: id, licensed: store.isLicensed(i))]
    }

    mutating func applyLookup(deviceId: String, _ lookup: DeviceDetailsDialog.Lookup) {
        guard case .details(var d) = modal, d.deviceId == deviceId else { return }
        d.lookup = lookup
        modal = .details(d)
    }

    // MARK: Copy

    /// `c`: the selection's IMEIs one a line (at most `copyLimit`), else the one under the cursor.
    mutating func copyIMEIs() -> [Effect] {
        var ids: [String] = []
        let selected = store.selectedCount
        if selected > 0 {
            ids.reserveCapacity(min(selected, ConsoleState.copyLimit))
            store.forEachSelected { i in
                if ids.count < ConsoleState.copyLimit { ids.append(store.deviceId(i)) }
            }
        } else if let i = cursorDevice {
            ids = [store.deviceId(i)]
        }
        guard !ids.isEmpty else { return [] }
        var text = "Sent \(Format.count(ids.count, "IMEI")) to the terminal's clipboard"
        if selected > ids.count {
            text += " (the first \(Format.count(ids.count)) of \(Format.count(selected)) selected; at most \(Format.count(ConsoleState.copyLimit)) at once)"
        }
        status = StatusMessage(text + " (tmux needs set -g set-clipboard on)", .ok)
        return [.copyToClipboard(ids.joined(separator: "\n"))]
    }

    // MARK: Retry with permanent failures

    /// `p` in the retry dialog: send the permanent failures too, or leave them out again.
    mutating func togglePermanent() {
        guard case .confirm(let d) = modal, d.isRetry, let run else { return }
        let include = !d.includePermanent
        let ids = run.retryIds + (include ? d.permanent.map(\.deviceId) : [])
        openConfirm(d.operation, ids: ids, isRetry: true, permanent: d.permanent, includePermanent: include)
    }

    // MARK: Unknown keys

    /// A key nothing takes here: say so, and where the keys are listed.
    mutating func reportUnknownKey(_ key: Key, in context: KeyContext) {
        guard context == .picker || context == .dialog || context == .help || context == .history else { return }
        status = StatusMessage("\(key) does nothing here; \(registry.keyName(.help)) lists the keys", .warning)
    }

    // MARK: Mouse

    /// The wheel scrolls the list (or the help); a click moves the cursor to the row, and a
    /// click on the selection cell toggles it. Dialogs take keys only.
    mutating func handleMouse(_ event: MouseEvent) {
        switch modal {
        case .help(let scroll):
            if event.kind == .wheelUp { setHelpScroll(scroll - ConsoleState.wheelStep) }
            if event.kind == .wheelDown { setHelpScroll(scroll + ConsoleState.wheelStep) }
            return
        case nil:
            break
        default:
            return
        }
        let layout = self.layout
        guard !layout.tooSmall else { return }
        let n = shownCount
        guard n > 0 else { return }
        switch event.kind {
        case .wheelUp, .wheelDown:
            let step = event.kind == .wheelUp ? -ConsoleState.wheelStep : ConsoleState.wheelStep
            picker.top = max(0, min(picker.top + step, max(0, n - layout.tableHeight)))
            moveCursor(to: picker.cursor + step)
        case .click:
            guard event.y >= layout.tableY, event.y < layout.tableY + layout.tableHeight else { return }
            let position = picker.top + (event.y - layout.tableY)
            guard position < n else { return }
            moveCursor(to: position)
            let mark = layout.columns.mark
            if event.x >= mark.x, event.x < mark.x + mark.width, let i = cursorDevice {
                store.toggleSelected(i)
            }
        }
    }
}
