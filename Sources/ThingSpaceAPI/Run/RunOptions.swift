import Foundation

/// How a run sends its batches.
public struct RunOptions: Sendable, Equatable {
    /// Devices per request (ThingSpace documents no cap; 100 is the usual advice).
    public var batchSize: Int = 100
    /// Batches in flight at most (the starting and maximum concurrency).
    public var concurrency: Int = 2
    /// How a batch is retried: attempts and back-off for transient failures (429, 5xx, timeouts,
    /// resets), and the immediate re-sends of a batch whose answer was lost.
    public var retry: RetryPolicy = .writes
    /// Connection-level failures in a row, across batches, after which the host is taken for
    /// dead and the run stops (refused, unreachable, closed before any answer).
    public var deadHostFailures: Int = 3
    /// After a 429 halves the concurrency, it rises again by one after this many successes in a row.
    public var successesBeforeRaise: Int = 3
    /// How bad Luhn check digits are treated.
    public var luhnPolicy: IMEI.LuhnPolicy = .warn

    public init(batchSize: Int = 100, concurrency: Int = 2, retry: RetryPolicy = .writes, deadHostFailures: Int = 3,
                successesBeforeRaise: Int = 3, luhnPolicy: IMEI.LuhnPolicy = .warn) {
        self.batchSize = batchSize
        self.concurrency = concurrency
        self.retry = retry
        self.deadHostFailures = deadHostFailures
        self.successesBeforeRaise = successesBeforeRaise
        self.luhnPolicy = luhnPolicy
    }

    /// Devices per request that a run accepts.
    public static let batchSizeRange: ClosedRange<Int> = 1...1000
    /// Requests in flight that a run accepts.
    public static let concurrencyRange: ClosedRange<Int> = 1...64

    /// `NAME must be 1...1000, got N`, or nil when `value` is a usable batch size. `name` is the
    /// setting as the operator wrote it (`--batch-size`, `list.toml: profiles.p.batch_size`).
    public static func batchSizeProblem(_ value: Int, name: String = "batch size") -> String? {
        rangeProblem(value, batchSizeRange, name: name)
    }

    /// `NAME must be 1...64, got N`, or nil when `value` is a usable concurrency.
    public static func concurrencyProblem(_ value: Int, name: String = "concurrency") -> String? {
        rangeProblem(value, concurrencyRange, name: name)
    }

    static func rangeProblem(_ value: Int, _ range: ClosedRange<Int>, name: String) -> String? {
        range.contains(value) ? nil : "\(name) must be \(range.lowerBound)...\(range.upperBound), got \(value)"
    }

    /// Refuses settings that cannot work, with a message naming the setting.
    public func validate() throws(ThingSpaceError) {
        if let problem = RunOptions.batchSizeProblem(batchSize) { throw .invalidInput(problem) }
        if let problem = RunOptions.concurrencyProblem(concurrency) { throw .invalidInput(problem) }
        if retry.maxAttempts < 1 { throw .invalidInput("attempts must be at least 1, got \(retry.maxAttempts)") }
        try retry.validate(name: "write retry")
        if deadHostFailures < 1 { throw .invalidInput("dead-host failures must be at least 1, got \(deadHostFailures)") }
    }
}

/// A batch as the hook sees it.
public struct BatchRecord: Sendable, Equatable {
    public var runId: String
    public var operation: LicenseOperation
    public var account: String
    public var batch: Int
    public var attempt: Int
    public var deviceIds: [String]
}

/// Awaited by the engine before each batch is sent and after each batch's results; a durable run
/// journal plugs in here (it can make a record durable before the request leaves). Throwing stops
/// the run: nothing is sent that could not be recorded.
public protocol RunHook: Sendable {
    func willSend(_ batch: BatchRecord) async throws
    func didReceive(_ batch: BatchRecord, results: [DeviceResult]) async throws
    /// A batch's results, then the intent of the next batch its lane sends: both recorded before
    /// that request leaves. A journal can make both durable at once; by default, `didReceive`
    /// then `willSend`.
    func didReceive(_ batch: BatchRecord, results: [DeviceResult], thenWillSend next: BatchRecord) async throws
}

extension RunHook {
    public func didReceive(_ batch: BatchRecord, results: [DeviceResult], thenWillSend next: BatchRecord) async throws {
        try await didReceive(batch, results: results)
        try await willSend(next)
    }
}
