import Foundation
import RunJournal
import ThingSpaceAPI

extension ConsoleProgram {
    /// The history view's journal reads, off the main actor (files, never the network).
    func performHistory(_ work: HistoryEffect) {
        let answer = Self.historyAnswer(work, store: services.journal)
        let id = nextTaskId
        nextTaskId += 1
        otherTasks[id] = Task { [weak self] in
            let message = await Task.detached(operation: answer).value
            self?.send(.history(message))
            self?.otherTasks[id] = nil
            self?.effectEnded()
        }
    }

    /// The read `work` asks for, as a closure to run off the main actor.
    private static func historyAnswer(_ work: HistoryEffect, store: JournalStore?) -> @Sendable () -> HistoryMessage {
        guard let store else {
            return { .listed(runs: [], problems: ["runs are not recorded here (no journal)"]) }
        }
        switch work {
        case .list:
            return {
                // Only the newest runs are read (a journal of 20,000 devices takes a moment).
                let (runs, problems) = RunCatalog(store: store).list(limit: ConsoleProgram.historyLimit)
                return .listed(runs: runs, problems: problems, total: store.runIds().count)
            }
        case .read(let runId, let intent, let account, let baseURL):
            return {
                do {
                    let (run, state) = try RunCatalog(store: store).load(runId)
                    return .read(HistoryRun(run, state: state, account: account, baseURL: baseURL), intent: intent)
                } catch {
                    return .failed(runId: runId, message: "\(error)")
                }
            }
        }
    }

    /// The history view lists at most this many runs (newest first).
    nonisolated static let historyLimit = 200
}
