import Foundation

/// What a run's batches share about stopping and about the host: the operator's stop, the
/// streak of connection-level failures that declares the host dead, and the probe gate (while a
/// streak is running, one request at a time goes out to find out whether the host is back).
///
/// Every wait here (the gate, a back-off) ends at once when the run halts or the task is cancelled.
final class RunControl: Sendable {
    enum Permit: Equatable { case go(probe: Bool), halted }

    private struct State {
        var stopped = false
        var hostFailure: HostFailure?
        var streak = 0
        var probing = false
        var nextWaiter = 0
        /// Moves on every change, so a waiter that checked an old state wakes at once.
        var version = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    let deadHostFailures: Int
    private let state = Locked(State())

    init(deadHostFailures: Int = 3) {
        self.deadHostFailures = max(1, deadHostFailures)
    }

    // MARK: Stop and death

    func requestStop() { change { $0.stopped = true } }

    /// The operator asked the run to stop.
    var isStopped: Bool { state.withLock { $0.stopped } }

    /// Why the host was taken for dead, once it was.
    var hostFailure: HostFailure? { state.withLock { $0.hostFailure } }

    /// Nothing more may be sent: stopped, or the host is dead.
    var isHalted: Bool { state.withLock { $0.stopped || $0.hostFailure != nil } }

    // MARK: The gate

    /// Waits until a request may leave: at once while the host answers; one probe at a time
    /// while a streak of connection-level failures runs. `.halted` when the run stopped, the
    /// host is dead, or the task was cancelled.
    func permit() async -> Permit {
        while true {
            if Task.isCancelled { return .halted }
            let (decided, version): (Permit?, Int) = state.withLock { s in
                if s.stopped || s.hostFailure != nil { return (.halted, s.version) }
                if s.streak == 0 { return (.go(probe: false), s.version) }
                if !s.probing {
                    s.probing = true
                    return (.go(probe: true), s.version)
                }
                return (nil, s.version)
            }
            if let decided { return decided }
            await waitForChange(since: version)
        }
    }

    /// The server answered (any HTTP answer, errors included): the streak ends.
    func answered(probe: Bool) {
        change { s in
            s.streak = 0
            if probe { s.probing = false }
        }
    }

    /// A connection-level failure; returns true when it declares the host dead (the first time).
    @discardableResult
    func connectionFailed(probe: Bool, _ failure: HostFailure) -> Bool {
        var newlyDead = false
        change { s in
            s.streak += 1
            if probe { s.probing = false }
            if s.streak >= deadHostFailures && s.hostFailure == nil {
                s.hostFailure = failure
                newlyDead = true
            }
        }
        return newlyDead
    }

    /// Neither an answer nor a connection failure (a deadline, a cancellation): the probe slot is freed.
    func released(probe: Bool) {
        guard probe else { return }
        change { $0.probing = false }
    }

    // MARK: Waiting

    /// Sleeps `seconds`; false when the run halted (or the task was cancelled) first.
    func sleep(seconds: Double) async -> Bool {
        if isHalted || Task.isCancelled { return false }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do { try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9)) } catch { return false }
                return true
            }
            group.addTask {
                await self.waitUntilHalted()
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first && !self.isHalted
        }
    }

    private func waitUntilHalted() async {
        while !Task.isCancelled {
            let (halted, version) = state.withLock { s in (s.stopped || s.hostFailure != nil, s.version) }
            if halted { return }
            await waitForChange(since: version)
        }
    }

    /// Suspends until the state moves past `version` (or the task is cancelled).
    private func waitForChange(since version: Int) async {
        let id = state.withLock { s -> Int in
            s.nextWaiter += 1
            return s.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if Task.isCancelled || s.version != version { return true }
                    s.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Applies `body` and wakes every waiter, which re-checks.
    private func change(_ body: (inout State) -> Void) {
        let woken = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            body(&s)
            s.version += 1
            let w = Array(s.waiters.values)
            s.waiters.removeAll()
            return w
        }
        for continuation in woken { continuation.resume() }
    }
}

/// The host stopped answering: connection-level failures in a row across batches. Names the
/// host and the step: `assigning batch 3 on 127.0.0.1:8080: connection refused`.
public struct HostFailure: Sendable, Equatable, CustomStringConvertible {
    /// `host:port` as the run addressed it.
    public var host: String
    /// `assigning batch 3`.
    public var step: String
    /// The last failure.
    public var error: ThingSpaceError
    /// Connection-level failures in a row.
    public var failures: Int

    public init(host: String, step: String, error: ThingSpaceError, failures: Int) {
        self.host = host
        self.step = step
        self.error = error
        self.failures = failures
    }

    public var description: String { "\(step) on \(host): \(HostFailure.detail(error))" }

    /// The error without a host the description already names.
    static func detail(_ error: ThingSpaceError) -> String {
        switch error.underlying {
        case .unreachable(_, let detail): return detail
        case .noAnswer(_, let detail): return "no answer (\(detail))"
        case .timeout(let seconds): return "no answer within \(ThingSpaceError.formatSeconds(seconds))"
        default: return error.description
        }
    }

    /// `HOST[:PORT]` of a base URL.
    static func hostPort(_ url: URL) -> String {
        let host = url.host ?? url.absoluteString
        guard let port = url.port else { return host }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
