import Drawing
import Foundation
import LicenseConsole
import RunJournal
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// Drives the whole console headless, the way bubbletea's teatest drives a program: the real
/// `ConsoleProgram` with the real `APIConsoleServices` and run engine, against a real
/// `ThingSpaceSimulator` on a free loopback port. Only the terminal is replaced: tests feed
/// keys and messages and wait, with a deadline, for a state or for text on the screen.
///
/// Start it with `withConsole`, which always shuts the program down and stops the simulator.
@MainActor
final class ConsoleHarness {
    let simulator: ThingSpaceSimulator
    let configuration: SimulatorConfiguration
    let client: ThingSpaceClient
    let program: ConsoleProgram
    private var waiter: CheckedContinuation<Void, Never>?

    private init(simulator: ThingSpaceSimulator, configuration: SimulatorConfiguration, client: ThingSpaceClient,
                 program: ConsoleProgram) {
        self.simulator = simulator
        self.configuration = configuration
        self.client = client
        self.program = program
        program.onChange = { [weak self] in self?.wake() }
    }

    /// Starts a simulator and a console of `width` x `height` on it, and sends `.start`.
    /// `wrap` may put a wrapper around the real services (to hold a read in flight).
    static func start(width: Int, height: Int, readonly: Bool, runOptions: RunOptions, readRetry: RetryPolicy = .reads,
                      configuration: SimulatorConfiguration, journal: JournalStore? = nil,
                      wrap: (any ConsoleServices) -> any ConsoleServices = { $0 }) async throws -> ConsoleHarness {
        let simulator = ThingSpaceSimulator(configuration: configuration)
        let url = try await simulator.start()
        let client = ThingSpaceClient(configuration: ClientConfiguration(
            baseURL: url, account: configuration.account,
            credentials: Credentials(appKey: configuration.appKey, appSecret: Secret(configuration.appSecret),
                                     username: configuration.username, password: Secret(configuration.password)),
            timeout: 20, readRetry: readRetry))
        let context = ConsoleContext(account: client.account, host: client.configuration.hostDescription,
                                     apiVersion: client.configuration.apiVersion.rawValue, readonly: readonly,
                                     timeZone: TimeZone(identifier: "UTC")!, baseURL: url.absoluteString)
        let state = ConsoleState(context: context, now: Date(), width: width, height: height)
        let program = ConsoleProgram(state: state, services: wrap(APIConsoleServices(client: client, runOptions: runOptions, journal: journal)),
                                     theme: .default)
        let harness = ConsoleHarness(simulator: simulator, configuration: configuration, client: client, program: program)
        program.send(.start)
        return harness
    }

    /// Stops the console, lets the simulator answer everything it holds, waits until every
    /// effect has ended (a run still sending after its simulator stopped could reach another
    /// test's simulator on a reused port), and stops the simulator.
    func stop() async {
        program.stop()
        await simulator.setHoldBatches(false)
        if !(await program.waitUntilIdle(timeout: 30)) {
            Issue.record("the console still had \(program.runningEffectCount) effects running 30 s after stopping")
        }
        await simulator.stop()
        wake()
    }

    // MARK: Input

    var state: ConsoleState { program.state }

    func send(_ message: Message) { program.send(message) }

    func press(_ keys: Key...) {
        for key in keys { program.handle(key: key) }
    }

    func type(_ text: String) {
        for character in text { program.handle(key: .char(character)) }
    }

    // MARK: Screen

    /// The frame at `width` x `height` (the console's current size by default) as text.
    func screen(width: Int? = nil, height: Int? = nil) -> String {
        program.render(width: width ?? state.width, height: height ?? state.height).text
    }

    /// Rows of the device table on the screen: lines that start with a selection box.
    func deviceRows() -> [String] {
        screen().split(separator: "\n").map(String.init).filter { $0.hasPrefix("[ ]") || $0.hasPrefix("[x]") }
    }

    // MARK: Waiting

    /// Waits until `predicate` holds for the state, re-checking after every change of the
    /// program. Throws `HarnessTimeout` with `description` and the last screen at the deadline.
    func waitFor(_ description: String, timeout: Double = 60, _ predicate: (ConsoleState) -> Bool) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while !predicate(program.state) {
            // A console that has quit changes no more.
            guard ContinuousClock.now < deadline, !program.isFinished else {
                throw timedOut(description, after: timeout)
            }
            await nextChange(before: deadline)
        }
    }

    /// Waits until `predicate` holds for the screen text; returns that screen.
    @discardableResult
    func waitFor(screen description: String, timeout: Double = 60, _ predicate: (String) -> Bool) async throws -> String {
        var last = screen()
        try await waitFor(description, timeout: timeout) { _ in
            last = screen()
            return predicate(last)
        }
        return last
    }

    /// Waits until the screen contains `text`; returns that screen.
    @discardableResult
    func waitFor(text: String, timeout: Double = 60) async throws -> String {
        try await waitFor(screen: "the screen to show \"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits for a condition outside the console (the simulator's state), checking every 20 ms.
    func waitFor(_ description: String, timeout: Double = 60, until condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while await !condition() {
            guard ContinuousClock.now < deadline else { throw self.timedOut(description, after: timeout) }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    /// Waits until the console has no effect running (loads, runs, counter reads, files).
    func waitUntilIdle(_ description: String, timeout: Double = 60) async throws {
        guard await program.waitUntilIdle(timeout: timeout) else {
            throw timedOut("\(description) (\(program.runningEffectCount) effects still running)", after: timeout)
        }
    }

    private func timedOut(_ description: String, after seconds: Double) -> HarnessTimeout {
        HarnessTimeout(description: description, seconds: seconds, finished: program.isFinished,
                       status: state.status?.text, screen: screen())
    }

    /// Returns after the next change of the program, or at the deadline.
    private func nextChange(before deadline: ContinuousClock.Instant) async {
        let timer = Task { [weak self] in
            do { try await Task.sleep(until: deadline, clock: .continuous) } catch { return }
            self?.wake()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            waiter = continuation
        }
        timer.cancel()
    }

    private func wake() {
        waiter?.resume()
        waiter = nil
    }
}

/// A harness wait that reached its deadline.
struct HarnessTimeout: Error, CustomStringConvertible {
    var description: String

    init(description what: String, seconds: Double, finished: Bool, status: String?, screen: String) {
        description = "timed out after \(seconds) s waiting for \(what)"
            + (finished ? " (the console has quit)" : "")
            + (status.map { "; status: \($0)" } ?? "")
            + "; screen was:\n\(screen)"
    }
}

/// Runs `body` with a console on a fresh simulator; always shuts both down, also when `body` throws.
@MainActor @discardableResult
func withConsole<T>(width: Int = 120, height: Int = 35, readonly: Bool = false, runOptions: RunOptions = RunOptions(),
                    readRetry: RetryPolicy = .reads, journal: JournalStore? = nil,
                    wrap: (any ConsoleServices) -> any ConsoleServices = { $0 },
                    _ configure: (inout SimulatorConfiguration) -> Void = { _ in },
                    _ body: (ConsoleHarness) async throws -> T) async throws -> T {
    var configuration = SimulatorConfiguration()
    configure(&configuration)
    let harness = try await ConsoleHarness.start(width: width, height: height, readonly: readonly,
                                                 runOptions: runOptions, readRetry: readRetry,
                                                 configuration: configuration, journal: journal, wrap: wrap)
    do {
        let result = try await body(harness)
        await harness.stop()
        return result
    } catch {
        await harness.stop()
        throw error
    }
}
