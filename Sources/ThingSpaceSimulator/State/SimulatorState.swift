/// The simulated account and every piece of mutable simulator state, behind one actor so counts
/// never drift under concurrent requests: each batch is applied in one isolated step, and the
/// counters move in the same step as the ledgers they count.
///
/// The parts are plain values owned here: `AuthLedger` (tokens, sessions, login lock-out),
/// `LicenseLedger` (licences and pages) and `FaultPlan` (faults, delay, held batches). Time comes
/// from the injected `SimulatorClock`; randomness from one seeded generator.
actor SimulatorState {
    typealias BearerCheck = AuthLedger.BearerCheck
    typealias SessionCheck = AuthLedger.SessionCheck
    typealias LoginResult = AuthLedger.LoginResult
    typealias LogoutResult = AuthLedger.LogoutResult
    typealias FaultDecision = FaultPlan.FaultDecision
    typealias Operation = LicenseLedger.Operation
    typealias BatchResult = LicenseLedger.BatchResult
    typealias LicensePage = LicenseLedger.LicensePage
    typealias DevicePage = LicenseLedger.DevicePage

    enum RequestKind: Sendable { case token, login, logout, summary, deviceList, assign, remove, other }
    enum CursorError: Error, Equatable { case malformed, unknown }

    nonisolated let configuration: SimulatorConfiguration
    nonisolated let catalog: DeviceCatalog
    /// Writes v1 device-list pages (model texts escaped once).
    nonisolated let devicePageJSON: DevicePageJSON
    nonisolated let clock: any SimulatorClock

    private var auth = AuthLedger()
    private var licenses: LicenseLedger
    private var plan: FaultPlan
    private var counters = SimulatorCounters()
    private var rng: SplitMix64

    init(configuration: SimulatorConfiguration, clock: any SimulatorClock = SystemSimulatorClock()) {
        self.configuration = configuration
        self.clock = clock
        self.rng = SplitMix64(seed: configuration.seed ^ 0xFA17_5EED_0000_0003)
        let catalog = DeviceCatalog(count: configuration.devices, seed: configuration.seed, content: configuration.deviceContent)
        self.catalog = catalog
        self.devicePageJSON = DevicePageJSON(catalog: catalog, style: configuration.timestamps)
        let used = min(configuration.used, catalog.count)
        let picks = catalog.shuffledPositions(prefix: used + max(0, configuration.faults.failingDeviceCount))
        self.licenses = LicenseLedger(
            catalog: catalog, licenses: configuration.licenses, pageSize: configuration.pageSize, licensed: picks.prefix(used)
        )
        self.plan = FaultPlan(
            faults: configuration.faults, generatedFailing: Set(picks.dropFirst(used).map { catalog.imeis[$0] })
        )
    }

    // MARK: Inspection and control

    func snapshotCounters() -> SimulatorCounters { counters }

    func licenseCounts() -> (total: Int, used: Int) { (licenses.licenses, licenses.usedCount) }

    func licensedDeviceIds() -> Set<String> { licenses.licensedDeviceIds() }

    func failingDeviceIds() -> Set<String> { plan.failingDeviceIds }

    func setFaults(_ newFaults: FaultConfiguration) {
        var failing: Set<UInt64>?
        if newFaults.failingDeviceCount != plan.faults.failingDeviceCount {
            // Same seeded selection as at start: positions after the initially licensed ones.
            let used = min(configuration.used, catalog.count)
            let picks = catalog.shuffledPositions(prefix: used + max(0, newFaults.failingDeviceCount))
            failing = Set(picks.dropFirst(used).map { catalog.imeis[$0] })
        }
        plan.replace(newFaults, generatedFailing: failing)
    }

    func setHoldBatches(_ on: Bool) { plan.setHoldBatches(on) }

    func heldBatchCount() -> Int { plan.heldCount }

    func releaseBatches(_ count: Int) { plan.release(count) }

    func releaseAllBatches() { plan.releaseAll() }

    func expireToken() { auth.expireToken() }

    func expireSession() { auth.expireSessions() }

    func unlockLogin() { auth.unlockLogin() }

    /// Stop holding and let every waiting request go, so the server can shut down.
    func beginShutdown() { plan.beginShutdown() }

    // MARK: Per-request steps

    func count(_ kind: RequestKind) {
        switch kind {
        case .token: counters.tokenRequests += 1
        case .login: counters.loginAttempts += 1
        case .logout, .other: break
        case .summary: counters.summaryRequests += 1
        case .deviceList: counters.deviceListRequests += 1
        case .assign: counters.assignRequests += 1
        case .remove: counters.removeRequests += 1
        }
    }

    /// Delay for this request: latency + added latency, +/- a seeded jitter, never negative.
    func nextDelayMs() -> Int {
        plan.delayMs(latencyMs: configuration.latencyMs, jitterMs: configuration.jitterMs, rng: &rng)
    }

    /// Returns the current token while it is valid (with its remaining lifetime), or mints a new one.
    func issueToken() -> (token: String, expiresIn: Int) {
        let issued = auth.issueToken(now: clock.now, lifetimeSeconds: plan.faults.tokenLifetimeSeconds, rng: &rng)
        if issued.minted { counters.tokenIssued += 1 }
        return (issued.value, issued.expiresIn)
    }

    func checkBearer(_ token: String?) -> BearerCheck {
        auth.checkBearer(token, now: clock.now)
    }

    func login(username: String, password: String) -> LoginResult {
        let result = auth.login(
            username: username, password: password, expected: (configuration.username, configuration.password),
            now: clock.now, rng: &rng
        )
        if result == .badCredentials || result == .locked { counters.loginFailures += 1 }
        return result
    }

    func logout(_ token: String?) -> LogoutResult {
        let result = auth.logout(token)
        if case .ok = result { counters.logouts += 1 }
        return result
    }

    /// Checks a session token and, when valid, refreshes its idle clock.
    func useSession(_ token: String?) -> SessionCheck {
        auth.useSession(token, now: clock.now, idleSeconds: plan.faults.sessionIdleSeconds)
    }

    func decideFault(isBatch: Bool) -> FaultDecision {
        let decision = plan.decide(isBatch: isBatch, rng: &rng)
        switch decision {
        case .none: break
        case .drop: counters.dropped += 1
        case .rateLimit: counters.rateLimited += 1
        case .serverError: counters.serverErrors += 1
        case .loseAnswer: counters.answersLost += 1
        case .hangAfterApply: counters.hungAfterApply += 1
        }
        return decision
    }

    // MARK: Silence, hangs, death

    /// Every request goes unanswered.
    var isSilent: Bool { plan.faults.silent }

    /// The server died (`kill`): nothing is applied or answered any more.
    private(set) var isDead = false

    /// From now on nothing is applied or answered; waiting requests are let go by `beginShutdown`
    /// once their connections are closed.
    func markDead() { isDead = true }

    func countSilent() { counters.silentRequests += 1 }

    /// Waits, without a thread, until the server stops.
    func hangUntilShutdown() async {
        guard !plan.isStopping else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            plan.hang(continuation)
        }
    }

    /// When hold is on, waits until released (FIFO). Returns at once otherwise.
    func waitIfHeld() async {
        guard plan.holdsBatches else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            plan.hold(continuation)
        }
    }

    // MARK: Licences

    /// Applies a batch, counted by its first device; nil when the server has died meanwhile.
    func apply(_ operation: Operation, deviceIds: [String]) -> BatchResult? {
        if let first = deviceIds.first { counters.batchRequests[first, default: 0] += 1 }
        if isDead { return nil }
        return licenses.apply(operation, deviceIds: deviceIds, nowMs: clock.wallClockMilliseconds) { plan.isFailing($0) }
    }

    /// Parses a paging cursor: `0`, or the IMEI of a device in the account.
    nonisolated func parseCursor(_ text: Substring) -> Result<UInt64, CursorError> {
        if text == "0" { return .success(0) }
        let wellFormed = configuration.enforceLuhn ? IMEICheck.isLuhnValid(text) : IMEICheck.isWellFormed(text)
        guard wellFormed, let value = UInt64(text) else { return .failure(.malformed) }
        guard catalog.position(of: value) != nil else { return .failure(.unknown) }
        return .success(value)
    }

    /// Licensed devices whose IMEI is greater than `cursor`, at most `pageSize`.
    func licensePage(after cursor: UInt64) -> LicensePage { licenses.licensePage(after: cursor) }

    /// Devices whose IMEI is greater than `cursor`, at most `pageSize`, the ones that always fail
    /// marked (they are listed as not eligible).
    func devicePage(after cursor: UInt64) -> DevicePage {
        var page = licenses.devicePage(after: cursor)
        for device in page.devices where plan.isFailing(imei: device.imei) { page.failing.insert(device.imei) }
        return page
    }
}
