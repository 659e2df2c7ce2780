import Foundation

/// One run's work.
struct RunDriver: Sendable {
    let engine: RunEngine
    let operation: LicenseOperation
    let runId: String
    let continuation: AsyncStream<RunEvent>.Continuation
    let control: RunControl

    enum BatchEnd: Sendable {
        case done(batch: Int, results: [DeviceResult])
        /// The run must stop; `results` are this batch's devices (answered, or failed with the error).
        case fatal(batch: Int, results: [DeviceResult], error: ThingSpaceError)
    }

    final class Timing: Sendable {
        private let state = Locked<(first: ContinuousClock.Instant?, last: ContinuousClock.Instant?)>((nil, nil))
        func sent() { let now = ContinuousClock.now; state.withLock { if $0.first == nil { $0.first = now } } }
        func received() { let now = ContinuousClock.now; state.withLock { $0.last = now } }
        var elapsedMs: Int {
            state.withLock { s in
                guard let f = s.first, let l = s.last else { return 0 }
                let d = l - f
                return Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
            }
        }
    }

    func run(_ plan: DevicePlan) async {
        let options = engine.options
        let account = engine.client.account
        let skipped = plan.skipped
        let batches = RunPlanner.batches(plan.toSend, size: options.batchSize)
        continuation.yield(.started(RunPlan(runId: runId, operation: operation, account: account,
                                            deviceIds: plan.toSend, batchSize: options.batchSize,
                                            batchCount: batches.count, skipped: skipped,
                                            warnings: plan.warnings)))
        for result in skipped { continuation.yield(.deviceResult(result, batch: -1)) }

        let governor = ConcurrencyGovernor(maximum: options.concurrency, successesBeforeRaise: options.successesBeforeRaise)
        let timing = Timing()
        let lastCounts = Locked<LicenseCounts?>(nil)
        var results: [String: DeviceResult] = [:]
        var fatalError: ThingSpaceError?
        var nextBatch = 0

        do { try options.validate() } catch { fatalError = error }

        await withTaskGroup(of: BatchEnd.self) { group in
            var inFlight = 0
            while true {
                let stopping = control.isStopped || fatalError != nil || Task.isCancelled
                let limit = await governor.limit
                if !stopping, nextBatch < batches.count, inFlight < limit {
                    let index = nextBatch
                    let ids = batches[index]
                    nextBatch += 1
                    inFlight += 1
                    group.addTask {
                        await self.send(batch: index, deviceIds: ids, governor: governor, timing: timing, lastCounts: lastCounts)
                    }
                    continue
                }
                if inFlight == 0 { break }
                guard let end = await group.next() else { break }
                inFlight -= 1
                switch end {
                case .done(_, let batchResults):
                    for r in batchResults { results[r.deviceId] = r }
                case .fatal(_, let batchResults, let error):
                    if fatalError == nil { fatalError = error }
                    for r in batchResults { results[r.deviceId] = r }
                }
            }
        }

        // Devices never sent: the run stopped (by request or a fatal error) before their batch.
        var unsent: [String] = []
        for index in nextBatch..<batches.count {
            for id in batches[index] where results[id] == nil {
                unsent.append(id)
                let reason = fatalError.map { "not sent: the run stopped after an error (\($0.description))" }
                    ?? "not sent: the run was stopped before this device's batch"
                let r = DeviceResult(deviceId: id, status: "NotSent", reason: reason, outcome: .skipped)
                results[id] = r
                continuation.yield(.deviceResult(r, batch: index))
            }
        }

        // Every plan entry, in plan order: a sent device its result, any other entry its skip.
        let ordered = plan.devices.map { device in
            device.skippedResult ?? results[device.deviceId]
                ?? DeviceResult(deviceId: device.deviceId, status: "NotSent", reason: "no result", outcome: .failed)
        }

        let summary = RunSummary(runId: runId, operation: operation, account: engine.client.account, results: ordered,
                                 unsent: unsent, elapsedMs: timing.elapsedMs, counts: lastCounts.withLock { $0 },
                                 stopped: control.isStopped, fatalError: fatalError)
        continuation.yield(.finished(summary))
        continuation.finish()
    }

