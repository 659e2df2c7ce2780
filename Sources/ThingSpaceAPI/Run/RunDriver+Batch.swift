import Foundation

/// One batch's life: the gate, the request, lost-reply re-sends, back-off retries, and how it ends.
extension RunDriver {
    /// What one batch has been through so far.
    struct BatchAttempts {
        /// Times the batch was sent.
        var sent = 0
        /// Attempts whose answer never came (the request may have been applied).
        var unanswered = 0
        /// Immediate re-sends after a lost reply.
        var lostResends = 0
        /// The last failure.
        var lastError: ThingSpaceError?

        /// Attempts that count against the back-off budget (lost-reply re-sends do not).
        var retryAttempts: Int { sent - lostResends }
    }

    /// Sends one batch: re-sent at once when its answer is lost, retried with back-off on transient
    /// failures. Returns its device results, or a fatal error that stops the run. `intentJournaled`:
    /// the hook recorded the first attempt's intent already (with the results of the lane's last batch).
    func send(batch index: Int, intentJournaled: Bool, _ shared: Shared) async -> BatchEnd {
        let deviceIds = shared.batches[index]
        let timing = shared.timing
        let policy = engine.options.retry
        let step = "\(operation == .assign ? "assigning" : "removing") batch \(index + 1)"
        var tries = BatchAttempts()
        while true {
            guard case .go(let probe) = await control.permit() else {
                return halted(index, deviceIds, tries, timing: timing)
            }
            tries.sent += 1
            let record = BatchRecord(runId: runId, operation: operation, account: engine.client.account, batch: index,
                                     attempt: tries.sent, deviceIds: deviceIds)
            if let hook = engine.hook, !(intentJournaled && tries.sent == 1) {
                do { try await hook.willSend(record) } catch {
                    control.released(probe: probe)
                    let e = ThingSpaceError.invalidInput("the run journal could not record batch \(index + 1): \(error)")
                    return .fatal(batch: index, results: failAll(index, deviceIds, tries, status: "NotSent", error: e), error: e)
                }
            }
            timing.sent()
            continuation.yield(.batchSent(batch: index, deviceIds: deviceIds, attempt: tries.sent))
            let error: ThingSpaceError
            do {
                let response = try await engine.client.send(operation, plannedIds: deviceIds)
                control.answered(probe: probe)
                return await delivered(response, index, deviceIds, tries, record: record, shared)
            } catch let thrown {
                error = thrown
            }
            tries.lastError = error

            // Cancelled while on the wire (a second stop, or the host declared dead): no answer.
            if error == .cancelled || Task.isCancelled {
                control.released(probe: probe)
                tries.unanswered += 1
                return unknown(index, deviceIds, tries, timing: timing, why: "cancelled while the request was in flight")
            }
            if error.isAuthentication {
                control.answered(probe: probe)
                timing.received()
                return .fatal(batch: index, results: failAll(index, deviceIds, tries, status: "Error", error: error), error: error)
            }
            if error.isLostReply { tries.unanswered += 1 }
            if error.isConnectionLevel {
                let failure = HostFailure(host: shared.host, step: step, error: error, failures: engine.options.deadHostFailures)
                if control.connectionFailed(probe: probe, failure) {
                    continuation.yield(.hostUnreachable(failure))
                }
            } else if error.httpStatus != nil {
                control.answered(probe: probe)
            } else {
                control.released(probe: probe)
            }
            if control.isHalted || Task.isCancelled {
                return halted(index, deviceIds, tries, timing: timing)
            }

            if error.isLostReply {
                guard tries.lostResends < policy.lostReplyResends else {
                    return unknown(index, deviceIds, tries, timing: timing,
                                   why: "no answer after \(tries.sent) attempt\(tries.sent == 1 ? "" : "s") (\(HostFailure.detail(error)))")
                }
                tries.lostResends += 1
                continuation.yield(.batchRetrying(batch: index, attempt: tries.sent + 1, delay: 0, error: error))
                continue
            }
            guard policy.allowsRetry(of: error, after: tries.retryAttempts) else {
                return giveUp(index, deviceIds, tries, error: error, timing: timing)
            }
            if error.httpStatus == 429, let lowered = shared.governor.throttled() {
                continuation.yield(.concurrencyChanged(lowered))
            }
            let delay = policy.delay(after: tries.retryAttempts, retryAfter: error.retryAfterSeconds)
            continuation.yield(.batchRetrying(batch: index, attempt: tries.sent + 1, delay: delay, error: error))
            guard await control.sleep(seconds: delay) else {
                return halted(index, deviceIds, tries, timing: timing)
            }
        }
    }

