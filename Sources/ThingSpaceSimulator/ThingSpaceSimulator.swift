import Foundation
import Hummingbird
import Logging
import NIOCore

/// An in-memory ThingSpace account (OAuth token, UWS session, FOTA v1 licences and device
/// lists) served over real HTTP on loopback, with fault injection for tests and demos.
///
/// `start()` installs no signal handlers: the owner (the `simulator` command, or the console in
/// `demo`) handles SIGINT/SIGTERM and calls `stop()`.
public final class ThingSpaceSimulator: Sendable {
    public let configuration: SimulatorConfiguration
    let state: SimulatorState
    let connections = ConnectionRegistry()
    private let runtime = LockedBox(Runtime())

    private struct Runtime {
        var phase: Phase = .idle
        var task: Task<Void, Never>?
        var baseURL: URL?
        /// The listening socket, so `kill()` can close it first.
        var listener: (any Channel)?
    }

    private enum Phase { case idle, starting, running, stopped }

    public struct StateError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Generates the account's devices at once (about a second per million in a debug build).
    /// `clock` decides token and session expiry and stamps assignment times: the real clocks by
    /// default; a `ManualSimulatorClock` lets a test move time without waiting.
    public init(
        configuration: SimulatorConfiguration = SimulatorConfiguration(),
        clock: any SimulatorClock = SystemSimulatorClock()
    ) {
        var clamped = configuration
        clamped.devices = min(max(0, configuration.devices), SimulatorConfiguration.maximumDevices)
        self.configuration = configuration
        self.state = SimulatorState(configuration: clamped, clock: clock)
    }

    /// The clock this simulator reads.
    public var clock: any SimulatorClock { state.clock }

    /// Binds and starts serving; returns `http://HOST:PORT` once the socket is listening.
    /// Throws `SimulatorConfigurationError` for an invalid configuration, or the bind error.
    /// A simulator runs once: calling `start()` again while running returns the same URL; after
    /// `stop()` it throws.
    public func start() async throws -> URL {
        let problems = configuration.validationErrors()
        guard problems.isEmpty else { throw SimulatorConfigurationError(problems: problems) }

        let existing: Result<URL?, StateError> = runtime.withLock { runtime in
            switch runtime.phase {
            case .idle:
                runtime.phase = .starting
                return .success(nil)
            case .running:
                return .success(runtime.baseURL)
            case .starting:
                return .failure(StateError(description: "the simulator is already starting"))
            case .stopped:
                return .failure(StateError(description: "the simulator was stopped; create a new one"))
            }
        }
        if let url = try existing.get() { return url }

        let (events, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let app = Application(
            responder: SimulatorResponder(state: state, connections: connections),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { [runtime] channel in
                runtime.withLock { $0.listener = channel }
                continuation.yield(.success(channel.localAddress?.port ?? 0))
            },
            eventLoopGroupProvider: .singleton,
            logger: Logger(label: "ThingSpaceSimulator", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        // Detached: the server must not inherit a caller's task-local graceful-shutdown handler.
        let task = Task.detached {
            do {
                try await app.run()
            } catch {
                continuation.yield(.failure(error))
            }
            continuation.finish()
        }
        runtime.withLock { $0.task = task }

        var iterator = events.makeAsyncIterator()
        let first = await iterator.next()
        switch first {
        case .success(let port)?:
            let url = URL(string: "http://\(Self.urlHost(configuration.host)):\(port)")!
            let stoppedMeanwhile = runtime.withLock { runtime -> Bool in
                guard runtime.phase == .starting else { return true }
                runtime.phase = .running
                runtime.baseURL = url
                return false
            }
            if stoppedMeanwhile {
                // stop() ran before the task was recorded, so it could not cancel it.
                task.cancel()
                await task.value
                throw StateError(description: "the simulator was stopped while starting")
            }
            return url
        case .failure(let error)?:
            runtime.withLock { $0.phase = .stopped }
            throw error
        case nil:
            runtime.withLock { $0.phase = .stopped }
            throw StateError(description: "the server stopped before it was listening")
        }
    }

    /// `http://HOST:PORT` while running, else nil.
    public var baseURL: URL? { runtime.withLock { $0.baseURL } }

    /// Stops the server and frees the port; waiting (held) requests are let go first.
    /// Idempotent; returns once the listening socket is closed.
    public func stop() async {
        let task = runtime.withLock { runtime -> Task<Void, Never>? in
            runtime.phase = .stopped
            runtime.baseURL = nil
            return runtime.task
        }
        await state.beginShutdown()
        guard let task else { return }
        task.cancel()
        await task.value
        // The graceful shutdown closes the listener; closing it here as well (a no-op then)
        // makes "the port is free once stop returns" hold whatever the server did.
        let listener = runtime.withLock { runtime -> (any Channel)? in
            defer { runtime.listener = nil }
            return runtime.listener
        }
        try? await listener?.close()
    }

    /// The server dies: every open connection is closed without an answer (requests in flight
    /// included; nothing more is applied), then the listener closes and the port is refused.
    /// Returns once the port is closed. For tests of a server that stops mid-run.
    public func kill() async {
        await state.markDead()
        let listener = runtime.withLock { $0.listener }
        try? await listener?.close()
        connections.closeAll()
        await stop()
    }

    // MARK: Inspection and control

    public func counters() async -> SimulatorCounters { await state.snapshotCounters() }
    public func licenseCounts() async -> (total: Int, used: Int) { await state.licenseCounts() }
    public func licensedDeviceIds() async -> Set<String> { await state.licensedDeviceIds() }
    /// Every device IMEI, sorted ascending (the paging order).
    public func allDeviceIds() async -> [String] { state.catalog.imeis.map(IMEICheck.string) }
    /// `faults.failingDevices` plus the generated failing devices.
    public func failingDeviceIds() async -> Set<String> { await state.failingDeviceIds() }
    /// Switching hold off releases every waiting request.
    public func setHoldBatches(_ on: Bool) async { await state.setHoldBatches(on) }
    public func heldBatchCount() async -> Int { await state.heldBatchCount() }
    /// Releases up to `count` waiting assign/remove requests, oldest first.
    public func releaseBatches(_ count: Int) async { await state.releaseBatches(count) }
    public func releaseAllBatches() async { await state.releaseAllBatches() }
    /// The current API token stops working: its next use gets 401 fault 900903; the next token
    /// request mints a new token.
    public func expireToken() async { await state.expireToken() }
    /// Every open session expires: its next use gets 400 `UnifiedWebService.REQUEST_FAILED.SessionToken.Expired`.
    public func expireSession() async { await state.expireSession() }
    /// Replaces the fault configuration (a changed `holdBatches` takes effect as `setHoldBatches`).
    public func setFaults(_ faults: FaultConfiguration) async { await state.setFaults(faults) }
    /// Clears the login lockout caused by 5 consecutive failed logins.
    public func unlockLogin() async { await state.unlockLogin() }

    private static func urlHost(_ host: String) -> String {
        switch host {
        case "0.0.0.0", "": return "127.0.0.1"
        case "::": return "[::1]"
        default: return host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        }
    }
}
