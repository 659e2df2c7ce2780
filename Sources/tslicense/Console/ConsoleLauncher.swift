import Drawing
import Foundation
import LicenseConsole
import TerminalUI
import ThingSpaceAPI

/// Starts the console on a terminal and returns the process exit code.
enum ConsoleLauncher {
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
                                     columns: display.columns)
        let state = ConsoleState(context: context, registry: display.registry, now: Date(), width: terminal.size.width, height: terminal.size.height)
        let program = ConsoleProgram(state: state, services: APIConsoleServices(client: client, runOptions: settings.runOptions),
                                     theme: display.theme)
        let runner = TerminalRunner(terminal: terminal)
        let adapter = ConsoleTerminalProgram(program, runner: runner)
        // SIGINT, SIGTERM, SIGHUP: end the runner (the terminal is restored below), exit 128 + signal.
        let signals = SignalWatch { signal, _ in
            Task { @MainActor in runner.end(signal: signal) }
        }
        defer { signals.cancel() }
        program.send(.start)
        await runner.run(adapter)
        // Runs send no new batches; give the requests in flight a moment to be answered, so
        // the log-out below does not race them. Whatever is still going ends with the process.
        program.stop()
        await program.waitUntilIdle(timeout: 3)
        terminal.stop()
        if settings.logoutOnExit { try? await client.logout() }
        if case .signal(let s)? = runner.endReason { return 128 + s }
        return 0
    }
}
