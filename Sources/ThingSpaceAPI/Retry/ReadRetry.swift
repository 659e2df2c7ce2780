import Foundation

/// A read about to be tried again: what it was reading, why it failed, and how long we wait.
/// The console shows it ("page 12: HTTP 429, retrying in 1 s"); commands print it with `--debug`.
public struct RetryNotice: Sendable, Equatable {
    /// What was being read: `device list page 12`, `licence counts`.
    public var step: String
    /// The attempt that failed (1 for the first).
    public var attempt: Int
    /// Seconds until the next attempt.
    public var delay: Double
    public var error: ThingSpaceError

    public init(step: String, attempt: Int, delay: Double, error: ThingSpaceError) {
        self.step = step
        self.attempt = attempt
        self.delay = delay
        self.error = error
    }

    /// `page 12: HTTP 429, retrying in 1 s`
    public var summary: String {
        "\(step): \(RetryNotice.shortCause(error)), retrying in \(RetryNotice.seconds(delay))"
    }

    static func shortCause(_ error: ThingSpaceError) -> String {
        switch error.underlying {
        case .timeout(let s): return "no answer within \(ThingSpaceError.formatSeconds(s))"
        case .unreachable(_, let detail), .noAnswer(_, let detail): return detail
        default:
            if let status = error.httpStatus { return "HTTP \(status)" }
            return error.underlying.description
        }
    }

    static func seconds(_ s: Double) -> String {
        s < 1 ? String(format: "%.1f s", s) : "\(Int(s.rounded())) s"
    }
}

/// Called before each wait of a read retry. Must not block.
public typealias RetryObserver = @Sendable (RetryNotice) -> Void

/// Connection-level failures in a row after which a read gives up early: the host is dead.
public let deadHostFailures = 3

extension ThingSpaceClient {
    /// `body` with the read retry policy: transient failures are tried again after a back-off
    /// (the observer is told first); the last error is thrown naming the step and the host.
    func reading<T: Sendable>(_ step: String, observer: RetryObserver?,
                              _ body: () async throws(ThingSpaceError) -> T) async throws(ThingSpaceError) -> T {
        let policy = configuration.readRetry
        var attempt = 0
        var connectionFailures = 0
        while true {
            attempt += 1
            do {
                return try await body()
            } catch {
                if error == .cancelled || Task.isCancelled { throw .cancelled }
                connectionFailures = error.isConnectionLevel ? connectionFailures + 1 : 0
                let hostDead = connectionFailures >= deadHostFailures
                guard !hostDead, policy.allowsRetry(of: error, after: attempt) else {
                    throw error.during("reading the \(step)", host: configuration.hostDescription)
                }
                let delay = policy.delay(after: attempt, retryAfter: error.retryAfterSeconds)
                observer?(RetryNotice(step: step, attempt: attempt, delay: delay, error: error))
                do { try await Task.sleep(nanoseconds: UInt64(max(0, delay) * 1e9)) } catch { throw .cancelled }
            }
        }
    }
}
