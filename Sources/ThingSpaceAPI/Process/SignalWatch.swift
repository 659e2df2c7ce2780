import Dispatch
import Foundation

/// The one way the process hears SIGINT, SIGTERM and SIGHUP: the commands (first signal stops a
/// run after the batches in flight, the second cancels them), the simulator (stop, then exit) and
/// the console (quit and restore the terminal) all watch through it.
///
/// While at least one watch exists for a signal, an async-signal-safe handler (it only writes the
/// signal's number to a pipe) replaces the signal's action, and every watch of that signal is
/// told, in order, on a private serial queue; when the last watch of a signal is cancelled, the
/// action it had before comes back. Several watches may coexist (the console and a run inside it).
/// Dispatch signal sources are not used: on Linux they read a signalfd, which only sees a signal
/// that every thread blocks, so a signal sent to the process can miss them.
public final class SignalWatch: Sendable {
    /// SIGINT, SIGTERM and SIGHUP.
    public static let termination: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Every signal received, in order (also delivered to the handler).
    public let events: AsyncStream<Int32>
    let id: Int
    let signals: Set<Int32>
    private let state: Locked<State>
    private let handler: (@Sendable (_ signal: Int32, _ count: Int) -> Void)?

    private struct State {
        var continuation: AsyncStream<Int32>.Continuation?
        var received = 0
    }

    /// Starts watching `signals`. `handler`, if given, runs on a private serial queue with the
    /// signal number and how many signals this watch has received so far (1 for the first).
    public init(_ signals: [Int32] = SignalWatch.termination,
                handler: (@Sendable (_ signal: Int32, _ count: Int) -> Void)? = nil) {
        let (events, continuation) = AsyncStream<Int32>.makeStream(bufferingPolicy: .unbounded)
        self.events = events
        self.signals = Set(signals)
        self.handler = handler
        state = Locked(State(continuation: continuation))
        id = SignalRouter.shared.newId()
        SignalRouter.shared.add(self)
    }

    deinit { cancel() }

    /// Signals received so far.
    public var receivedCount: Int { state.withLock { $0.received } }

    /// Stops watching; `events` ends. Idempotent.
    public func cancel() {
        let continuation = state.withLock { s -> AsyncStream<Int32>.Continuation? in
            defer { s.continuation = nil }
            return s.continuation
        }
        guard let continuation else { return }
        SignalRouter.shared.remove(id)
        continuation.finish()
    }

    /// Called by the router on its queue.
    func deliver(_ signal: Int32) {
        let count = state.withLock { s -> Int? in
            guard let continuation = s.continuation else { return nil }
            s.received += 1
            continuation.yield(signal)
            return s.received
        }
        if let count { handler?(signal, count) }
    }
}
