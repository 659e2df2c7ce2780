import CNcurses
import Dispatch
import Drawing

/// The event loop. Everything runs on the main actor (the main dispatch queue) and nothing
/// ever blocks it: standard input wakes a dispatch read source, after which every pending key
/// is drained; SIGWINCH wakes a dispatch signal source; background tasks hop to the main
/// actor and call `setNeedsRender()`. Frames are rendered only when the program says its
/// state changed, at most `framesPerSecond` times a second.
///
/// ```swift
/// let terminal = Terminal()
/// try terminal.start()
/// let runner = TerminalRunner(terminal: terminal)
/// await runner.run(program)           // returns with the terminal restored
/// if case .signal(let s) = runner.endReason { exit(128 + s) }
/// ```
@MainActor
public final class TerminalRunner {
    public let terminal: Terminal
    /// Frame cap.
    public var framesPerSecond: Double = 30
    /// Why the last `run` returned; nil while running or before the first run.
    public private(set) var endReason: TerminalRunEnd?
    /// Frames drawn during the current or last run (for tests and diagnostics).
    public private(set) var framesRendered = 0

    private var program: (any TerminalProgram)?
    private var continuation: CheckedContinuation<Void, Never>?
    private var readSource: DispatchSourceRead?
    private var running = false
    private var frameScheduled = false
    private var lastFrameAt: UInt64 = 0
    private var emptyWakeups = 0
    private var pendingSignal: Int32?

    public init(terminal: Terminal) {
        self.terminal = terminal
    }

    /// Runs until `program.isFinished` (or `end(signal:)`, a hang-up, or cancellation of
    /// the calling task); returns after the terminal is restored. The program first receives
    /// `.resize` with the current size.
    public func run(_ program: some TerminalProgram) async {
        guard terminal.isStarted, !running else {
            endReason = .notStarted
            return
        }
        if let signal = pendingSignal {
            pendingSignal = nil
            endReason = .signal(signal)
            terminal.stop()
            return
        }
        self.program = program
        running = true
        endReason = nil
        framesRendered = 0
        lastFrameAt = 0
        emptyWakeups = 0

        terminal.onWake = { [weak self] in self?.drainInput() }
        let source = DispatchSource.makeReadSource(fileDescriptor: terminal.inputFD, queue: .main)
        source.setEventHandler { [weak self] in
            MainActor.assumeIsolated { self?.drainInput() }
        }
        source.resume()
        readSource = source

        let size = terminal.size
        deliver([.resize(width: size.width, height: size.height)])
        if running {
            renderFrame()
        }
        if running {
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    if running {
                        self.continuation = continuation
                    } else {
                        continuation.resume()
                    }
                }
            } onCancel: {
                Task { @MainActor [weak self] in self?.finish(.cancelled) }
            }
        }
        terminal.stop()
        self.program = nil
    }

    /// Asks for a frame because state changed outside `handle` (a background result, a
    /// timer). Call on the main actor. Frames are coalesced and capped at `framesPerSecond`.
    public func setNeedsRender() {
        scheduleFrame()
    }

    // MARK: - internals

    private func drainInput() {
        guard running else { return }
        guard terminal.isStarted else {
            // Someone stopped the terminal under us; nothing can be read or drawn any more.
            finish(.notStarted)
            return
        }
        let events = terminal.readKeys()
        if events.isEmpty {
            // Woken with nothing to read: the terminal may be gone (SSH dropped).
            if terminal.inputHasClosed {
                finish(.inputClosed)
                return
            }
            emptyWakeups += 1
            if emptyWakeups >= 100, ts_bytes_available(terminal.inputFD) <= 0 {
                finish(.inputClosed)
            }
            return
        }
        emptyWakeups = 0
        deliver(events)
    }

    private func deliver(_ events: [TerminalEvent]) {
        guard let program else { return }
        for event in events {
            program.handle(event)
            if program.isFinished {
                finish(.finished)
                return
            }
        }
        if program.needsRender || program.wantsRedrawAll {
            scheduleFrame()
        }
    }

    private func scheduleFrame() {
        guard running, !frameScheduled else { return }
        frameScheduled = true
        let interval = UInt64(1_000_000_000 / max(1, framesPerSecond))
        let now = DispatchTime.now().uptimeNanoseconds
        let due = lastFrameAt == 0 ? now : lastFrameAt + interval
        if due <= now {
            DispatchQueue.main.async { [weak self] in
                MainActor.assumeIsolated { self?.scheduledFrame() }
            }
        } else {
            DispatchQueue.main.asyncAfter(deadline: DispatchTime(uptimeNanoseconds: due)) { [weak self] in
                MainActor.assumeIsolated { self?.scheduledFrame() }
            }
        }
    }

    private func scheduledFrame() {
        frameScheduled = false
        renderFrame()
    }

    private func renderFrame() {
        guard running, let program else { return }
        if program.isFinished {
            finish(.finished)
            return
        }
        let redrawAll = program.wantsRedrawAll
        guard program.needsRender || redrawAll else { return }
        if redrawAll {
            program.wantsRedrawAll = false
            terminal.redrawAll()
        }
        let size = terminal.size
        let grid = program.render(width: size.width, height: size.height)
        terminal.draw(grid, theme: program.theme)
        program.didRender()
        for request in program.takeTerminalRequests() {
            switch request {
            case .clipboard(let text): terminal.copyToClipboard(text)
            }
        }
        framesRendered += 1
        lastFrameAt = DispatchTime.now().uptimeNanoseconds
    }

    /// Ends the run as a termination signal would (the process's signal watch calls this): the
    /// terminal is restored and `endReason` is `.signal(signal)`. Before `run` starts, the next
    /// `run` returns at once with that reason.
    public func end(signal: Int32) {
        if running {
            finish(.signal(signal))
        } else {
            pendingSignal = signal
        }
    }

    private func finish(_ reason: TerminalRunEnd) {
        guard running else { return }
        running = false
        endReason = reason
        readSource?.cancel()
        readSource = nil
        terminal.onWake = nil
        continuation?.resume()
        continuation = nil
    }
}
