import Foundation
import ThingSpaceAPI

/// SIGINT, SIGTERM or SIGHUP during a run, through the one signal watch: the first stops new
/// batches (those in flight finish), the second cancels them.
final class Interrupts: Sendable {
    private let watch: SignalWatch

    init(run: Run) {
        watch = SignalWatch { _, count in
            if count == 1 {
                FileOutput.stderr("\nstopping: no new batches; waiting for those in flight (again to cancel them)")
                run.stop()
            } else {
                FileOutput.stderr("\ncancelling the batches in flight")
                run.cancel()
            }
        }
    }

    func cancel() { watch.cancel() }
}
