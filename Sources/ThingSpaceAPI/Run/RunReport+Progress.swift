import Foundation

extension RunReport {
    /// How far a run has got, from its events:
    /// `assign: 1,200/2,000 devices answered · 7/20 batches sent · 0:03 · 400/s`.
    public struct Progress: Sendable {
        /// Devices to send.
        public private(set) var total = 0
        /// Batches planned.
        public private(set) var batches = 0
        /// Batches that left at least once (re-sends do not count again).
        public private(set) var batchesSent = 0
        /// Results of devices that were sent (skipped entries and devices never sent do not count).
        public private(set) var done = 0
        /// Batches answered (their results are in `done`).
        public private(set) var batchesAnswered = 0
        private var answeredBatchNumbers = Set<Int>()

        public init() {}

        public mutating func record(_ event: RunEvent) {
            switch event {
            case .started(let plan):
                total = plan.deviceIds.count
                batches = plan.batchCount
            case .batchSent(_, _, let attempt):
                if attempt == 1 { batchesSent += 1 }
            case .batchResults(let results, let batch):
                guard batch >= 0 else { break }
                let answered = results.lazy.filter { $0.status != DeviceResult.notSentStatus }.count
                guard answered > 0 else { break }
                done += answered
                if answeredBatchNumbers.insert(batch).inserted { batchesAnswered += 1 }
            default:
                break
            }
        }

        /// The progress line; nil before the run has devices to send. `elapsed` (seconds since the
        /// run started) adds the time, and the rate once a batch is answered and a second has passed.
        public func text(_ operation: LicenseOperation, elapsed: Double? = nil) -> String? {
            guard total > 0 else { return nil }
            var parts = ["\(operation.verb): \(TextFormat.count(done))/\(TextFormat.count(total, "device")) answered",
                         "\(TextFormat.count(batchesSent))/\(TextFormat.count(batches, "batch", plural: "batches")) sent"]
            if let elapsed {
                parts.append(Self.clock(elapsed))
                if let rate = rate(elapsed: elapsed) { parts.append("\(TextFormat.count(rate))/s") }
            }
            return parts.joined(separator: " · ")
        }

        /// Answered devices per second; nil until a batch is answered and a second has passed.
        public func rate(elapsed: Double) -> Int? {
            guard batchesAnswered > 0, done > 0, elapsed >= 1 else { return nil }
            return max(1, Int((Double(done) / elapsed).rounded()))
        }

        /// `0:07`, `12:30`, `1:02:03`.
        public static func clock(_ seconds: Double) -> String {
            let s = max(0, Int(seconds))
            let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60)
            return h > 0 ? String(format: "%d:%02d:%02d", h, m, sec) : String(format: "%d:%02d", m, sec)
        }
    }
}
