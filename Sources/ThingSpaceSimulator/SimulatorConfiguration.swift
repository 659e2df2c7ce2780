/// Everything that shapes a simulated ThingSpace account. All defaults are throwaway values;
/// the credentials are not secrets and are printed by `tslicense simulator` on purpose.
public struct SimulatorConfiguration: Sendable, Equatable {
    /// Address to bind. `127.0.0.1` keeps the simulator on loopback.
    public var host = "127.0.0.1"
    /// Port to bind; 0 asks the system for a free port (see `ThingSpaceSimulator.baseURL`).
    public var port = 0
    /// The one account the simulator knows (`##########-#####`).
    public var account = "0242078689-00001"
    /// Number of generated devices (IMEIs), 0...`maximumDevices`.
    public var devices = 5000
    /// Licences in the account's MRC subscription.
    public var licenses = 9000
    /// Licences assigned at start (must be <= licenses and <= devices).
    public var used = 1000
    /// Devices per page on the paged GET endpoints, 1...1000.
    public var pageSize = 1000
    /// Delay added to every request, in milliseconds.
    public var latencyMs = 0
    /// Random +/- variation of the delay, in milliseconds.
    public var jitterMs = 0
    /// Seed for everything random (devices, tokens, faults, jitter).
    public var seed: UInt64 = 1
    /// OAuth client credentials accepted by `POST /api/ts/v1/oauth2/token` (Basic key:secret).
    public var appKey = "sim-app-key"
    public var appSecret = "sim-app-secret-7f3c91d2"
    /// UWS credentials accepted by `POST /api/m2m/v1/session/login`.
    public var username = "sim-user"
    public var password = "sim-pass-4b8e20a6"
    /// When true, an IMEI whose Luhn check digit is wrong is a whole-request 400
    /// `Invalid device id format`; otherwise only "exactly 15 digits" is checked.
    public var enforceLuhn = false
    /// The subscription's purchase type: monthly licences or event-based.
    public var billing: SimulatorBilling = .monthly
    /// RFC 3339 timestamps (what Verizon's SDKs parse), or the mix of documented forms.
    public var timestamps: TimestampStyle = .rfc3339
    /// Fault injection and timing knobs; can be changed while running with `setFaults`.
    public var faults = FaultConfiguration()
    /// Devices with hostile text (invalid UTF-8, escape sequences, bidi, wide characters);
    /// fixed at start.
    public var deviceContent = DeviceContentFaults()

    /// Upper bound for `devices` (the generator draws from 16 TACs x 1,000,000 serials).
    public static let maximumDevices = 5_000_000

    public init() {}

    /// Problems with this configuration, each a sentence a person understands; empty when valid.
    public func validationErrors() -> [String] {
        var errors: [String] = []
        if host.isEmpty { errors.append("host must not be empty") }
        if !(0...65535).contains(port) { errors.append("port must be 0...65535 (0 picks a free port), got \(port)") }
        if !Self.isValidAccountName(account) {
            errors.append("account must look like 0242078689-00001 (10 digits, dash, 5 digits), got '\(account)'")
        }
        if !(0...Self.maximumDevices).contains(devices) {
            errors.append("devices must be 0...\(Self.maximumDevices), got \(devices)")
        }
        if licenses < 0 { errors.append("licenses must not be negative, got \(licenses)") }
        if used < 0 { errors.append("used must not be negative, got \(used)") }
        if used > licenses { errors.append("used (\(used)) must not exceed licenses (\(licenses))") }
        if used > devices { errors.append("used (\(used)) must not exceed devices (\(devices))") }
        if !(1...1000).contains(pageSize) { errors.append("page-size must be 1...1000, got \(pageSize)") }
        if latencyMs < 0 { errors.append("latency must not be negative, got \(latencyMs)") }
        if jitterMs < 0 { errors.append("jitter must not be negative, got \(jitterMs)") }
        if appKey.isEmpty || appKey.contains(":") { errors.append("app-key must be non-empty and contain no ':'") }
        if appSecret.isEmpty { errors.append("app-secret must not be empty") }
        if username.isEmpty { errors.append("username must not be empty") }
        if password.isEmpty { errors.append("password must not be empty") }
        errors += faults.validationErrors()
        if faults.failingDeviceCount > max(0, devices - used) {
            errors.append(
                "failing-devices (\(faults.failingDeviceCount)) must not exceed the unlicensed devices (devices - used = \(max(0, devices - used)))"
            )
        }
        return errors
    }

    /// `##########-#####`
    static func isValidAccountName(_ name: some StringProtocol) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count == 16, bytes[10] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 10 || (byte >= 0x30 && byte <= 0x39)
        }
    }
}

