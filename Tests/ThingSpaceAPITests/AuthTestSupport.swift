import Foundation
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// A gate requests or work items wait at while it is closed; opening it lets every waiter go.
actor Gate {
    private var isOpen: Bool
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// How many passed or are waiting.
    private(set) var arrivals = 0

    init(open: Bool) { isOpen = open }

    func pass() async {
        arrivals += 1
        guard !isOpen else { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        let released = waiters
        waiters.removeAll()
        for waiter in released { waiter.resume() }
    }

    func close() { isOpen = false }
}

/// The real transport, with requests whose path ends in `pathSuffix` held at `gate`: a test lines
/// concurrent callers up behind one request before letting it reach the simulator.
struct GatedTransport: HTTPTransport {
    let inner = AsyncHTTPTransport.shared()
    let gate: Gate
    let pathSuffix: String

    func send(_ request: HTTPRequest, timeout: Double) async throws(ThingSpaceError) -> HTTPResponse {
        if request.url.path.hasSuffix(pathSuffix) { await gate.pass() }
        return try await inner.send(request, timeout: timeout)
    }
}

/// The authenticator's clock, read from a `ManualSimulatorClock` so a test moves it by hand.
struct ManualAuthClock: AuthClock {
    let manual: ManualSimulatorClock
    var now: ContinuousClock.Instant { manual.now }
}

/// Starts a simulator (real clock) on a free loopback port and a client for it with the given
/// transport and authenticator clock; always stops the simulator.
func withAuthSimulator<T>(
    credentials: ((SimulatorConfiguration) -> Credentials)? = nil,
    transport: any HTTPTransport = AsyncHTTPTransport.shared(),
    clock: any AuthClock = SystemAuthClock(),
    _ body: (ThingSpaceSimulator, ThingSpaceClient) async throws -> T
) async throws -> T {
    var config = SimulatorConfiguration()
    config.devices = 50
    config.licenses = 100
    config.used = 10
    let sim = ThingSpaceSimulator(configuration: config)
    let url = try await sim.start()
    let creds = credentials?(config) ?? Credentials(appKey: config.appKey, appSecret: Secret(config.appSecret),
                                                    username: config.username, password: Secret(config.password))
    let client = ThingSpaceClient(
        configuration: ClientConfiguration(baseURL: url, account: config.account, credentials: creds, timeout: 20),
        transport: transport, clock: clock)
    do {
        let result = try await body(sim, client)
        await sim.stop()
        return result
    } catch {
        await sim.stop()
        throw error
    }
}
