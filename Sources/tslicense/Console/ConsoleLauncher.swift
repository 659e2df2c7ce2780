import Drawing
import Foundation
import LicenseConsole
import RunJournal
import TerminalUI
import ThingSpaceAPI

/// Starts the console on a terminal and returns the process exit code.
enum ConsoleLauncher {
    /// Seconds the batches in flight get when the console ends during a run (quit, SIGHUP,
    /// SIGTERM, its terminal closing) before they are cancelled; the runs' ends are recorded either way.
    static let grace: Double = 5

    @MainActor
    static func run(client: ThingSpaceClient, readonly: Bool, settings: ConsoleSettings, display: ConsoleDisplay) async -> Int32 {
        let terminal = TerminalUI.Terminal(asciiOnly: display.ascii, colors: display.colors, mouse: display.mouse)
        do {
            try terminal.start()
        } catch {
            FileOutput.stderr(error.description)
            return ExitStatus.usage
        }
        let context = ConsoleContext(account: client.account, host: client.configuration.hostDescription,
                                     apiVersion: client.configuration.apiVersion.rawValue, readonly: readonly,
                                     maxDevices: settings.maxDevices, charset: terminal.charset,
                                     production: display.production, profileName: settings.profileName,
                                     readonlyOrigin: settings.readonlyOrigin, maxDevicesOrigin: settings.maxDevicesOrigin,
                                     columns: display.columns, baseURL: client.configuration.baseURL.absoluteString)
        var state = ConsoleState(context: context, registry: display.registry, now: Date(), width: terminal.size.width, height: terminal.size.height)
        // An interrupted run of this account (never the demo's) is announced in the status line.
        if let store = settings.journal, !store.demo,
           let line = RunAnnouncement.text(RunCatalog(store: store).interrupted(account: client.account, baseURL: context.baseURL)) {
            state.announce(line)
        }
        let services = APIConsoleServices(client: client, runOptions: settings.runOptions, journal: settings.journal,
                                          profileName: settings.profileName)
        let program = ConsoleProgram(state: state, services: services, theme: display.theme)
        let runner = TerminalRunner(terminal: terminal)
        let adapter = ConsoleTerminalProgram(program, runner: runner)
        // SIGINT, SIGTERM, SIGHUP: end the runner (the terminal is restored below), exit 128 + signal.
        // Another one while the runs finish cancels their requests in flight.
        let signals = SignalWatch { signal, _ in
            Task { @MainActor in
                if runner.endReason == nil { runner.end(signal: signal) } else { program.cancelRuns() }
            }
        }
        defer { signals.cancel() }
        program.send(.start)
        await runner.run(adapter)
        var signal: Int32?
        if case .signal(let s)? = runner.endReason { signal = s }
        await finishRuns(program, signal: signal)
        terminal.stop()
        for line in program.exitReport { FileOutput.stderr(line) }
        if settings.logoutOnExit { try? await client.logout() }
        if let signal { return 128 + signal }
        // The terminal went away without a signal (the console was not in its session, or
        // SIGHUP was ignored): the same end as a hang-up, runs recorded as stopped.
        if runner.endReason == .inputClosed { return 128 + SIGHUP }
        return 0
    }

    /// Runs send no new batches; the batches in flight get `grace` seconds to be answered, then
    /// are cancelled. Returns once every run's end is recorded (or a generous deadline passed).
    @MainActor
    static func finishRuns(_ program: ConsoleProgram, signal: Int32?) async {
        if let signal { program.stopRuns(signal: signal) }
        let running = program.hasActiveRuns
        program.stop()
        if running {
            FileOutput.stderr("waiting up to \(Int(grace)) s for the batches in flight; the run is being recorded")
        }
        if await program.waitUntilIdle(timeout: grace) { return }
        program.cancelRuns()
        await program.waitUntilIdle(timeout: 30)
    }
}
