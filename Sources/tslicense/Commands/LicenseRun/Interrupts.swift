import Foundation
import ThingSpaceAPI

/// SIGINT, SIGTERM or SIGHUP during a run, through the one signal watch.
///
/// - SIGINT (Ctrl-C): the first stops at once everything not yet on the wire (batches waiting in
///   back-off included; those in flight finish), the second cancels the requests in flight (their
///   devices end unknown).
/// - SIGHUP (the SSH link dropped) and SIGTERM: the same stop, and the batches in flight get
///   `grace` seconds before they are cancelled; the run is then recorded and the command exits
///   with 128 + the signal's number. A second signal of any kind cancels at once.
final class Interrupts: Sendable {
    /// Seconds the batches in flight get after SIGHUP or SIGTERM.
    static let grace: Double = 5

    private let watch: SignalWatch
    private let received = SignalBox()

    init(run: Run, grace: Double = Interrupts.grace) {
        let received = self.received
        watch = SignalWatch { signal, count in
            if count == 1 {
                if signal == SIGINT {
                    FileOutput.stderr("\nstopping: no new batches, at once; waiting for the batches in flight (again to cancel them)")
                    run.stop()
                    return
                }
                received.set(signal)
                FileOutput.stderr("\n\(Interrupts.name(signal)): stopping: no new batches, at once; the batches in flight get "
                                  + "\(Int(grace)) s, then the run is recorded and tslicense exits \(128 + signal)")
                run.stop()
                Task {
                    try? await Task.sleep(nanoseconds: UInt64(grace * 1e9))
                    run.cancel()
                }
            } else {
                if signal != SIGINT { received.setIfEmpty(signal) }
                FileOutput.stderr("\ncancelling the batches in flight (their devices end unknown)")
                run.cancel()
            }
        }
    }

    /// The SIGHUP or SIGTERM that ended the run, if one did.
    var terminatingSignal: Int32? { received.value }

    func cancel() { watch.cancel() }

    static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGHUP: return "SIGHUP"
        case SIGTERM: return "SIGTERM"
        case SIGINT: return "SIGINT"
        default: return "signal \(signal)"
        }
    }
}

/// The signal that ended a run, behind a lock (set on the signal queue, read by the command).
final class SignalBox: @unchecked Sendable {
    private let lock = NSLock()
    private var signal: Int32?

    func set(_ s: Int32) { lock.lock(); signal = s; lock.unlock() }
    func setIfEmpty(_ s: Int32) { lock.lock(); if signal == nil { signal = s }; lock.unlock() }
    var value: Int32? { lock.lock(); defer { lock.unlock() }; return signal }
}
