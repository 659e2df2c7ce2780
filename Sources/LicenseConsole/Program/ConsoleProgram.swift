import Drawing
import Foundation
import ThingSpaceAPI

/// The whole console as one object: the pure core (state, `update`, `view`) plus the effect
/// runner that performs what `update` asks for (loads, runs, files) through `ConsoleServices`
/// and feeds the answers back as messages. It knows nothing of terminals: a front end (the
/// ncurses runner, or a test harness) sends keys and sizes, renders frames when
/// `needsRender`, and learns of background changes through `onChange`.
///
/// Everything runs on the main actor; the work itself runs in tasks whose results come back
/// as messages.
///
/// ```swift
/// let program = ConsoleProgram(state: state, services: APIConsoleServices(client: client), theme: .default)
/// program.onChange = { scheduleFrame() }
/// program.send(.start)
/// program.handle(key: .char("a"))
/// let grid = program.render(width: 80, height: 24)
/// program.stop()
/// await program.waitUntilIdle(timeout: 5)
/// ```
@MainActor
public final class ConsoleProgram {
    public private(set) var state: ConsoleState
    public let services: any ConsoleServices
    public let theme: Theme
    /// Called after every message is applied (including background results and clock ticks).
    public var onChange: (@MainActor () -> Void)?
    /// Set on Ctrl-L: the front end repaints every cell, then clears it.
    public var wantsRedrawAll = false
    /// True once the operator quit; the front end stops and restores the terminal.
    public internal(set) var isFinished = false
    /// True when the state changed since the last `didRender()`.
    public private(set) var needsRender = true
    /// Texts for the terminal's clipboard, oldest first, until the front end takes them.
    var clipboardRequests: [String] = []

    let now: @Sendable () -> Date
    /// Device loads by generation; a newer load supersedes the older ones, which end after
    /// the page in flight.
    var loadTasks: [Int: Task<Void, Never>] = [:]
    var loadGeneration = 0
    /// Where the current load continues after a failure: the next page's cursor and number.
    var loadResume = LoadResume()
    /// Generations whose device pages are being read. A load's task outlives its device read
    /// (the counters may still be on the wire when a page fails), so `r` after a failure asks
    /// this, not whether the task has ended.
    var deviceReads: Set<Int> = []
    var runs: [Int: ConsoleRun] = [:]
    /// Every run this console made that has ended, oldest first (the exit report).
    public internal(set) var runsMade: [MadeRun] = []
    /// Tasks reading each run's events; they end when the run's event stream ends.
    var runTasks: [Int: Task<Void, Never>] = [:]
    /// Short effect tasks (counts, files), removed when they finish so a long session holds none.
    var otherTasks: [Int: Task<Void, Never>] = [:]
    var nextTaskId = 0
    var ticker: Task<Void, Never>?
    /// Callers of `waitUntilIdle`, by id.
    private var idleWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiterId = 0

    /// - Parameter now: the clock (ticks and the times counters were read).
    public init(state: ConsoleState, services: any ConsoleServices, theme: Theme,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.state = state
        self.services = services
        self.theme = theme
        self.now = now
    }

    // MARK: Input

    /// Applies a message (with the clock first), performs the effects it asks for, and calls
    /// `onChange`. Ignored once finished.
    public func send(_ message: Message) {
        guard !isFinished else { return }
        _ = update(&state, .tick(now: now()))
        let effects = update(&state, message)
        needsRender = true
        for effect in effects { perform(effect) }
        updateTicker()
        onChange?()
    }

    public func handle(key: Key) { send(.key(key)) }

    public func resize(width: Int, height: Int) { send(.resize(width: width, height: height)) }

    // MARK: Output

    /// A pure view of the current state at this size.
    public func render(width: Int, height: Int) -> CellGrid {
        view(state, width: width, height: height)
    }

    /// The frame from the last `render` is on screen.
    public func didRender() { needsRender = false }

    /// The texts `c` asked to put on the terminal's clipboard since the last call; the front
    /// end writes them (OSC 52) after drawing a frame.
    public func takeClipboardRequests() -> [String] {
        defer { clipboardRequests = [] }
        return clipboardRequests
    }

    /// Whether the clock is ticking (a run is active).
    public var isTicking: Bool { ticker != nil }

    /// Effect tasks still going: device loads, runs and short effects.
    public var runningEffectCount: Int { loadTasks.count + runTasks.count + otherTasks.count }

    // MARK: Ending

    /// Ends the console: later messages are ignored, reads (device loads, counts, files) are
    /// cancelled, runs send no new batches (the batches in flight finish, so every device sent
    /// gets its answer), the clock stops. Returns at once.
    public func stop() {
        isFinished = true
        ticker?.cancel()
        ticker = nil
        for task in loadTasks.values { task.cancel() }
        for task in otherTasks.values { task.cancel() }
        for run in runs.values { run.stop() }
    }

    /// Waits until every effect task has ended (after `stop()`: once the requests in flight are
    /// answered and every run has finished), or `timeout` seconds passed. True when idle.
    @discardableResult
    public func waitUntilIdle(timeout: Double) async -> Bool {
        guard runningEffectCount > 0 else { return true }
        let id = nextWaiterId
        nextWaiterId += 1
        let timer = Task { [weak self] in
            do { try await Task.sleep(nanoseconds: UInt64(max(0, timeout) * 1e9)) } catch { return }
            self?.idleWaiters.removeValue(forKey: id)?.resume()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            idleWaiters[id] = continuation
        }
        timer.cancel()
        return runningEffectCount == 0
    }

    /// An effect task removed itself: wake the idle waiters once none is left.
    func effectEnded() {
        guard runningEffectCount == 0 else { return }
        let waiters = idleWaiters
        idleWaiters = [:]
        for continuation in waiters.values { continuation.resume() }
    }

    // MARK: Clock

    /// While a run is active the clock ticks twice a second, so elapsed time and the estimate
    /// move. The ticker sleeps between ticks and ends when cancelled.
    private func updateTicker() {
        if state.wantsTicks, ticker == nil, !isFinished {
            let now = self.now
            ticker = Task { [weak self] in
                while true {
                    do { try await Task.sleep(nanoseconds: 500_000_000) } catch { return }
                    guard let self, !Task.isCancelled else { return }
                    self.send(.tick(now: now()))
                }
            }
        } else if !state.wantsTicks, let t = ticker {
            t.cancel()
            ticker = nil
        }
    }
}

/// The point a device-list load continues from: the cursor of the next page to read, its
/// number (1 for the first), and the devices read before it.
struct LoadResume: Sendable, Equatable {
    var cursor = "0"
    var page = 1
    var loaded = 0
}
