/// The injected faults: which requests fail and how, the added delay, which devices always
/// fail, and the assign/remove requests held until released. Draws from the state actor's
/// seeded generator, so a seed replays the same faults.
struct FaultPlan {
    enum FaultDecision: Equatable {
        case none, drop, rateLimit(retryAfter: Int), serverError(status: Int)
        /// Apply the batch, then close the connection without answering.
        case loseAnswer
        /// Apply the batch, then never answer (until the server stops).
        case hangAfterApply
    }

    private(set) var faults: FaultConfiguration
    /// Generated IMEIs that always fail (in addition to `faults.failingDevices`).
    private var generatedFailing: Set<UInt64>
    /// Assign/remove requests that passed the bearer check, for the `...Every` faults.
    private var batchCount = 0
    private var held: [CheckedContinuation<Void, Never>] = []
    /// Requests that never get an answer (silent server, hang after apply), let go at shutdown.
    private var hung: [CheckedContinuation<Void, Never>] = []
    private var stopping = false

    init(faults: FaultConfiguration, generatedFailing: Set<UInt64>) {
        self.faults = faults
        self.generatedFailing = generatedFailing
    }

    // MARK: Failing devices

    var failingDeviceIds: Set<String> {
        faults.failingDevices.union(generatedFailing.map(IMEICheck.string))
    }

    /// Whether a listed device always fails (no text made when no IMEI is configured by hand).
    func isFailing(imei: UInt64) -> Bool {
        generatedFailing.contains(imei) || (!faults.failingDevices.isEmpty && isFailing(IMEICheck.string(imei)))
    }

    func isFailing(_ deviceId: String) -> Bool {
        faults.failingDevices.contains(deviceId) || UInt64(deviceId).map { generatedFailing.contains($0) } ?? false
    }

    /// Replaces the faults; `generatedFailing` replaces the generated failing devices when given.
    /// A changed `holdBatches` takes effect as `setHoldBatches`.
    mutating func replace(_ newFaults: FaultConfiguration, generatedFailing newFailing: Set<UInt64>?) {
        faults = newFaults
        if let newFailing { generatedFailing = newFailing }
        setHoldBatches(newFaults.holdBatches)
    }

    // MARK: Delay and faults

    /// Delay for a request: latency + added latency, +/- a seeded jitter, never negative.
    func delayMs(latencyMs: Int, jitterMs: Int, rng: inout SplitMix64) -> Int {
        var delay = latencyMs + faults.addedLatencyMs
        if jitterMs > 0 {
            delay += Int(rng.next() % UInt64(2 * jitterMs + 1)) - jitterMs
        }
        return max(0, delay)
    }

    /// The fault for this request, if any: a dropped connection wins over a lost answer, a lost
    /// answer over a hang after apply, those over 429, and 429 over 500/503.
    mutating func decide(isBatch: Bool, rng: inout SplitMix64) -> FaultDecision {
        var n = 0
        if isBatch {
            batchCount += 1
            n = batchCount
        }
        func every(_ k: Int) -> Bool { isBatch && k > 0 && n % k == 0 }
        func chance(_ p: Double, _ rng: inout SplitMix64) -> Bool { p > 0 && rng.nextUnit() < p }

        if every(faults.dropConnectionEvery) || chance(faults.dropConnectionRate, &rng) {
            return .drop
        }
        if every(faults.loseAnswerEvery) { return .loseAnswer }
        if every(faults.hangAfterApplyEvery) { return .hangAfterApply }
        if every(faults.rateLimitEvery) || chance(faults.rateLimitRate, &rng) {
            return .rateLimit(retryAfter: Int(faults.retryAfterSeconds.rounded(.up)))
        }
        if every(faults.serverErrorEvery) || chance(faults.serverErrorRate, &rng) {
            return .serverError(status: rng.next() & 1 == 0 ? 500 : 503)
        }
        return .none
    }

    // MARK: Held batches

    /// True when an assign/remove request must wait to be released.
    var holdsBatches: Bool { faults.holdBatches && !stopping }

    var heldCount: Int { held.count }

    mutating func hold(_ continuation: CheckedContinuation<Void, Never>) {
        held.append(continuation)
    }

    mutating func setHoldBatches(_ on: Bool) {
        faults.holdBatches = on
        if !on { releaseAll() }
    }

    /// Lets up to `count` waiting requests go, oldest first.
    mutating func release(_ count: Int) {
        let n = max(0, min(count, held.count))
        let released = held.prefix(n)
        held.removeFirst(n)
        for continuation in released { continuation.resume() }
    }

    mutating func releaseAll() {
        release(held.count)
    }

    // MARK: Hung requests

    /// True once the server is shutting down: nothing waits any more.
    var isStopping: Bool { stopping }

    mutating func hang(_ continuation: CheckedContinuation<Void, Never>) {
        if stopping { continuation.resume() } else { hung.append(continuation) }
    }

    /// Stops holding for good and lets every waiting request go, so the server can shut down.
    mutating func beginShutdown() {
        stopping = true
        faults.holdBatches = false
        releaseAll()
        let waiting = hung
        hung.removeAll()
        for continuation in waiting { continuation.resume() }
    }
}