/// Faults and timing. Rates are probabilities 0...1 drawn from the seeded generator; `...Every`
/// counts only assign/remove requests that passed the bearer check (every Nth one gets the
/// fault; 0 = off). Rates apply to every FOTA request (`/api/fota/v1/...`). When several faults
/// hit one request, a dropped connection wins over 429, and 429 over 500/503.
public struct FaultConfiguration: Sendable, Equatable {
    /// Probability of a 429 on a FOTA request.
    public var rateLimitRate: Double = 0
    /// Every Nth assign/remove request gets 429 (0 = off).
    public var rateLimitEvery: Int = 0
    /// `Retry-After` value on 429, sent as whole seconds (rounded up; 0 allowed).
    public var retryAfterSeconds: Double = 1
    /// Probability of a 500 or 503 on a FOTA request.
    public var serverErrorRate: Double = 0
    /// Every Nth assign/remove request gets 500 or 503 (0 = off).
    public var serverErrorEvery: Int = 0
    /// Probability that a FOTA request's connection is closed without any response.
    public var dropConnectionRate: Double = 0
    /// Every Nth assign/remove request has its connection closed without a response (0 = off).
    public var dropConnectionEvery: Int = 0
    /// Extra delay on every request, on top of `SimulatorConfiguration.latencyMs`.
    public var addedLatencyMs: Int = 0
    /// Lifetime of a newly minted API token.
    public var tokenLifetimeSeconds: Double = 3600
    /// A session token expires after this long without use.
    public var sessionIdleSeconds: Double = 1200
    /// IMEIs that always come back `LicenseAssignFailed` / `LicenseRemoveFailed` with a reason.
    public var failingDevices: Set<String> = []
    /// Additionally mark this many generated, initially unlicensed devices (chosen from the seed)
    /// as always failing.
    public var failingDeviceCount: Int = 0
    /// When true, assign/remove requests wait (after auth and validation, before applying)
    /// until released with `releaseBatches` / `releaseAllBatches` or until hold is switched off.
    public var holdBatches = false

    // Lost answers, hangs, silence (issue 9): kept together.
    /// Every Nth assign/remove request is applied, then its connection is closed without an
    /// answer: a lost reply (0 = off).
    public var loseAnswerEvery: Int = 0
    /// Every Nth assign/remove request is applied and never answered: it hangs, the connection
    /// open, until the server stops (0 = off).
    public var hangAfterApplyEvery: Int = 0
    /// The server accepts connections and never answers any request (each waits, without using
    /// the CPU, until the server stops).
    public var silent = false

    public init() {}

    public func validationErrors() -> [String] {
        var errors: [String] = []
        func rate(_ name: String, _ value: Double) {
            if !(0...1).contains(value) { errors.append("\(name) must be a probability 0...1, got \(value)") }
        }
        func every(_ name: String, _ value: Int) {
            if value < 0 { errors.append("\(name) must be 0 (off) or a positive count, got \(value)") }
        }
        rate("rate-limit-rate", rateLimitRate)
        rate("server-error-rate", serverErrorRate)
        rate("drop-rate", dropConnectionRate)
        every("rate-limit-every", rateLimitEvery)
        every("server-error-every", serverErrorEvery)
        every("drop-every", dropConnectionEvery)
        every("lose-answer-every", loseAnswerEvery)
        every("hang-after-apply-every", hangAfterApplyEvery)
        if !(retryAfterSeconds >= 0 && retryAfterSeconds <= 86_400) {
            errors.append("retry-after must be 0...86400 seconds, got \(retryAfterSeconds)")
        }
        if addedLatencyMs < 0 { errors.append("added latency must not be negative, got \(addedLatencyMs)") }
        if !(tokenLifetimeSeconds > 0 && tokenLifetimeSeconds <= 1_000_000) {
            errors.append("token-lifetime must be a positive number of seconds, got \(tokenLifetimeSeconds)")
        }
        if !(sessionIdleSeconds > 0 && sessionIdleSeconds <= 1_000_000) {
            errors.append("session-idle must be a positive number of seconds, got \(sessionIdleSeconds)")
        }
        if failingDeviceCount < 0 { errors.append("failing-devices must not be negative, got \(failingDeviceCount)") }
        return errors
    }
}

/// Thrown by `ThingSpaceSimulator.start()` for an invalid configuration.
public struct SimulatorConfigurationError: Error, CustomStringConvertible, Sendable {
    public var problems: [String]
    public var description: String { problems.joined(separator: "; ") }
    public init(problems: [String]) { self.problems = problems }
}

/// What the simulator has seen since it started.
public struct SimulatorCounters: Sendable, Equatable {
    /// New API tokens minted (a re-request inside the lifetime returns the same token and is not counted).
    public var tokenIssued = 0
    /// Requests to the token endpoint, whatever their outcome.
    public var tokenRequests = 0
    /// Requests to the login endpoint, whatever their outcome.
    public var loginAttempts = 0
    /// Logins refused for bad credentials or because the user is locked.
    public var loginFailures = 0
    /// Sessions ended by a successful logout.
    public var logouts = 0
    /// Requests to `.../licenses/{account}/assign`, whatever their outcome.
    public var assignRequests = 0
    /// Requests to `.../licenses/{account}/remove`, whatever their outcome.
    public var removeRequests = 0
    /// 429 responses injected.
    public var rateLimited = 0
    /// 500/503 responses injected.
    public var serverErrors = 0
    /// Connections closed without a response.
    public var dropped = 0
    /// Requests to `.../licenses/{account}/index/{startIndex}`.
    public var summaryRequests = 0
    /// Requests to `.../devices/{account}/index/{startIndex}`.
    public var deviceListRequests = 0

    // Lost answers, hangs, silence (issue 9): kept together.
    /// Assign/remove requests applied whose answer was then lost (connection closed).
    public var answersLost = 0
    /// Assign/remove requests applied and never answered.
    public var hungAfterApply = 0
    /// Requests left unanswered by a silent server.
    public var silentRequests = 0
    /// Assign/remove requests that reached the licences (applied, or refused by a dead server),
    /// by the first device id of their list: how often each batch was sent.
    public var batchRequests: [String: Int] = [:]

    public init() {}
}
