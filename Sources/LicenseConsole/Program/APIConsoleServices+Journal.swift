import Foundation
import RunJournal
import ThingSpaceAPI

extension APIConsoleServices {
    /// A run of the engine recorded in `store`: the recorder is the engine's hook (a batch's
    /// intent is on disk before it leaves), sees every event, and writes the end record before
    /// the console hears `.finished`, so a console that quits once its runs have ended leaves
    /// every journal complete. A resume appends to its run's journal; an undo names its run.
    func journaledRun(_ request: ConsoleRunRequest, store: JournalStore) -> ConsoleRun {
        let plan = RunPlanner.plan(deviceIds: request.deviceIds, luhn: runOptions.luhnPolicy)
        let handle = RunHandle()
        let (events, feed) = AsyncStream<RunEvent>.makeStream(bufferingPolicy: .unbounded)
        let client = client
        let options = runOptions
        let profile = profileName
        let session = session
        Task {
            let runId: String
            let recorder: RunRecorder
            var mark: @Sendable (DeviceResult) -> DeviceResult = { $0 }
            do {
                switch request.followUp {
                case .resume(let resumePlan)?:
                    runId = resumePlan.runId
                    recorder = try await RunRecorder.resume(store, runId: runId, devices: resumePlan.devices)
                    mark = resumePlan.marked
                case .undo(let undone)?:
                    runId = RunId.make()
                    recorder = try await RunRecorder.begin(store, header: Self.header(client, request, runId: runId, profile: profile,
                                                                                       undoes: undone), plan: plan)
                case nil:
                    runId = RunId.make()
                    recorder = try await RunRecorder.begin(store, header: Self.header(client, request, runId: runId, profile: profile,
                                                                                       undoes: nil), plan: plan)
                }
            } catch {
                // Nothing is sent that could not be recorded.
                feed.yield(.finished(RunSummary(runId: "", operation: request.operation, account: client.account, results: [],
                                                unsent: plan.toSend, elapsedMs: 0, counts: nil, stopped: false,
                                                fatalError: .invalidInput("the run journal could not be opened (\(error)); nothing was sent"))))
                feed.finish()
                return
            }
            session.insert(runId)
            let before = request.licensedBefore.filter { plan.toSend.contains($0.key) }
            if !before.isEmpty { try? await recorder.recordBefore(before) }
            let run = RunEngine(client: client, options: options, hook: recorder).start(request.operation, plan: plan, runId: runId)
            handle.attach(run)
            for await event in run.events {
                recorder.observe(event)
                switch event {
                case .finished(var summary):
                    try? await recorder.finish(summary, signal: handle.signal)
                    summary.results = summary.results.map(mark)
                    feed.yield(.finished(summary))
                case .batchResults(let results, let batch):
                    feed.yield(.batchResults(results.map(mark), batch: batch))
                default:
                    feed.yield(event)
                }
            }
            feed.finish()
        }
        return ConsoleRun(events: events, stop: { handle.stop() }, cancel: { handle.cancel() },
                          stopForSignal: { handle.stop(signal: $0) })
    }

    private static func header(_ client: ThingSpaceClient, _ request: ConsoleRunRequest, runId: String, profile: String?,
                               undoes: String?) -> RunHeader {
        RunHeader(runId: runId, account: client.account, baseURL: client.configuration.baseURL.absoluteString,
                  apiVersion: client.configuration.apiVersion.rawValue, operation: request.operation,
                  profile: profile, undoes: undoes)
    }
}

/// The engine's run once it has started (the journal is opened first): a stop or cancel asked
/// for before then is applied as it starts. Behind a lock: called from the console's actor and
/// the run's task.
final class RunHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var run: Run?
    private var stopped = false
    private var cancelled = false
    private var stopSignal: Int32?

    func attach(_ run: Run) {
        let (stop, cancel) = lock.withLock { () -> (Bool, Bool) in
            self.run = run
            return (stopped, cancelled)
        }
        if cancel { run.cancel() } else if stop { run.stop() }
    }

    func stop(signal: Int32? = nil) {
        let run = lock.withLock { () -> Run? in
            stopped = true
            if stopSignal == nil { stopSignal = signal }
            return self.run
        }
        run?.stop()
    }

    func cancel() {
        let run = lock.withLock { () -> Run? in
            cancelled = true
            return self.run
        }
        run?.cancel()
    }

    /// The SIGHUP or SIGTERM that stopped the run, if one did.
    var signal: Int32? { lock.withLock { stopSignal } }
}