    /// Sends one batch with retries. Returns its device results, or a fatal error that stops the run.
    func send(batch index: Int, deviceIds: [String], governor: ConcurrencyGovernor, timing: Timing,
              lastCounts: Locked<LicenseCounts?>) async -> BatchEnd {
        let options = engine.options
        var attempt = 0
        while true {
            attempt += 1
            let record = BatchRecord(runId: runId, operation: operation, account: engine.client.account, batch: index,
                                     attempt: attempt, deviceIds: deviceIds)
            if let hook = engine.hook {
                do { try await hook.willSend(record) } catch {
                    let e = ThingSpaceError.invalidInput("the run journal could not record batch \(index + 1): \(error)")
                    return .fatal(batch: index, results: failAll(index, deviceIds, status: "NotSent", error: e), error: e)
                }
            }
            timing.sent()
            continuation.yield(.batchSent(batch: index, deviceIds: deviceIds, attempt: attempt))
            do {
                let response = try await engine.client.send(operation, deviceIds: deviceIds)
                timing.received()
                if let raised = await governor.succeeded() { continuation.yield(.concurrencyChanged(raised)) }
                let results = classify(response, sent: deviceIds)
                for r in results { continuation.yield(.deviceResult(r, batch: index)) }
                // Responses can arrive out of order: keep the counters of the latest state.
                let op = operation
                lastCounts.withLock { current in
                    current = current?.merged(with: response.counts, during: op) ?? response.counts
                }
                continuation.yield(.counts(response.counts))
                if let hook = engine.hook {
                    do { try await hook.didReceive(record, results: results) } catch {
                        return .fatal(batch: index, results: results,
                                      error: .invalidInput("the run journal could not record the results of batch \(index + 1): \(error)"))
                    }
                }
                return .done(batch: index, results: results)
            } catch {
                if error == .cancelled || Task.isCancelled {
                    return giveUp(index, deviceIds, error: .cancelled, timing: timing)
                }
                if error.isAuthentication {
                    timing.received()
                    return .fatal(batch: index, results: failAll(index, deviceIds, status: "Error", error: error), error: error)
                }
                guard error.isTransient, attempt < options.maxAttempts, !Task.isCancelled else {
                    return giveUp(index, deviceIds, error: error, timing: timing)
                }
                if error.httpStatus == 429, let lowered = await governor.throttled() {
                    continuation.yield(.concurrencyChanged(lowered))
                }
                let delay = backoff(attempt: attempt, retryAfter: error.retryAfterSeconds)
                continuation.yield(.batchRetrying(batch: index, attempt: attempt + 1, delay: delay, error: error))
                do { try await Task.sleep(nanoseconds: UInt64(delay * 1e9)) } catch {
                    return giveUp(index, deviceIds, error: .cancelled, timing: timing)
                }
            }
        }
    }

    private func giveUp(_ index: Int, _ deviceIds: [String], error: ThingSpaceError, timing: Timing) -> BatchEnd {
        timing.received()
        continuation.yield(.batchGivenUp(batch: index, deviceIds: deviceIds, error: error))
        return .done(batch: index, results: failAll(index, deviceIds, status: "Error", error: error))
    }

    /// Every device of a batch failed with `error`; reported as device results.
    private func failAll(_ index: Int, _ deviceIds: [String], status: String, error: ThingSpaceError) -> [DeviceResult] {
        let results = deviceIds.map { DeviceResult(deviceId: $0, status: status, reason: error.description, outcome: .failed) }
        for r in results { continuation.yield(.deviceResult(r, batch: index)) }
        return results
    }

    /// Exponential back-off with jitter; a `Retry-After` is honoured (bounded) when longer.
    func backoff(attempt: Int, retryAfter: Double?) -> Double {
        let options = engine.options
        let exp = min(options.maxBackoff, options.initialBackoff * pow(2, Double(attempt - 1)))
        let jittered = exp * Double.random(in: 0.5...1.0)
        if let retryAfter { return max(min(retryAfter, options.maxRetryAfter), jittered * 0.25) }
        return jittered
    }

    /// One result per device sent: the server's line when it gave one, else a failure saying so.
    func classify(_ response: LicenseBatchResponse, sent: [String]) -> [DeviceResult] {
        var byId: [String: DeviceStatusLine] = [:]
        for line in response.devices where byId[line.deviceId] == nil { byId[line.deviceId] = line }
        return sent.map { id in
            if let line = byId[id] { return DeviceResult(operation: operation, line: line) }
            return DeviceResult(deviceId: id, status: "Missing", reason: "the response did not mention this device", outcome: .failed)
        }
    }
}
