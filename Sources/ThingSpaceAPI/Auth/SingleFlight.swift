/// One renewal for everyone who needs it at the same moment: the first caller of `run` starts
/// `work` in a task; callers that arrive while it is in flight wait for that same task and get
/// its value or its error. Once it has finished, the next call starts `work` again (nothing is
/// cached here: the owner caches what `work` produced).
///
/// Not `Sendable`: it lives inside one actor and runs on that actor (the caller's isolation), so
/// the owner's checks before `run` and the join itself happen in one step, with no suspension
/// between them in which a finished flight could be missed.
final class SingleFlight<Value: Sendable, Failure: Error> {
    private var inFlight: Task<Value, any Error>?

    /// Callers waiting for the task in flight now (the one that started it included).
    private(set) var waiting = 0
    /// How many times `work` was started.
    private(set) var started = 0

    init() {}

    /// True while a task is in flight.
    var isRunning: Bool { inFlight != nil }

    /// Joins the task in flight, or starts one running `work`; returns its value or throws its error.
    func run(
        isolation: isolated (any Actor)? = #isolation,
        _ work: @escaping @Sendable () async throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        let task: Task<Value, any Error>
        if let inFlight {
            task = inFlight
        } else {
            task = Task { try await work() }
            inFlight = task
            started += 1
        }
        waiting += 1
        defer {
            waiting -= 1
            // The first waiter back forgets the finished task, so the next call starts anew.
            if inFlight == task { inFlight = nil }
        }
        do {
            return try await task.value
        } catch let error as Failure {
            throw error
        } catch {
            preconditionFailure("SingleFlight work can only throw \(Failure.self), got \(type(of: error))")
        }
    }
}
