import Foundation

/// One run's work.
struct RunDriver: Sendable {
    let engine: RunEngine
    let operation: LicenseOperation
    let runId: String
    let continuation: AsyncStream<RunEvent>.Continuation
    let control: RunControl

    enum BatchEnd: Sendable {
        /// `next`: the batch the lane took as this one ended; its intent is journaled already.
        case done(batch: Int, results: [DeviceResult], next: Int?)
        /// The run must stop; `results` are this batch's devices (answered, or failed with the error).
        case fatal(batch: Int, results: [DeviceResult], error: ThingSpaceError)
    }

    /// What a run's batches share.
    struct Shared: Sendable {
        let batches: [[String]]
        let host: String
        let governor: ConcurrencyGovernor
        let timing: Timing
        let lastCounts: Locked<LicenseCounts?>
        let dispatch: BatchDispatch
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
        let host = HostFailure.hostPort(engine.client.configuration.baseURL)
        continuation.yield(.started(RunPlan(runId: runId, operation: operation, account: account,
                                            deviceIds: plan.toSend, batchSize: options.batchSize,
                                            batchCount: batches.count, skipped: skipped,
                                            warnings: plan.warnings)))
        if !skipped.isEmpty { continuation.yield(.batchResults(skipped, batch: -1)) }

        let governor = ConcurrencyGovernor(maximum: options.concurrency, successesBeforeRaise: options.successesBeforeRaise)
        let dispatch = BatchDispatch(count: batches.count)
        let shared = Shared(batches: batches, host: host, governor: governor, timing: Timing(),
                            lastCounts: Locked<LicenseCounts?>(nil), dispatch: dispatch)
        var results: [String: DeviceResult] = [:]
        var fatalError: ThingSpaceError?

        do { try options.validate() } catch { fatalError = error }

        await withTaskGroup(of: [BatchEnd].self) { group in
            while true {
                let stopping = control.isHalted || fatalError != nil || Task.isCancelled
                if let index = dispatch.take(limit: governor.limit, stopping: stopping) {
                    group.addTask { await self.lane(index, intentJournaled: false, shared) }
                    continue
                }
                if dispatch.inFlight == 0 { break }
                guard let ends = await group.next() else { break }
                // The lane's last batch has ended here (the ones before it ended in the lane).
                dispatch.ended()
                for end in ends {
                    switch end {
                    case .done(_, let batchResults, _):
                        for r in batchResults { results[r.deviceId] = r }
                    case .fatal(_, let batchResults, let error):
                        if fatalError == nil { fatalError = error }
                        for r in batchResults { results[r.deviceId] = r }
                    }
                }
                // A lane that came back for room to grow goes on with the batch it took (its
                // intent is on disk with the last results).
                if case .done(_, _, let next?)? = ends.last {
                    group.addTask { await self.lane(next, intentJournaled: true, shared) }
                }
                // A dead host: nothing more is sent (the batches waiting end not sent). Requests still
                // on the wire are not cancelled: a refused one was never delivered (not sent), one
                // cut off or timed out may have been applied (unknown). A second stop cancels them.
                if let failure = control.hostFailure, fatalError == nil { fatalError = failure.error }
            }
        }

        // Devices never sent: the run stopped (by request, a dead host or a fatal error) before their batch.
        let hostFailure = control.hostFailure
        for index in dispatch.next..<batches.count {
            var notSent: [DeviceResult] = []
            for id in batches[index] where results[id] == nil {
                let r = DeviceResult(deviceId: id, status: DeviceResult.notSentStatus, reason: notSentReason(fatalError),
                                     outcome: .skipped)
                results[id] = r
                notSent.append(r)
            }
            if !notSent.isEmpty { continuation.yield(.batchResults(notSent, batch: index)) }
        }
        let unsent = plan.toSend.filter { results[$0]?.status == DeviceResult.notSentStatus }

        // Every plan entry, in plan order: a sent device its result, any other entry its skip.
        let ordered = plan.devices.map { device in
            device.skippedResult ?? results[device.deviceId]
                ?? DeviceResult(deviceId: device.deviceId, status: "NotSent", reason: "no result", outcome: .failed)
        }

        let summary = RunSummary(runId: runId, operation: operation, account: engine.client.account, results: ordered,
                                 unsent: unsent, elapsedMs: shared.timing.elapsedMs, counts: shared.lastCounts.withLock { $0 },
                                 stopped: control.isStopped, fatalError: fatalError, hostFailure: hostFailure)
        continuation.yield(.finished(summary))
        continuation.finish()
    }

    /// Batches one after another on one lane: an answered batch hands the lane the next batch it
    /// took (whose intent was journaled with the answer), sent from here with no trip through the
    /// driver. The lane goes back to the driver when it has nothing more, when a batch ended the
    /// run (no lane takes another), or when there is room for more lanes than run now (the
    /// governor raised the limit), so the driver can add them.
    func lane(_ first: Int, intentJournaled: Bool, _ shared: Shared) async -> [BatchEnd] {
        var ends: [BatchEnd] = []
        var index = first
        var journaled = intentJournaled
        while true {
            let end = await send(batch: index, intentJournaled: journaled, shared)
            ends.append(end)
            guard case .done(_, _, let next?) = end else {
                if case .fatal = end { shared.dispatch.stopTaking() }
                return ends
            }
            // In flight: the other lanes' batches, this one (not ended yet) and the next it took.
            let lanes = shared.dispatch.inFlight - 1
            if lanes < shared.governor.limit && shared.dispatch.next < shared.dispatch.count { return ends }
            shared.dispatch.ended()
            index = next
            journaled = true
        }
    }

    /// Why a device was not sent.
    func notSentReason(_ fatalError: ThingSpaceError?) -> String {
        if let failure = control.hostFailure { return "not sent: the host stopped answering (\(failure.description))" }
        if let fatalError { return "not sent: the run stopped after an error (\(fatalError.description))" }
        return "not sent: the run was stopped before this device's batch"
    }
}
