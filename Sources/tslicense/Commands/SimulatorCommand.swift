import ArgumentParser
import Dispatch
import Foundation
import ThingSpaceAPI
import ThingSpaceSimulator

/// `tslicense simulator`: serve a simulated ThingSpace account on loopback until SIGINT/SIGTERM.
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Serve a simulated ThingSpace account (OAuth, session, FOTA v1 licences) on loopback.",
        discussion: """
            Prints 'listening on http://HOST:PORT' as the first line, then THINGSPACE_BASE_URL, \
            THINGSPACE_ACCOUNT, THINGSPACE_APP_KEY, THINGSPACE_APP_SECRET, THINGSPACE_USERNAME and \
            THINGSPACE_PASSWORD as NAME=value lines (throwaway simulator credentials), and serves until \
            SIGINT or SIGTERM.

            Defaults: host 127.0.0.1, port 0 (a free port), account 0242078689-00001, 5000 devices, \
            9000 licences of which 1000 used, page size 1000, latency 0 ms, jitter 0 ms, seed 1, \
            retry-after 1 s, token lifetime 3600 s, session idle timeout 1200 s, no faults.
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
        try? FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
    }
}

/// Ends the process at once (a second signal while stopping).
private func exitImmediately(_ code: Int32) -> Never {
    exit(code)
}

/// Every simulator option. All values are optional so that a command reusing these options
/// (`demo`) can supply its own defaults: `makeConfiguration(defaults:)` applies only what the
/// user set. Cross-field validation happens there, so call it from the command's `validate()`.
struct SimulatorOptions: ParsableArguments {
    @Option(help: "Address to bind.")
    var host: String?

    @Option(help: "Port to bind; 0 picks a free port.")
    var port: Int?

    @Option(help: ArgumentHelp("Account name (10 digits, dash, 5 digits).", valueName: "name"))
    var account: String?

    @Option(help: ArgumentHelp("Number of generated devices.", valueName: "n"))
    var devices: Int?

    @Option(help: ArgumentHelp("Licences in the subscription.", valueName: "n"))
    var licenses: Int?

    @Option(help: ArgumentHelp("Licences already assigned at start.", valueName: "n"))
    var used: Int?

    @Option(help: ArgumentHelp("Devices per page on paged lists (1...1000).", valueName: "n"))
    var pageSize: Int?

    @Option(help: ArgumentHelp("Delay added to every request.", valueName: "ms"))
    var latency: Int?

    @Option(help: ArgumentHelp("Random +/- variation of the delay.", valueName: "ms"))
    var jitter: Int?

    @Option(help: ArgumentHelp("Seed for devices, tokens, faults and jitter.", valueName: "n"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("OAuth app key accepted by the token endpoint.", valueName: "key"))
    var appKey: String?

    @Option(help: ArgumentHelp("OAuth app secret accepted by the token endpoint.", valueName: "secret"))
    var appSecret: String?

    @Option(help: ArgumentHelp("UWS username accepted by session login.", valueName: "name"))
    var username: String?

    @Option(help: ArgumentHelp("UWS password accepted by session login.", valueName: "password"))
    var password: String?

    @Flag(help: "Reject IMEIs with a bad Luhn check digit (400 Invalid device id format).")
    var enforceLuhn = false

    @Option(help: ArgumentHelp("Probability (0...1) of a 429 on a FOTA request.", valueName: "p"))
    var rateLimitRate: Double?

    @Option(help: ArgumentHelp("Every Nth assign/remove request gets 429 (0 = off).", valueName: "n"))
    var rateLimitEvery: Int?

    @Option(help: ArgumentHelp("Retry-After on 429, in seconds (0 allowed).", valueName: "seconds"))
    var retryAfter: Double?

    @Option(help: ArgumentHelp("Probability (0...1) of a 500/503 on a FOTA request.", valueName: "p"))
    var serverErrorRate: Double?

    @Option(help: ArgumentHelp("Every Nth assign/remove request gets 500/503 (0 = off).", valueName: "n"))
    var serverErrorEvery: Int?

    @Option(help: ArgumentHelp("Probability (0...1) that a FOTA request's connection is dropped without a response.", valueName: "p"))
    var dropRate: Double?

    @Option(help: ArgumentHelp("Every Nth assign/remove request's connection is dropped (0 = off).", valueName: "n"))
    var dropEvery: Int?

    @Option(help: ArgumentHelp("Lifetime of a new API token.", valueName: "seconds"))
    var tokenLifetime: Double?

    @Option(help: ArgumentHelp("Session token idle timeout.", valueName: "seconds"))
    var sessionIdle: Double?

    @Option(help: ArgumentHelp("Mark this many generated unlicensed devices as always failing.", valueName: "n"))
    var failingDevices: Int?

    @Option(help: ArgumentHelp("An IMEI that always fails assign/remove (repeatable).", valueName: "imei"))
    var failingImei: [String] = []

    @Flag(help: "Hold assign/remove requests until released (for demos of in-flight batches).")
    var hold = false

    /// The configuration with the simulator's own defaults.
    func makeConfiguration() throws -> SimulatorConfiguration {
        try makeConfiguration(defaults: SimulatorConfiguration())
    }

    /// `defaults` overridden by every option the user set; throws `ValidationError` listing
    /// every problem.
    func makeConfiguration(defaults: SimulatorConfiguration) throws -> SimulatorConfiguration {
        var c = defaults
        if let host { c.host = host }
        if let port { c.port = port }
        if let account { c.account = account }
        if let devices { c.devices = devices }
        if let licenses { c.licenses = licenses }
        if let used { c.used = used }
        if let pageSize { c.pageSize = pageSize }
        if let latency { c.latencyMs = latency }
        if let jitter { c.jitterMs = jitter }
        if let seed { c.seed = seed }
        if let appKey { c.appKey = appKey }
        if let appSecret { c.appSecret = appSecret }
        if let username { c.username = username }
        if let password { c.password = password }
        if enforceLuhn { c.enforceLuhn = true }
        if let rateLimitRate { c.faults.rateLimitRate = rateLimitRate }
        if let rateLimitEvery { c.faults.rateLimitEvery = rateLimitEvery }
        if let retryAfter { c.faults.retryAfterSeconds = retryAfter }
        if let serverErrorRate { c.faults.serverErrorRate = serverErrorRate }
        if let serverErrorEvery { c.faults.serverErrorEvery = serverErrorEvery }
        if let dropRate { c.faults.dropConnectionRate = dropRate }
        if let dropEvery { c.faults.dropConnectionEvery = dropEvery }
        if let tokenLifetime { c.faults.tokenLifetimeSeconds = tokenLifetime }
        if let sessionIdle { c.faults.sessionIdleSeconds = sessionIdle }
        if let failingDevices { c.faults.failingDeviceCount = failingDevices }
        if !failingImei.isEmpty { c.faults.failingDevices.formUnion(failingImei) }
        if hold { c.faults.holdBatches = true }
        let problems = c.validationErrors()
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "\n")) }
        return c
    }
}
