/// Which batch goes next, shared by the run's driver and its batches. A batch that got its answer
/// takes the next one for its lane itself, before its results are journaled, so the journal can
/// make the results and the next batch's intent durable together (one fsync, not two, between an
/// answer and the lane's next request).
final class BatchDispatch: Sendable {
    private struct State {
        /// The first batch nobody has taken.
        var next = 0
        /// Batches taken and not ended.
        var inFlight = 0
        /// A batch ended the run with a fatal error: no batch is taken any more.
        var fatal = false
    }

    let count: Int
    private let state = Locked(State())

    init(count: Int) { self.count = count }

    /// Takes the next batch: nil when none is left, the run is stopping, or every lane under
    /// `limit` is busy. `handingOver`: the caller's own batch is ending and gives it its lane.
    func take(limit: Int, stopping: Bool, handingOver: Bool = false) -> Int? {
        state.withLock { s in
            let busy = s.inFlight - (handingOver ? 1 : 0)
            guard !stopping, !s.fatal, s.next < count, busy < limit else { return nil }
            s.next += 1
            s.inFlight += 1
            return s.next - 1
        }
    }

    /// A batch taken has ended (answered, given up, or never sent).
    func ended() { state.withLock { $0.inFlight -= 1 } }

    /// A batch ended the run: nothing more is taken.
    func stopTaking() { state.withLock { $0.fatal = true } }

    /// Batches taken and not ended.
    var inFlight: Int { state.withLock { $0.inFlight } }

    /// The first batch never taken (every later one is never taken either).
    var next: Int { state.withLock { $0.next } }
}