    /// The batch was answered: its results, the counters, then the lane's next batch is taken and
    /// the journal records these results and that batch's intent together (one fsync): the results
    /// are on disk before the lane sends again, the intent before its request leaves.
    private func delivered(_ response: LicenseBatchResponse, _ index: Int, _ deviceIds: [String], _ tries: BatchAttempts,
                           record: BatchRecord, _ shared: Shared) async -> BatchEnd {
        shared.timing.received()
        if let raised = shared.governor.succeeded() { continuation.yield(.concurrencyChanged(raised)) }
        let results = classify(response, sent: deviceIds, tries)
        continuation.yield(.batchResults(results, batch: index))
        // Responses can arrive out of order: keep the counters of the latest state.
        let op = operation
        shared.lastCounts.withLock { current in
            current = current?.merged(with: response.counts, during: op) ?? response.counts
        }
        continuation.yield(.counts(response.counts))
        let limit = shared.governor.limit
        let next = shared.dispatch.take(limit: limit, stopping: control.isHalted || Task.isCancelled, handingOver: true)
        guard let hook = engine.hook else { return .done(batch: index, results: results, next: next) }
        do {
            if let next {
                let intent = BatchRecord(runId: runId, operation: operation, account: engine.client.account, batch: next,
                                         attempt: 1, deviceIds: shared.batches[next])
                try await hook.didReceive(record, results: results, thenWillSend: intent)
            } else {
                try await hook.didReceive(record, results: results)
            }
        } catch {
            var ended = results
            if let next {
                // The batch taken is never sent: nothing leaves that could not be recorded.
                let e = ThingSpaceError.invalidInput("the run journal could not record batch \(next + 1): \(error)")
                ended += failAll(next, shared.batches[next], BatchAttempts(), status: "NotSent", error: e)
                shared.dispatch.ended()
            }
            return .fatal(batch: index, results: ended,
                          error: .invalidInput("the run journal could not record the results of batch \(index + 1): \(error)"))
        }
        return .done(batch: index, results: results, next: next)
    }

    /// The run halted (stopped, host dead, cancelled) before this batch could be sent (again): its
    /// devices were never applied (not sent), unless an earlier attempt went unanswered (unknown).
    private func halted(_ index: Int, _ deviceIds: [String], _ tries: BatchAttempts, timing: Timing) -> BatchEnd {
        if tries.unanswered > 0 {
            return unknown(index, deviceIds, tries, timing: timing,
                           why: "no answer, and the run stopped before the batch was sent again")
        }
        if tries.sent > 0 { timing.received() }
        let reason = notSentReason(nil)
        let results = deviceIds.map {
            DeviceResult(deviceId: $0, status: DeviceResult.notSentStatus, reason: reason, outcome: .skipped, attempts: tries.sent)
        }
        continuation.yield(.batchResults(results, batch: index))
        return .done(batch: index, results: results, next: nil)
    }

    /// The batch may or may not have been applied: every device `unknown` (`NoAnswer`).
    private func unknown(_ index: Int, _ deviceIds: [String], _ tries: BatchAttempts, timing: Timing, why: String) -> BatchEnd {
        timing.received()
        let reason = "\(why); the request may have been applied: send it again to be sure"
        let results = deviceIds.map {
            DeviceResult(deviceId: $0, status: DeviceResult.noAnswerStatus, reason: reason, outcome: .unknown,
                         attempts: tries.sent, earlierAttemptUnanswered: tries.unanswered > 0)
        }
        continuation.yield(.batchResults(results, batch: index))
        return .done(batch: index, results: results, next: nil)
    }

    private func giveUp(_ index: Int, _ deviceIds: [String], _ tries: BatchAttempts, error: ThingSpaceError,
                        timing: Timing) -> BatchEnd {
        timing.received()
        continuation.yield(.batchGivenUp(batch: index, deviceIds: deviceIds, error: error))
        return .done(batch: index, results: failAll(index, deviceIds, tries, status: "Error", error: error), next: nil)
    }

    /// Every device of a batch failed with `error`; reported as device results.
    private func failAll(_ index: Int, _ deviceIds: [String], _ tries: BatchAttempts, status: String,
                         error: ThingSpaceError) -> [DeviceResult] {
        let results = deviceIds.map {
            DeviceResult(deviceId: $0, status: status, reason: error.description, outcome: .failed, attempts: tries.sent,
                         earlierAttemptUnanswered: tries.unanswered > 0)
        }
        continuation.yield(.batchResults(results, batch: index))
        return results
    }

    /// One result per device sent: the server's line when it gave one, else a failure saying so.
    func classify(_ response: LicenseBatchResponse, sent: [String], _ tries: BatchAttempts = BatchAttempts(sent: 1)) -> [DeviceResult] {
        var byId: [String: DeviceStatusLine] = [:]
        for line in response.devices where byId[line.deviceId] == nil { byId[line.deviceId] = line }
        let lost = tries.unanswered > 0
        return sent.map { id in
            if let line = byId[id] {
                return DeviceResult(operation: operation, line: line, attempts: tries.sent, earlierAttemptUnanswered: lost)
            }
            return DeviceResult(deviceId: id, status: "Missing", reason: "the response did not mention this device",
                                outcome: .failed, attempts: tries.sent, earlierAttemptUnanswered: lost)
        }
    }
}
