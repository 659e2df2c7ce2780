import Foundation
import ThingSpaceAPI

extension ConsoleProgram {
    /// Performs one effect of `update`; its answers arrive later through `send`.
    func perform(_ effect: Effect) {
        switch effect {
        case .loadAll(let generation):
            loadAll(generation: generation)
        case .loadInRanges(let generation, let starts):
            loadAll(generation: generation, rangeStarts: starts)
        case .resumeLoad(let generation):
            resumeLoad(generation: generation)
        case .loadCounts:
            spawn { [services, now] program in
                let message = await Self.countsMessage(services: services, now: now)
                program?.send(message)
            }
        case .startRun(let operation, let deviceIds, let tag):
            startRun(operation, deviceIds: deviceIds, tag: tag)
        case .stopRun(let tag):
            runs[tag]?.stop()
        case .cancelRun(let tag):
            runs[tag]?.cancel()
        case .loadIMEIFile(let path):
            spawn { [services] program in
                do {
                    let file = try await services.readIMEIFile(path: path)
                    program?.send(.fileLoaded(path: path, imeis: file.imeis, problems: file.problems, warnings: file.warnings))
                } catch {
                    program?.send(.fileLoadFailed(path: path, message: ThingSpaceError.wrap(error).description))
                }
            }
        case .saveResults(let path, let summary):
            spawn { [services] program in
                do {
                    let paths = try await services.writeResults(summary, to: path)
                    program?.send(.resultsSaved(path: paths.joined(separator: ", ")))
                } catch {
                    program?.send(.saveFailed(path: path, message: ThingSpaceError.wrap(error).description))
                }
            }
        case .quit:
            stop()
        case .redrawAll:
            wantsRedrawAll = true
        case .copyToClipboard(let text):
            clipboardRequests.append(text)
        case .history(let work):
            performHistory(work)
        case .lookUpDevice(let id, let licensed):
            spawn { [services] program in
                do {
                    let lookup = try await services.lookUpDevice(id, licensed: licensed)
                    program?.send(.deviceLookedUp(deviceId: id, lookup))
                } catch {
                    program?.send(.deviceLookupFailed(deviceId: id, message: Format.error(ThingSpaceError.wrap(error))))
                }
            }
        }
    }

    private static func countsMessage(services: any ConsoleServices, now: @Sendable () -> Date,
                                      onRetry: RetryObserver? = nil) async -> Message {
        do {
            return .countsLoaded(try await services.licenseCounts(onRetry: onRetry), at: now())
        } catch {
            return .countsFailed(error)
        }
    }

    /// The counters and every device page, read at the same time (ranges in parallel when
    /// `rangeStarts` are given). A newer load (or `stop()`) supersedes this one: it ends after
    /// the request in flight, and `update` ignores pages of older generations.
    private func loadAll(generation: Int, rangeStarts: [String] = []) {
        loadGeneration = generation
        loadResume = LoadResume()
        deviceReads.insert(generation)
        loadTasks[generation] = Task { [weak self] in
            await self?.readEverything(generation: generation, rangeStarts: rangeStarts)
            self?.loadTasks[generation] = nil
            self?.effectEnded()
        }
    }

    /// Continues the current load from the page that failed (the cursor of the last page read).
    /// The load's own task may still be reading the counters: the resumed read runs beside it.
    private func resumeLoad(generation: Int) {
        guard loadGeneration == generation, !deviceReads.contains(generation) else { return }
        deviceReads.insert(generation)
        let observer = retryObserver(generation)
        spawn { program in await program?.readDevices(generation: generation, observer: observer, rangeStarts: []) }
    }

    private func isCurrentLoad(_ generation: Int) -> Bool { !isFinished && loadGeneration == generation }

    /// A retry observer that tells `update` (from any thread) what a read of `generation` waits for.
    private func retryObserver(_ generation: Int) -> RetryObserver {
        { [weak self] notice in
            Task { @MainActor in self?.send(.loadRetrying(notice, generation: generation)) }
        }
    }

    private func readEverything(generation: Int, rangeStarts: [String] = []) async {
        let observer = retryObserver(generation)
        // The counters and the subscription are read while the first device page is.
        async let countsRead: Void = readCountsAndBilling(generation: generation, observer: observer)
        await readDevices(generation: generation, observer: observer, rangeStarts: rangeStarts)
        await countsRead
    }

    private func readCountsAndBilling(generation: Int, observer: @escaping RetryObserver) async {
        let counts = await Self.countsMessage(services: services, now: now, onRetry: observer)
        guard isCurrentLoad(generation) else { return }
        send(counts)
        // The subscription: an event-based account needs no licences (unknown when unreadable).
        if let billing = try? await services.billing(onRetry: observer) {
            guard isCurrentLoad(generation) else { return }
            send(.billingLoaded(billing))
        }
    }

    /// Reads the device pages; `deviceReads` holds `generation` until this returns (set by the
    /// caller, so a second `r` before the read starts is ignored too).
    private func readDevices(generation: Int, observer: @escaping RetryObserver, rangeStarts: [String]) async {
        // Removed in the same main-actor turn as the last message is sent: once `update` has
        // seen the failure, `r` finds the read ended.
        defer { deviceReads.remove(generation) }
        let start = loadResume
        var loaded = start.loaded
        let pages = rangeStarts.isEmpty
            ? services.devicePages(from: start.cursor, firstPage: start.page, onRetry: observer)
            : services.devicePages(rangesStartingAt: rangeStarts, onRetry: observer)
        do {
            for try await page in pages {
                guard isCurrentLoad(generation) else { return }
                loaded += page.devices.count
                if let next = page.nextCursor { loadResume = LoadResume(cursor: next, page: loadResume.page + 1, loaded: loaded) }
                send(.devicePageLoaded(devices: page.devices, loadedSoFar: loaded, done: page.isLastPage, generation: generation))
                if page.isLastPage { return }
            }
            guard isCurrentLoad(generation) else { return }
            send(.devicePageLoaded(devices: [], loadedSoFar: loaded, done: true, generation: generation))
        } catch {
            guard isCurrentLoad(generation) else { return }
            send(.loadFailed(ThingSpaceError.wrap(error), generation: generation))
        }
    }

    private func startRun(_ operation: LicenseOperation, deviceIds: [String], tag: Int) {
        let run: ConsoleRun
        do {
            run = try services.startRun(runRequest(operation, deviceIds: deviceIds, tag: tag))
        } catch {
            send(.runFailedToStart(error, runTag: tag))
            return
        }
        runs[tag] = run
        runTasks[tag] = Task { [weak self] in
            for await event in run.events {
                if case .finished(let summary) = event { self?.runsMade.append(MadeRun(summary)) }
                self?.send(.runEvent(event, runTag: tag))
            }
            self?.runs[tag] = nil
            self?.runTasks[tag] = nil
            self?.effectEnded()
        }
    }

    /// Runs a short effect and forgets its task when it ends.
    private func spawn(_ body: @escaping @MainActor (ConsoleProgram?) async -> Void) {
        let id = nextTaskId
        nextTaskId += 1
        otherTasks[id] = Task { [weak self] in
            await body(self)
            self?.otherTasks[id] = nil
            self?.effectEnded()
        }
    }
}
