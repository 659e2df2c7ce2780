import Foundation
import ThingSpaceAPI

/// Applies one message to the state and returns the work to do. Pure: no I/O, no clock
/// (time comes from `.tick`).
public func update(_ state: inout ConsoleState, _ message: Message) -> [Effect] {
    state.apply(message)
}

extension ConsoleState {
    mutating func apply(_ message: Message) -> [Effect] {
        switch message {
        case .start:
            return beginLoad()
        case .key(let key):
            return handleKey(key)
        case .mouse(let event):
            handleMouse(event)
            return []
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
            scrollToCursor()
            clampHelpScroll()
            return []
        case .tick(let date):
            now = date
            return []
        case .billingLoaded(let billing):
            self.billing = billing
            return []
        case .countsLoaded(let c, let at):
            applyCounts(c)
            countsReadAt = at
            countsCurrent = true
            return []
        case .countsFailed(let error):
            countsCurrent = false
            // The host-unreachable dialog already says why; keep its words in the status line.
            if case .hostUnreachable = modal { return [] }
            status = StatusMessage("Reading licence counts failed: \(Format.error(error))", .error)
            return []
        case .devicePageLoaded(let devices, let loadedSoFar, let done, let generation):
            applyPage(devices, loadedSoFar: loadedSoFar, done: done, generation: generation)
            return []
        case .loadRetrying(let notice, let generation):
            guard generation == load.generation else { return [] }
            load.retry = notice
            status = StatusMessage("Waiting: \(notice.summary)", .warning)
            return []
        case .loadFailed(let error, let generation):
            guard generation == load.generation else { return [] }
            load.error = error
            load.retry = nil
            showError(title: "Loading devices failed",
                      lines: ["Loading devices failed after \(Format.count(store.count, "device")):", Format.error(error),
                              "The console keeps every device it has; r continues from where loading stopped."],
                      status: "Loading devices failed: \(Format.error(error))")
            return []
        case .runEvent(let event, let tag):
            let effects = applyRunEvent(event, tag: tag)
            if case .finished = event { refreshOutcomeView() }
            return effects
        case .runFailedToStart(let error, let tag):
            return runFailedToStart(error, tag: tag)
        case .fileLoaded(let path, let imeis, let problems, let warnings):
            applyFile(path: path, imeis: imeis, problems: problems, warnings: warnings)
            return []
        case .fileLoadFailed(let path, let message):
            showError(title: "Reading the IMEI file failed", lines: [path, message],
                      status: "Reading \(path) failed: \(message)")
            return []
        case .deviceLookedUp(let id, let lookup):
            applyLookup(deviceId: id, .read(lookup))
            return []
        case .deviceLookupFailed(let id, let message):
            applyLookup(deviceId: id, .failed(message))
            return []
        case .resultsSaved(let path):
            status = StatusMessage("Results saved to \(path)", .ok)
            return []
        case .history(let answer):
            applyHistory(answer)
            return []
        case .saveFailed(let path, let message):
            showError(title: "Saving results failed", lines: [path, message],
                      status: "Saving \(path) failed: \(message)")
            return []
        }
    }

    /// An error in the status line, and in a dialog unless another dialog is open.
    mutating func showError(title: String, lines: [String], status text: String) {
        status = StatusMessage(text, .error)
        if modal == nil { modal = .info(InfoDialog(title: title, lines: lines, isError: true)) }
    }

    // MARK: Counts

    /// New counters. During a run the used count only moves the way the run moves it
    /// (`LicenseCounts.merged`); otherwise they replace what was shown.
    mutating func applyCounts(_ c: LicenseCounts) {
        guard let run, run.isActive, let current = counts else {
            counts = c
            return
        }
        counts = current.merged(with: c, during: run.operation)
    }
}
