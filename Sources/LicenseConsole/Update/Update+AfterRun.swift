import ThingSpaceAPI

extension ConsoleState {
    /// Adds a device's result to its attempt history (the details dialog).
    mutating func remember(_ result: DeviceResult, _ operation: LicenseOperation) {
        history.add(DeviceAttempt(time: now, operation: operation, outcome: result.outcome, status: result.status,
                                  reason: result.reason, attempts: result.attempts), for: result.deviceId)
    }

    /// After a run the selection drops the devices that reached the wanted state and keeps
    /// those that did not (so `R` and a second look are natural). Returns the words for the
    /// status line ("7 failed devices stay selected"), nil when the run touched no selected device.
    mutating func narrowSelection(after summary: RunSummary) -> String? {
        var dropped = 0
        var kept = 0
        var keptFailed = 0
        for result in summary.results {
            guard let i = store.index(of: result.deviceId), store.isSelected(i) else { continue }
            if result.outcome.isDone {
                store.setSelected(i, false)
                dropped += 1
            } else if result.outcome == .skipped && result.status != DeviceResult.notSentStatus {
                continue    // invalid or a duplicate: not part of what was sent
            } else {
                kept += 1
                if result.outcome == .failed { keptFailed += 1 }
            }
        }
        if kept > 0 {
            let what = keptFailed == kept ? "failed device" : "device not done"
            let plural = keptFailed == kept ? "failed devices" : "devices not done"
            return "\(Format.count(kept, what, plural: plural)) \(kept == 1 ? "stays" : "stay") selected"
        }
        if dropped > 0 { return "the selection is clear: every device reached the wanted state" }
        return nil
    }
}
