import Foundation

/// The one retry policy of the API module, configured per kind of call: reads (licence summary
/// pages, device pages, counts) and writes (assign and remove batches, driven by the run engine).
///
/// A call is tried again on throttling (429), server trouble (500, 502, 503, 504), timeouts and
/// connection failures, after an exponential back-off with jitter that honours the server's
/// `Retry-After` (bounded), up to `maxAttempts` attempts in all. Writes whose answer was lost are
/// re-sent at once, `lostReplyResends` more times (both operations are safe to repeat).
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included (1 means never retried).
    public var maxAttempts: Int
    /// First back-off delay in seconds; doubled each attempt, with jitter.
    public var initialBackoff: Double
    /// Longest back-off delay in seconds.
    public var maxBackoff: Double
    /// The longest `Retry-After` honoured, in seconds (a hostile value cannot park us for a day).
    public var maxRetryAfter: Double
    /// Immediate re-sends of a write whose answer never came (connection closed after the
    /// request, or no answer before the deadline). Reads do not use it.
    public var lostReplyResends: Int

    public init(maxAttempts: Int = 6, initialBackoff: Double = 0.5, maxBackoff: Double = 30,
                maxRetryAfter: Double = 300, lostReplyResends: Int = 2) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
        self.lostReplyResends = lostReplyResends
    }

    /// Reads: six attempts, 0.5 s doubling to at most 30 s.
    public static let reads = RetryPolicy(lostReplyResends: 0)
    /// Writes (assign and remove batches): six attempts, and two immediate re-sends of a lost reply.
    public static let writes = RetryPolicy()
    /// Never retried.
    public static let never = RetryPolicy(maxAttempts: 1, lostReplyResends: 0)

    /// True when `error` is worth another attempt after `attempt` attempts.
    public func allowsRetry(of error: ThingSpaceError, after attempt: Int) -> Bool {
        error.isTransient && attempt < maxAttempts
    }

    /// The delay before attempt `attempt + 1`: exponential back-off with jitter (half to all of
    /// the step); a `Retry-After` is honoured, bounded by `maxRetryAfter`, when it is longer.
    public func delay(after attempt: Int, retryAfter: Double?,
                      jitter: Double = Double.random(in: 0.5...1.0)) -> Double {
        let step = min(maxBackoff, initialBackoff * pow(2, Double(max(0, attempt - 1))))
        let jittered = step * min(1, max(0, jitter))
        if let retryAfter { return max(min(retryAfter, maxRetryAfter), jittered * 0.25) }
        return jittered
    }

    /// Refuses settings that cannot work, naming the setting.
    public func validate(name: String) throws(ThingSpaceError) {
        if maxAttempts < 1 { throw .invalidInput("\(name) attempts must be at least 1, got \(maxAttempts)") }
        if initialBackoff < 0 || maxBackoff < 0 || maxRetryAfter < 0 {
            throw .invalidInput("\(name) back-off delays must not be negative")
        }
        if lostReplyResends < 0 { throw .invalidInput("\(name) lost-reply re-sends must not be negative") }
    }
}
