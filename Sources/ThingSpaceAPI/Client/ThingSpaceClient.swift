import Foundation

/// The ThingSpace client every front end uses. Thread-safe; share one per account.
public final class ThingSpaceClient: Sendable {
    public let configuration: ClientConfiguration
    public let authenticator: Authenticator
    let transport: any HTTPTransport
    let dialect: any WireDialect
    let redactor: Redactor

    /// `clock` decides when the API token is renewed early (tests pass one they move by hand).
    public init(configuration: ClientConfiguration, transport: any HTTPTransport = AsyncHTTPTransport.shared(),
                clock: any AuthClock = SystemAuthClock(), loginGuard: (any LoginGuard)? = nil) {
        self.configuration = configuration
        self.transport = transport
        redactor = Redactor(secrets: configuration.credentials.secretValues)
        authenticator = Authenticator(configuration: configuration, transport: transport, redactor: redactor, clock: clock,
                                      loginGuard: loginGuard)
        switch configuration.apiVersion {
        case .v1: dialect = V1Dialect()
        case .v3: dialect = V3Dialect(deviceProtocol: configuration.deviceProtocol)
        }
    }

    public var account: String { configuration.account }

    // MARK: Calls

    /// The licence counters (the first page of the licence summary). Reads are retried by the
    /// read policy (`ClientConfiguration.readRetry`); `onRetry` hears of each wait.
    public func licenseCounts(onRetry: RetryObserver? = nil) async throws(ThingSpaceError) -> LicenseCounts {
        try await reading("licence counts", observer: onRetry) { () async throws(ThingSpaceError) in
            try await fetchLicenseSummaryPage(after: "0")
        }.counts
    }

    /// One page of the licence summary: licensed devices whose IMEI is greater than `cursor`.
    public func licenseSummaryPage(after cursor: String, onRetry: RetryObserver? = nil) async throws(ThingSpaceError) -> LicenseSummaryPage {
        try await reading("licence summary after \(cursor)", observer: onRetry) { () async throws(ThingSpaceError) in
            try await fetchLicenseSummaryPage(after: cursor)
        }
    }

    /// One page of the device list.
    public func deviceListPage(after cursor: String, onRetry: RetryObserver? = nil) async throws(ThingSpaceError) -> DeviceListPage {
        try await reading("device list after \(cursor)", observer: onRetry) { () async throws(ThingSpaceError) in
            try await fetchDeviceListPage(after: cursor)
        }
    }

    /// The licence summary with its licensed devices, page by page (IMEI cursor from `cursor`).
    /// A page that fails is retried at its own cursor; paging never restarts.
    public func licenseSummaryPages(from cursor: String = "0", onRetry: RetryObserver? = nil) -> Pages<LicenseSummaryPage> {
        Pages(from: cursor) { [self] cursor, number throws(ThingSpaceError) in
            let step = "licence summary page \(number)"
            let body = try await reading(step, observer: onRetry) { () async throws(ThingSpaceError) in
                try await authorized(method: "GET", path: dialect.licenseSummaryPath(account: account, cursor: cursor), body: nil).body
            }
            return arrived(body, step: step) { [dialect] () throws(ThingSpaceError) in try dialect.decodeLicenseSummary(body) }
        }
    }

    /// Every device of the account, page by page, from `cursor` (`0`: the start). A page that
    /// fails is retried at its own cursor; when it finally fails, the iterator's `cursor` is where
    /// a later call continues.
    public func deviceListPages(from cursor: String = "0", firstPageNumber: Int = 1,
                                onRetry: RetryObserver? = nil) -> Pages<DeviceListPage> {
        Pages(from: cursor, firstPageNumber: firstPageNumber) { [self] cursor, number throws(ThingSpaceError) in
            let step = "device list page \(number)"
            let body = try await reading(step, observer: onRetry) { () async throws(ThingSpaceError) in
                try await authorized(method: "GET", path: dialect.deviceListPath(account: account, cursor: cursor), body: nil).body
            }
            return arrived(body, step: step) { [dialect] () throws(ThingSpaceError) in try dialect.decodeDeviceList(body) }
        }
    }

    /// A page's bytes as `Pages` takes them: the next cursor peeked, the decoding deferred (its
    /// errors name the step and the host, as a failed read's do).
    private func arrived<Page: CursorPage & Sendable>(_ body: Data, step: String,
                                                      decode: @escaping @Sendable () throws(ThingSpaceError) -> Page) -> ArrivedPage<Page> {
        let host = configuration.hostDescription
        return ArrivedPage(peekedCursor: CursorPeek.next(in: body)) { () throws(ThingSpaceError) in
            do throws(ThingSpaceError) {
                let page = try decode()
                return (page, page.nextCursor)
            } catch {
                throw error.during("reading the \(step)", host: host)
            }
        }
    }

