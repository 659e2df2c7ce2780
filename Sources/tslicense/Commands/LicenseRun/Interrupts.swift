import Foundation
import ThingSpaceAPI

/// SIGINT, SIGTERM or SIGHUP during a run, through the one signal watch: the first stops at once
/// everything not yet on the wire (batches waiting in back-off included; those in flight finish),
/// the second cancels the requests in flight (their devices end unknown).
final class Interrupts: Sendable {
    private let watch: SignalWatch

    init(run: Run) {
        watch = SignalWatch { _, count in
            if count == 1 {
                FileOutput.stderr("\nstopping: no new batches, at once; waiting for the batches in flight (again to cancel them)")
                run.stop()
            } else {
                FileOutput.stderr("\ncancelling the batches in flight (their devices end unknown)")
                run.cancel()
            }
        }
    }

    func cancel() { watch.cancel() }
}
