import ArgumentParser
import Foundation
import ThingSpaceAPI
import ThingSpaceSimulator

/// `tslicense simulator`: serve a simulated ThingSpace account on loopback until SIGINT, SIGTERM or SIGHUP.
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Serve a simulated ThingSpace account (OAuth, session, FOTA v1 licences) on loopback.",
        discussion: """
            Prints 'listening on http://HOST:PORT' as the first line, then THINGSPACE_BASE_URL, \
            THINGSPACE_ACCOUNT, THINGSPACE_APP_KEY, THINGSPACE_APP_SECRET, THINGSPACE_USERNAME and \
            THINGSPACE_PASSWORD as NAME=value lines (throwaway simulator credentials), and serves until \
            SIGINT, SIGTERM or SIGHUP.

            Defaults: host 127.0.0.1, port 0 (a free port), account 0242078689-00001, 5000 devices, \
            9000 licences of which 1000 used, page size 1000, latency 0 ms, jitter 0 ms, seed 1, \
            retry-after 1 s, token lifetime 3600 s, session idle timeout 1200 s, no faults. \
            --lose-answer-every N applies every Nth assign/remove and closes its connection without \
            an answer; --hang-after-apply-every N applies it and never answers; --silent accepts \
            connections and answers nothing.
            """
    )

    @OptionGroup var options: SimulatorOptions

    func validate() throws {
        _ = try options.makeConfiguration()
    }

    func run() async throws {
        let configuration = try options.makeConfiguration()
        let simulator = ThingSpaceSimulator(configuration: configuration)
        let url: URL
        do {
            url = try await simulator.start()
        } catch {
            throw CommandFailure(
                code: ExitStatus.usage,
                message: "tslicense simulator: cannot listen on \(configuration.host):\(configuration.port): \(error)"
            )
        }
        let base = url.absoluteString
        Self.emit("listening on \(base)")
        Self.emit("THINGSPACE_BASE_URL=\(base)")
        Self.emit("THINGSPACE_ACCOUNT=\(configuration.account)")
        Self.emit("THINGSPACE_APP_KEY=\(configuration.appKey)")
        Self.emit("THINGSPACE_APP_SECRET=\(configuration.appSecret)")
        Self.emit("THINGSPACE_USERNAME=\(configuration.username)")
        Self.emit("THINGSPACE_PASSWORD=\(configuration.password)")

        // SIGINT, SIGTERM or SIGHUP stops the server; a second one while stopping exits at once.
        let signals = SignalWatch { signal, count in
            if count > 1 { exitImmediately(128 + signal) }
        }
        var received = signals.events.makeAsyncIterator()
        _ = await received.next()
        await simulator.stop()
        signals.cancel()
    }

    /// Writes one line to stdout unbuffered (the caller may be reading it through a pipe).
    static func emit(_ line: String) {
        FileOutput.stdout(line)
    }
}

/// Ends the process at once (a second signal while stopping).
private func exitImmediately(_ code: Int32) -> Never {
    exit(code)
}
