import Foundation

/// Turns "these 20,000 IMEIs" into batches on the wire and a live stream of per-device results.
/// Survives throttling (429 halves the concurrency, successes raise it again), server errors,
/// timeouts and resets (retried with exponential back-off and jitter, honouring `Retry-After`),
/// lost replies (re-sent at once, a bounded number of times), expired tokens and sessions
/// (renewed single-flight by the client). A dead host (connection-level failures in a row) stops
/// the run instead of being retried batch by batch.
public struct RunEngine: Sendable {
    public let client: ThingSpaceClient
    public let options: RunOptions
    public let hook: (any RunHook)?

    public init(client: ThingSpaceClient, options: RunOptions = RunOptions(), hook: (any RunHook)? = nil) {
        self.client = client
        self.options = options
        self.hook = hook
    }

    /// Starts a run of a plan (`RunPlanner.plan`): its sendable devices are sent, every other
    /// entry is reported as skipped. Events arrive on `run.events`; the last one is always `.finished`,
    /// whose results hold one result per plan entry, in plan order.
    public func start(_ operation: LicenseOperation, plan: DevicePlan, runId: String = RunId.make()) -> Run {
        let (stream, continuation) = AsyncStream<RunEvent>.makeStream(bufferingPolicy: .unbounded)
        let control = RunControl(deadHostFailures: options.deadHostFailures)
        let task = Task {
            await RunDriver(engine: self, operation: operation, runId: runId, continuation: continuation, control: control)
                .run(plan)
        }
        return Run(id: runId, events: stream, control: control, task: task)
    }

    /// Plans `deviceIds` with the options' Luhn policy, then starts the run.
    public func start(_ operation: LicenseOperation, deviceIds: [String], runId: String = RunId.make()) -> Run {
        start(operation, plan: RunPlanner.plan(deviceIds: deviceIds, luhn: options.luhnPolicy), runId: runId)
    }

    /// A sortable, unique run id: `20261128T063012Z-1a2b3c` (`RunId.make`).
    public static func newRunId(now: Date = Date()) -> String { RunId.make(now: now) }
}

/// A run in progress.
public final class Run: Sendable {
    public let id: String
    public let events: AsyncStream<RunEvent>
    let control: RunControl
    let task: Task<Void, Never>

    init(id: String, events: AsyncStream<RunEvent>, control: RunControl, task: Task<Void, Never>) {
        self.id = id
        self.events = events
        self.control = control
        self.task = task
    }

    /// Stop at once for everything not yet on the wire (batches waiting in back-off included;
    /// their devices end `skipped` / `NotSent`); the batches in flight finish. The summary lists
    /// the unsent devices.
    public func stop() { control.requestStop() }

    /// Cancels everything, including requests in flight (their devices end `unknown`).
    public func cancel() {
        control.requestStop()
        task.cancel()
    }

    /// Waits for the end and returns the summary (consumes the event stream).
    public func summary() async -> RunSummary? {
        var last: RunSummary?
        for await event in events { if case .finished(let s) = event { last = s } }
        return last
    }
}

/// Adaptive concurrency: halves on throttling, rises by one after a run of successes. A lock,
/// not an actor: a batch asks it twice per answer, and an actor hop there is a thread switch
/// between an answer and the lane's next request.
final class ConcurrencyGovernor: Sendable {
    private struct State {
        var limit: Int
        var streak = 0
    }

    let maximum: Int
    let successesBeforeRaise: Int
    private let state: Locked<State>

    init(maximum: Int, successesBeforeRaise: Int) {
        self.maximum = max(1, maximum)
        self.successesBeforeRaise = max(1, successesBeforeRaise)
        state = Locked(State(limit: max(1, maximum)))
    }

    var limit: Int { state.withLock { $0.limit } }

    /// Returns the new limit when it changed.
    func throttled() -> Int? {
        state.withLock { s in
            s.streak = 0
            let new = max(1, s.limit / 2)
            defer { s.limit = new }
            return new != s.limit ? new : nil
        }
    }

    func succeeded() -> Int? {
        let maximum = maximum, needed = successesBeforeRaise
        return state.withLock { s in
            guard s.limit < maximum else { s.streak = 0; return nil }
            s.streak += 1
            guard s.streak >= needed else { return nil }
            s.streak = 0
            s.limit += 1
            return s.limit
        }
    }
}