    func fetchLicenseSummaryPage(after cursor: String) async throws(ThingSpaceError) -> LicenseSummaryPage {
        let path = dialect.licenseSummaryPath(account: account, cursor: cursor)
        let response = try await authorized(method: "GET", path: path, body: nil)
        return try dialect.decodeLicenseSummary(response.body)
    }

    func fetchDeviceListPage(after cursor: String) async throws(ThingSpaceError) -> DeviceListPage {
        let path = dialect.deviceListPath(account: account, cursor: cursor)
        let response = try await authorized(method: "GET", path: path, body: nil)
        return try dialect.decodeDeviceList(response.body)
    }

    /// One assign or remove request for `deviceIds`. Each must have the shape of an IMEI (15
    /// digits); the Luhn check digit is the planner's business (`RunPlanner`, one policy per run).
    /// Not retried on throttling or server errors: the run engine decides that.
    public func send(_ operation: LicenseOperation, deviceIds: [String]) async throws(ThingSpaceError) -> LicenseBatchResponse {
        guard !deviceIds.isEmpty else { throw .invalidInput("no devices to \(operation.verb)") }
        for id in deviceIds {
            if case .invalid(let problem) = IMEI.validate(id, luhn: .ignore) {
                throw .invalidInput("\(id.debugDescription) is not a valid IMEI: \(problem)")
            }
        }
        return try await send(operation, plannedIds: deviceIds)
    }

    /// `send` for IMEIs the planner has already validated (the run engine): not validated again.
    /// The body is written directly (`{"deviceList":["…",…]}`, what an encoder writes for IMEIs).
    func send(_ operation: LicenseOperation, plannedIds deviceIds: [String]) async throws(ThingSpaceError) -> LicenseBatchResponse {
        guard let body = Self.deviceListBody(deviceIds) else {
            throw .invalidInput("a device id to \(operation.verb) is not 15 digits: the plan was not made by RunPlanner")
        }
        let path = dialect.licensePath(account: account, operation: operation)
        let response = try await authorized(method: "POST", path: path, body: body)
        return try dialect.decodeLicenseResponse(response.body)
    }

    /// `{"deviceList":["…",…]}` for ids of ASCII digits only (nil for anything else: such text
    /// would need escaping, and no IMEI needs it).
    static func deviceListBody(_ deviceIds: [String]) -> Data? {
        guard !deviceIds.isEmpty else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 + deviceIds.count * 18)
        bytes += Array(#"{"deviceList":["#.utf8)
        for (i, id) in deviceIds.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            for byte in id.utf8 {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes += Array("]}".utf8)
        return Data(bytes)
    }

    /// Ends the session on the server.
    public func logout() async throws(ThingSpaceError) {
        try await authenticator.logout()
    }

    // MARK: Plumbing

    /// Sends a FOTA request with both tokens. A gateway 401 renews the API token and retries once;
    /// a session-expired 400 logs in again and retries once. Renewals are single-flight.
    func authorized(method: String, path: String, body: Data?) async throws(ThingSpaceError) -> HTTPResponse {
        if let problem = ClientConfiguration.accountNameProblem(account) { throw .invalidInput(problem) }
        var bearer = try await authenticator.bearer()
        var session = try await authenticator.sessionToken()
        var renewedToken = false
        var renewedSession = false
        while true {
            try Task.checkCancellation(as: ThingSpaceError.cancelled)
            var headers = [("Authorization", "Bearer \(bearer)"), ("VZ-M2M-Token", session), ("Accept", "application/json")]
            if body != nil || method == "POST" { headers.append(("Content-Type", "application/json")) }
            let request = HTTPRequest(method: method, url: Endpoints.url(configuration.baseURL, path), headers: headers, body: body)
            let response = try await transport.send(request, timeout: configuration.timeout)
            if (200..<300).contains(response.status) { return response }
            let error = ResponseDecoding.error(for: response, redactor: redactor)
            if error.isTokenRejected {
                if renewedToken {
                    throw .authentication(step: "API token", detail: "the gateway refused a freshly issued token: \(Authenticator.explain(error))")
                }
                renewedToken = true
                bearer = try await authenticator.renewBearer(rejected: bearer)
                continue
            }
            if error.isSessionExpired && !renewedSession {
                renewedSession = true
                session = try await authenticator.renewSession(rejected: session)
                continue
            }
            if var retryAfter = RetryAfter.parse(response.header("Retry-After")), error.isTransient {
                retryAfter = min(retryAfter, 3600)
                throw ThingSpaceError.retryAfter(error, seconds: retryAfter)
            }
            throw error
        }
    }
}

extension Task where Success == Never, Failure == Never {
    static func checkCancellation(as error: ThingSpaceError) throws(ThingSpaceError) {
        if Task.isCancelled { throw error }
    }
}

