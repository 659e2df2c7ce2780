import Foundation
import LicenseConsole
import TerminalUI
import ThingSpaceAPI

/// Settings the console needs beyond the client: resolved once by the command.
struct ConsoleSettings: Sendable {
    var themeName: String?
    var runOptions: RunOptions
    var logoutOnExit: Bool
    /// Runs of more devices than this are refused (the profile's `max_devices`).
    var maxDevices: Int? = nil

    static let demo = ConsoleSettings(themeName: nil, runOptions: RunOptions(), logoutOnExit: false)
}

/// Binds the pure console core (state, update, view) to the terminal runner and performs its
/// effects against the API: loads, runs, files. Everything here runs on the main actor; the
/// work itself runs in tasks whose results come back as messages.
@MainActor
final class ConsoleProgram: TerminalProgram {
    private(set) var state: ConsoleState
    let client: ThingSpaceClient
    let settings: ConsoleSettings
    let theme: Theme
    weak var runner: TerminalRunner?

    var wantsRedrawAll = false
    private(set) var isFinished = false
    private var dirty = true

    private var loadTask: Task<Void, Never>?
    private var runs: [Int: Run] = [:]
    private var runTasks: [Int: Task<Void, Never>] = [:]
    /// Short effect tasks (counts, files), removed when they finish so a long session holds none.
    private var otherTasks: [Int: Task<Void, Never>] = [:]
    private var nextTaskId = 0
    private var ticker: Task<Void, Never>?

    init(state: ConsoleState, client: ThingSpaceClient, settings: ConsoleSettings, theme: Theme) {
        self.state = state
        self.client = client
        self.settings = settings
        self.theme = theme
    }

    // MARK: TerminalProgram

    func handle(_ event: TerminalEvent) {
        switch event {
        case .key(let key): send(.key(key))
        case .resize(let w, let h): send(.resize(width: w, height: h))
        }
    }

    func render(width: Int, height: Int) -> CellGrid {
        view(state, width: width, height: height)
    }

    var needsRender: Bool { dirty }
    func didRender() { dirty = false }

    // MARK: Messages

    /// Applies a message (with the clock first) and performs the effects it asks for.
    func send(_ message: Message) {
        guard !isFinished else { return }
        _ = update(&state, .tick(now: Date()))
        let effects = update(&state, message)
        dirty = true
        for effect in effects { perform(effect) }
        updateTicker()
        runner?.setNeedsRender()
    }

    /// While a run is active the clock ticks, so elapsed time and the estimate move.
    private func updateTicker() {
        if state.wantsTicks, ticker == nil {
            ticker = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: 500_000_000)
                    guard let self, !Task.isCancelled else { return }
                    self.send(.tick(now: Date()))
                }
            }
        } else if !state.wantsTicks, let t = ticker {
            t.cancel()
            ticker = nil
        }
    }

    // MARK: Effects

    private func perform(_ effect: Effect) {
        switch effect {
        case .loadAll(let generation):
            loadTask?.cancel()
            let client = self.client
            loadTask = Task { [weak self] in
                do {
                    let counts = try await client.licenseCounts()
                    self?.send(.countsLoaded(counts, at: Date()))
                } catch {
                    if Task.isCancelled { return }
                    self?.send(.countsFailed(ThingSpaceError.wrap(error)))
                }
                var loaded = 0
                do {
                    var iterator = client.deviceListPages().makeAsyncIterator()
                    while let page = try await iterator.next() {
                        if Task.isCancelled { return }
                        loaded += page.devices.count
                        let done = !page.hasMoreData || page.lastSeenDeviceId == nil
                        self?.send(.devicePageLoaded(devices: page.devices, loadedSoFar: loaded, done: done, generation: generation))
                        if done { return }
                    }
                    self?.send(.devicePageLoaded(devices: [], loadedSoFar: loaded, done: true, generation: generation))
                } catch {
                    if Task.isCancelled { return }
                    self?.send(.loadFailed(ThingSpaceError.wrap(error), generation: generation))
                }
            }

        case .loadCounts:
            let client = self.client
            spawn { [weak self] in
                do {
                    let counts = try await client.licenseCounts()
                    self?.send(.countsLoaded(counts, at: Date()))
                } catch {
                    self?.send(.countsFailed(ThingSpaceError.wrap(error)))
                }
            }

        case .startRun(let operation, let deviceIds, let tag):
            do {
                try settings.runOptions.validate()
            } catch {
                send(.runFailedToStart(ThingSpaceError.wrap(error), runTag: tag))
                return
            }
            let run = RunEngine(client: client, options: settings.runOptions).start(operation, deviceIds: deviceIds)
            runs[tag] = run
            runTasks[tag] = Task { [weak self] in
                for await event in run.events {
                    self?.send(.runEvent(event, runTag: tag))
                }
                self?.runEnded(tag)
            }

        case .stopRun(let tag):
            runs[tag]?.stop()

        case .loadIMEIFile(let path):
            let luhn = settings.runOptions.luhnPolicy
            spawn { [weak self] in
                let outcome = await Task.detached { () -> Result<IMEIListReader.Result, ThingSpaceError> in
                    do { return .success(try IMEIListReader.read(path: path, luhn: luhn)) } catch { return .failure(ThingSpaceError.wrap(error)) }
                }.value
                switch outcome {
                case .success(let r):
                    self?.send(.fileLoaded(path: path, imeis: r.imeis, problems: r.problems.map(\.description),
                                           warnings: r.warnings.map(\.description)))
                case .failure(let e):
                    self?.send(.fileLoadFailed(path: path, message: e.description))
                }
            }

        case .saveResults(let path, let summary):
            spawn { [weak self] in
                let outcome = await Task.detached { () -> Result<[String], ThingSpaceError> in
                    do { return .success(try ResultWriter.write(summary, to: path)) } catch { return .failure(ThingSpaceError.wrap(error)) }
                }.value
                switch outcome {
                case .success(let paths): self?.send(.resultsSaved(path: paths.joined(separator: ", ")))
                case .failure(let e): self?.send(.saveFailed(path: path, message: e.description))
                }
            }

        case .quit:
            isFinished = true
            shutdown()

        case .redrawAll:
            wantsRedrawAll = true
        }
    }

    /// Runs a short effect and forgets its task when it ends.
    private func spawn(_ body: @escaping @MainActor () async -> Void) {
        let id = nextTaskId
        nextTaskId += 1
        otherTasks[id] = Task { [weak self] in
            await body()
            self?.otherTasks[id] = nil
        }
    }

    private func runEnded(_ tag: Int) {
        runs[tag] = nil
        runTasks[tag] = nil
    }

    /// Cancels everything still going (runs stop sending; loads end).
    func shutdown() {
        loadTask?.cancel()
        ticker?.cancel()
        for run in runs.values { run.cancel() }
        for task in runTasks.values { task.cancel() }
        for task in otherTasks.values { task.cancel() }
    }
}
