import ArgumentParser
import ThingSpaceSimulator

/// Every simulator option (`simulator`, `demo`). All values are optional so that a command
/// reusing these options can supply its own defaults: `makeConfiguration(defaults:)` applies only
/// what the user set, and the simulator module validates the result across fields, so call it
/// from the command's `validate()`.
struct SimulatorOptions: ParsableArguments {
    // Where it listens, and the account.
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

    // Timing and randomness.
    @Option(help: ArgumentHelp("Delay added to every request.", valueName: "ms"))
    var latency: Int?
    @Option(help: ArgumentHelp("Random +/- variation of the delay.", valueName: "ms"))
    var jitter: Int?
    @Option(help: ArgumentHelp("Seed for devices, tokens, faults and jitter.", valueName: "n"))
    var seed: UInt64?

    // The credentials it accepts.
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
    @Option(help: ArgumentHelp("The subscription: monthly (TS-HFOTA-MRC licences, the default) or event (TS-HFOTA-EVNT, no licences needed).",
                               valueName: "monthly|event"))
    var billing: SimulatorBilling?
    @Option(help: ArgumentHelp("Timestamps: rfc3339 (the default, what Verizon's SDKs parse) or mixed (every documented form).",
                               valueName: "rfc3339|mixed"))
    var timestamps: TimestampStyle?

    // Faults.
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

    // Hostile device content (devices at positions 1 to 4 of the list).
    @Flag(help: "The device at position 1 has invalid UTF-8 bytes in its model.")
    var deviceInvalidUtf8 = false
    @Flag(help: "The device at position 2 has terminal escape sequences (OSC, CSI, 8-bit CSI) in make, model and firmware.")
    var deviceEscapes = false
    @Flag(help: "The device at position 3 has bidi overrides and isolates (U+202E ...) in make, model and firmware.")
    var deviceBidi = false
    @Flag(help: "The device at position 4 has CJK text and emoji in make, model and firmware.")
    var deviceWide = false
    @Flag(help: "All four hostile devices above.")
    var hostileDevices = false

    var deviceContent: DeviceContentFaults {
        DeviceContentFaults(invalidUTF8: deviceInvalidUtf8 || hostileDevices, escapeSequences: deviceEscapes || hostileDevices,
                            bidiText: deviceBidi || hostileDevices, wideText: deviceWide || hostileDevices)
    }

    // Lost answers, hangs, silence (issue 9): kept together.
    @Option(help: ArgumentHelp("Every Nth assign/remove request is applied, then its connection closed without an answer (0 = off).",
                               valueName: "n"))
    var loseAnswerEvery: Int?
    @Option(help: ArgumentHelp("Every Nth assign/remove request is applied and never answered (0 = off).", valueName: "n"))
    var hangAfterApplyEvery: Int?
    @Flag(help: "Accept connections and never answer any request.")
    var silent = false

    /// `defaults` overridden by every option the user set; throws `ValidationError` listing
    /// every problem, one a line.
    func makeConfiguration(defaults: SimulatorConfiguration = SimulatorConfiguration()) throws -> SimulatorConfiguration {
        do {
            var overrides = SimulatorOverrides(
                host: host, port: port, account: account, devices: devices, licenses: licenses, used: used,
                pageSize: pageSize, latencyMs: latency, jitterMs: jitter, seed: seed, appKey: appKey, appSecret: appSecret,
                username: username, password: password, enforceLuhn: enforceLuhn, rateLimitRate: rateLimitRate,
                rateLimitEvery: rateLimitEvery, retryAfterSeconds: retryAfter, serverErrorRate: serverErrorRate,
                serverErrorEvery: serverErrorEvery, dropRate: dropRate, dropEvery: dropEvery,
                tokenLifetimeSeconds: tokenLifetime, sessionIdleSeconds: sessionIdle, failingDeviceCount: failingDevices,
                failingImeis: failingImei, holdBatches: hold)
            overrides.deviceContent = deviceContent
            overrides.billing = billing
            overrides.timestamps = timestamps
            overrides.loseAnswerEvery = loseAnswerEvery
            overrides.hangAfterApplyEvery = hangAfterApplyEvery
            overrides.silent = silent
            return try defaults.applying(overrides)
        } catch {
            throw ValidationError(error.problems.joined(separator: "\n"))
        }
    }
}

extension SimulatorBilling: ExpressibleByArgument {}
extension TimestampStyle: ExpressibleByArgument {}
