import Foundation

/// The simulated account and every piece of mutable simulator state. One actor, so counts never
/// drift under concurrent requests: each batch is applied in one isolated step.
actor SimulatorState {
    enum BearerCheck: Equatable { case ok, missing, invalid, expired }
    enum SessionCheck: Equatable { case ok, missing, invalid, expired }
    enum LoginResult: Equatable { case ok(sessionToken: String), badCredentials, locked }
    enum LogoutResult: Equatable { case ok(sessionToken: String), missing, invalid, expired }
    enum FaultDecision: Equatable { case none, drop, rateLimit(retryAfter: Int), serverError(status: Int) }
    enum Operation: Sendable { case assign, remove }
    enum RequestKind: Sendable { case token, login, logout, summary, deviceList, assign, remove, other }
    enum CursorError: Error, Equatable { case malformed, unknown }

    struct DeviceOutcome: Sendable {
        var deviceId: String
        var status: String
        var reason: String
    }

    struct BatchResult: Sendable {
        var licCount: Int
        var licUsedCount: Int
        var devices: [DeviceOutcome]
    }

    struct LicensePage: Sendable {
        var totalLicenses: Int
        var assignedLicenses: Int
        var hasMoreData: Bool
        var lastSeen: UInt64
        var devices: [(imei: UInt64, assignedMs: Int64)]
    }

    struct DevicePage: Sendable {
        var hasMoreData: Bool
        var lastSeen: UInt64
        var devices: [(imei: UInt64, licensed: Bool)]
    }

    private struct IssuedToken {
        var value: String
        var expiresAt: ContinuousClock.Instant
    }

    // MARK: Status strings (v1)

    static let assignSuccess = "LicenseAssignSuccess"
    static let assignFailed = "LicenseAssignFailed"
    static let removeSuccess = "LicenseRemoveSuccess"
    static let removeFailed = "LicenseRemoveFailed"
    static let reasonSuccess = "Success"
    static let reasonPreexisting = "Device license preexisting"
    static let reasonNotFound = "Device Not Found"
    static let reasonNoLicenses = "No licenses available"
    static let reasonNoLicenseAttached = "No license attached to device"
    static let reasonAssignRejected = "License assignment failed: device is not eligible for a license"
    static let reasonRemoveRejected = "License removal failed: license is in use by a scheduled upgrade"

    // MARK: State

    nonisolated let configuration: SimulatorConfiguration
    nonisolated let catalog: DeviceCatalog

    /// Assignment time (ms since 1970) per catalog position; 0 = no licence.
    private var assignedMs: [Int64]
    private var usedCount: Int
    private var faults: FaultConfiguration
    private var generatedFailing: Set<UInt64> = []
    private var counters = SimulatorCounters()
    private var rng: SplitMix64
    private let clock = ContinuousClock()

    private var currentToken: IssuedToken?
    private var retiredTokens: Set<String> = []
    private var sessions: [String: ContinuousClock.Instant] = [:]
    private var expiredSessions: Set<String> = []
    private var consecutiveLoginFailures = 0
    private var loginLocked = false

    private var batchFaultCounter = 0
    private var held: [CheckedContinuation<Void, Never>] = []
    private var stopping = false

    init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        self.faults = configuration.faults
        self.rng = SplitMix64(seed: configuration.seed ^ 0xFA17_5EED_0000_0003)
        let catalog = DeviceCatalog(count: configuration.devices, seed: configuration.seed)
        self.catalog = catalog
        let used = min(configuration.used, catalog.count)
        let picks = catalog.shuffledPositions(prefix: used + max(0, configuration.faults.failingDeviceCount))
        var assigned = [Int64](repeating: 0, count: catalog.count)
        for position in picks.prefix(used) {
            assigned[position] = catalog.initialAssignmentMs(of: catalog.imeis[position])
        }
        self.assignedMs = assigned
        self.usedCount = used
        self.generatedFailing = Set(picks.dropFirst(used).map { catalog.imeis[$0] })
    }

    // MARK: Inspection and control

    func snapshotCounters() -> SimulatorCounters { counters }

    func licenseCounts() -> (total: Int, used: Int) { (configuration.licenses, usedCount) }

    func licensedDeviceIds() -> Set<String> {
        var result = Set<String>(minimumCapacity: usedCount)
        for (position, ms) in assignedMs.enumerated() where ms != 0 {
            result.insert(IMEICheck.string(catalog.imeis[position]))
        }
        return result
    }

    func failingDeviceIds() -> Set<String> {
        faults.failingDevices.union(generatedFailing.map(IMEICheck.string))
    }

    func setFaults(_ newFaults: FaultConfiguration) {
        let oldCount = faults.failingDeviceCount
        faults = newFaults
        if newFaults.failingDeviceCount != oldCount {
            // Same seeded selection as at start: positions after the initially licensed ones.
            let used = min(configuration.used, catalog.count)
            let picks = catalog.shuffledPositions(prefix: used + max(0, newFaults.failingDeviceCount))
            generatedFailing = Set(picks.dropFirst(used).map { catalog.imeis[$0] })
        }
        setHoldBatches(newFaults.holdBatches)
    }

    func setHoldBatches(_ on: Bool) {
        faults.holdBatches = on
        if !on { releaseAllBatches() }
    }

    func heldBatchCount() -> Int { held.count }

    func releaseBatches(_ count: Int) {
        let n = max(0, min(count, held.count))
        let released = held.prefix(n)
        held.removeFirst(n)
        for continuation in released { continuation.resume() }
    }

    func releaseAllBatches() {
        releaseBatches(held.count)
    }

    func expireToken() {
        if let token = currentToken {
            retiredTokens.insert(token.value)
            currentToken = nil
        }
    }

    func expireSession() {
        for token in sessions.keys { expiredSessions.insert(token) }
        sessions.removeAll()
    }

    func unlockLogin() {
        loginLocked = false
        consecutiveLoginFailures = 0
    }

    /// Stop holding and let every waiting request go, so the server can shut down.
    func beginShutdown() {
        stopping = true
        faults.holdBatches = false
        releaseAllBatches()
    }

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
        var delay = configuration.latencyMs + faults.addedLatencyMs
        let jitter = configuration.jitterMs
        if jitter > 0 {
            delay += Int(rng.next() % UInt64(2 * jitter + 1)) - jitter
        }
        return max(0, delay)
    }

    /// Returns the current token while it is valid (with its remaining lifetime), or mints a new one.
    func issueToken() -> (token: String, expiresIn: Int) {
        let now = clock.now
        if let token = currentToken {
            let remaining = Self.seconds(token.expiresAt - now)
            if remaining >= 1 { return (token.value, Int(remaining)) }
            retiredTokens.insert(token.value)
        }
        let lifetime = faults.tokenLifetimeSeconds
        let token = IssuedToken(value: rng.uuidString(), expiresAt: now + .milliseconds(Int64(lifetime * 1000)))
        currentToken = token
        counters.tokenIssued += 1
        return (token.value, max(1, Int(lifetime.rounded(.down))))
    }

    func checkBearer(_ token: String?) -> BearerCheck {
        guard let token, !token.isEmpty else { return .missing }
        if let current = currentToken, current.value == token {
            if clock.now < current.expiresAt { return .ok }
            retiredTokens.insert(current.value)
            currentToken = nil
            return .expired
        }
        return retiredTokens.contains(token) ? .expired : .invalid
    }

    func login(username: String, password: String) -> LoginResult {
        if loginLocked {
            counters.loginFailures += 1
            return .locked
        }
        guard username == configuration.username, password == configuration.password else {
            counters.loginFailures += 1
            consecutiveLoginFailures += 1
            if consecutiveLoginFailures >= 5 { loginLocked = true }
            return .badCredentials
        }
        consecutiveLoginFailures = 0
        let token = rng.uuidString()
        sessions[token] = clock.now
        return .ok(sessionToken: token)
    }

    func logout(_ token: String?) -> LogoutResult {
        guard let token, !token.isEmpty else { return .missing }
        if sessions.removeValue(forKey: token) != nil {
            counters.logouts += 1
            return .ok(sessionToken: token)
        }
        return expiredSessions.contains(token) ? .expired : .invalid
    }

    /// Checks a session token and, when valid, refreshes its idle clock.
    func useSession(_ token: String?) -> SessionCheck {
        guard let token, !token.isEmpty else { return .missing }
        let now = clock.now
        if let lastUse = sessions[token] {
            if Self.seconds(now - lastUse) > faults.sessionIdleSeconds {
                sessions.removeValue(forKey: token)
                expiredSessions.insert(token)
                return .expired
            }
            sessions[token] = now
            return .ok
        }
        return expiredSessions.contains(token) ? .expired : .invalid
    }

    func decideFault(isBatch: Bool) -> FaultDecision {
        var n = 0
        if isBatch {
            batchFaultCounter += 1
            n = batchFaultCounter
        }
        func every(_ k: Int) -> Bool { isBatch && k > 0 && n % k == 0 }
        func chance(_ p: Double) -> Bool { p > 0 && rng.nextUnit() < p }

        if every(faults.dropConnectionEvery) || chance(faults.dropConnectionRate) {
            counters.dropped += 1
            return .drop
        }
        if every(faults.rateLimitEvery) || chance(faults.rateLimitRate) {
            counters.rateLimited += 1
            return .rateLimit(retryAfter: Int(faults.retryAfterSeconds.rounded(.up)))
        }
        if every(faults.serverErrorEvery) || chance(faults.serverErrorRate) {
            counters.serverErrors += 1
            return .serverError(status: rng.next() & 1 == 0 ? 500 : 503)
        }
        return .none
    }

    /// When hold is on, waits until released (FIFO). Returns at once otherwise.
    func waitIfHeld() async {
        guard faults.holdBatches, !stopping else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            held.append(continuation)
        }
    }

    // MARK: Licences

    func apply(_ operation: Operation, deviceIds: [String]) -> BatchResult {
        let nowMs = Int64((Self.wallClockSeconds() * 1000).rounded())
        var outcomes: [DeviceOutcome] = []
        outcomes.reserveCapacity(deviceIds.count)
        for id in deviceIds {
            outcomes.append(applyOne(operation, id: id, nowMs: nowMs))
        }
        return BatchResult(licCount: configuration.licenses, licUsedCount: usedCount, devices: outcomes)
    }

    private func applyOne(_ operation: Operation, id: String, nowMs: Int64) -> DeviceOutcome {
        let position = UInt64(id).flatMap { catalog.position(of: $0) }
        let failing = faults.failingDevices.contains(id) || UInt64(id).map { generatedFailing.contains($0) } ?? false
        switch operation {
        case .assign:
            guard let position else { return DeviceOutcome(deviceId: id, status: Self.assignFailed, reason: Self.reasonNotFound) }
            if failing { return DeviceOutcome(deviceId: id, status: Self.assignFailed, reason: Self.reasonAssignRejected) }
            // Already licensed: reported as a success (the device does hold a licence) with
            // reason "Device license preexisting"; the used count does not change.
            if assignedMs[position] != 0 {
                return DeviceOutcome(deviceId: id, status: Self.assignSuccess, reason: Self.reasonPreexisting)
            }
            guard usedCount < configuration.licenses else {
                return DeviceOutcome(deviceId: id, status: Self.assignFailed, reason: Self.reasonNoLicenses)
            }
            assignedMs[position] = nowMs
            usedCount += 1
            return DeviceOutcome(deviceId: id, status: Self.assignSuccess, reason: Self.reasonSuccess)
        case .remove:
            guard let position else { return DeviceOutcome(deviceId: id, status: Self.removeFailed, reason: Self.reasonNotFound) }
            if failing { return DeviceOutcome(deviceId: id, status: Self.removeFailed, reason: Self.reasonRemoveRejected) }
            guard assignedMs[position] != 0 else {
                return DeviceOutcome(deviceId: id, status: Self.removeFailed, reason: Self.reasonNoLicenseAttached)
            }
            assignedMs[position] = 0
            usedCount -= 1
            return DeviceOutcome(deviceId: id, status: Self.removeSuccess, reason: Self.reasonSuccess)
        }
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
    func licensePage(after cursor: UInt64) -> LicensePage {
        let pageSize = configuration.pageSize
        var devices: [(imei: UInt64, assignedMs: Int64)] = []
        var position = cursor == 0 ? 0 : catalog.firstPosition(after: cursor)
        while position < assignedMs.count, devices.count < pageSize {
            if assignedMs[position] != 0 { devices.append((catalog.imeis[position], assignedMs[position])) }
            position += 1
        }
        var more = false
        while position < assignedMs.count {
            if assignedMs[position] != 0 {
                more = true
                break
            }
            position += 1
        }
        return LicensePage(
            totalLicenses: configuration.licenses,
            assignedLicenses: usedCount,
            hasMoreData: more,
            lastSeen: more ? devices.last?.imei ?? 0 : 0,
            devices: devices
        )
    }

    /// Devices whose IMEI is greater than `cursor`, at most `pageSize`.
    func devicePage(after cursor: UInt64) -> DevicePage {
        let start = cursor == 0 ? 0 : catalog.firstPosition(after: cursor)
        let end = min(catalog.count, start + configuration.pageSize)
        var devices: [(imei: UInt64, licensed: Bool)] = []
        devices.reserveCapacity(max(0, end - start))
        if start < end {
            for position in start..<end {
                devices.append((catalog.imeis[position], assignedMs[position] != 0))
            }
        }
        let more = end < catalog.count
        return DevicePage(hasMoreData: more, lastSeen: more ? devices.last?.imei ?? 0 : 0, devices: devices)
    }

    // MARK: Helpers

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    private static func wallClockSeconds() -> Double {
        Date().timeIntervalSince1970
    }
}
