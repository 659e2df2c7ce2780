import Dispatch
import Foundation
import ThingSpaceAPI

/// Ctrl-C during a run: the first stops new batches (those in flight finish), the second cancels.
final class Interrupts {
    private let sources: [any DispatchSourceSignal]

    init(run: Run) {
        let queue = DispatchQueue(label: "tslicense.run.interrupts")
        let count = InterruptCount()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if count.next() == 1 {
                    FileOutput.stderr("\nstopping: no new batches; waiting for those in flight (again to cancel them)")
                    run.stop()
                } else {
                    FileOutput.stderr("\ncancelling the batches in flight")
                    run.cancel()
                }
            }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// Touched only on the interrupts' serial queue.
private final class InterruptCount: @unchecked Sendable {
    private var value = 0
    func next() -> Int {
        value += 1
        return value
    }
}
