import Foundation

/// Holds the API token and the VZ-M2M session token, fetches them when needed and renews
/// them single-flight (`SingleFlight`): when ten requests see an expired token at once, there is
/// one token request, not ten; a failed renewal reaches all ten and the next call tries again.
/// A failed login is remembered and never retried automatically (five failures lock the
/// account); `resetLoginFailure()` is the only way to try again. The API token is renewed
/// `earlyRenewal` before its stated expiry, by the injected `AuthClock`.
public actor Authenticator {
    struct CachedToken {
        var value: String
        /// When the token is renewed: `earlyRenewal` before its stated expiry, or halfway through
        /// its life when it has less than twice that left (a gateway that hands back the same token
        /// with its remaining lifetime would otherwise be asked again on every call). Nil: never
        /// (a ready-made token).
        var renewAt: ContinuousClock.Instant?

        init(value: String, lifetime: Duration?, now: ContinuousClock.Instant) {
            self.value = value
            guard let lifetime else { renewAt = nil; return }
            let margin = Authenticator.earlyRenewal
            renewAt = now.advanced(by: lifetime >= margin * 2 ? lifetime - margin : lifetime / 2)
        }
    }

    private let configuration: ClientConfiguration
    private let transport: any HTTPTransport
    private let redactor: Redactor
    private let clock: any AuthClock
    /// Counts failed logins across invocations (the commands' and the console's client has one).
    private let loginGuard: (any LoginGuard)?

    private var token: CachedToken?
    private let tokenRenewal = SingleFlight<String, ThingSpaceError>()
    private var session: String?
    private let sessionRenewal = SingleFlight<String, ThingSpaceError>()
    private var loginFailure: ThingSpaceError?

    /// Counters, for tests and diagnostics.
    public private(set) var tokenRequests = 0
    public private(set) var loginAttempts = 0

    /// Renew this long before the API token's stated expiry.
    static let earlyRenewal: Duration = .seconds(60)

    init(configuration: ClientConfiguration, transport: any HTTPTransport, redactor: Redactor,
         clock: any AuthClock = SystemAuthClock(), loginGuard: (any LoginGuard)? = nil) {
        self.configuration = configuration
        self.loginGuard = loginGuard
        self.transport = transport
        self.redactor = redactor
        self.clock = clock
        if let ready = configuration.credentials.accessToken {
            token = CachedToken(value: ready.revealed, lifetime: nil, now: clock.now)
        }
        if let ready = configuration.credentials.sessionToken { session = ready.revealed }
    }

    private var canFetchToken: Bool {
        configuration.credentials.appKey != nil && configuration.credentials.appSecret != nil
    }

    private var canLogin: Bool {
        configuration.credentials.username != nil && configuration.credentials.password != nil
    }

    // MARK: API token

    /// A valid API token: the cached one, or a new one.
    public func bearer() async throws(ThingSpaceError) -> String {
        if let token, !isDueForRenewal(token) { return token.value }
        return try await fetchToken()
    }

    /// True from `earlyRenewal` before the token's stated expiry on; a token given without an
    /// expiry (a ready-made one) never is.
    func isDueForRenewal(_ token: CachedToken) -> Bool {
        guard let renewAt = token.renewAt else { return false }
        return clock.now >= renewAt
    }

    /// Called when the gateway rejected `rejected`. Renews once for everyone who saw the same token.
    public func renewBearer(rejected: String) async throws(ThingSpaceError) -> String {
        if let token, token.value != rejected { return token.value }
        token = nil
        guard canFetchToken else {
            throw .authentication(step: "API token", detail: "the access token was rejected and no app key and secret are configured to get a new one")
        }
        return try await fetchToken()
    }

    private func fetchToken() async throws(ThingSpaceError) -> String {
        guard canFetchToken else {
            throw .authentication(step: "API token", detail: "no app key and secret configured (THINGSPACE_APP_KEY, THINGSPACE_APP_SECRET) and no access token given")
        }
        return try await tokenRenewal.run { () async throws(ThingSpaceError) -> String in try await self.requestToken() }
    }

    private func requestToken() async throws(ThingSpaceError) -> String {
        tokenRequests += 1
        let key = configuration.credentials.appKey ?? ""
        let secret = configuration.credentials.appSecret?.revealed ?? ""
        let basic = Data("\(key):\(secret)".utf8).base64EncodedString()
        let request = HTTPRequest(
            method: "POST", url: Endpoints.url(configuration.baseURL, "/api/ts/v1/oauth2/token"),
            headers: [("Authorization", "Basic \(basic)"), ("Content-Type", "application/x-www-form-urlencoded"),
                      ("Accept", "application/json")],
            body: Data("grant_type=client_credentials".utf8))
        let response = try await transport.send(request, timeout: configuration.timeout)
        guard (200..<300).contains(response.status) else {
            let error = ResponseDecoding.error(for: response, redactor: redactor)
            if response.status == 400 || response.status == 401 || response.status == 403 {
                throw .authentication(step: "API token", detail: Authenticator.explain(error))
            }
            throw error
        }
        let body = try ResponseDecoding.decode(OAuthTokenResponse.self, from: response.body, what: "the API token response")
        guard !body.access_token.isEmpty else { throw .decoding(what: "the API token response", detail: "field \"access_token\" is empty") }
        token = CachedToken(value: body.access_token, lifetime: body.expires_in.map { .seconds(max(0, $0)) }, now: clock.now)
        return body.access_token
    }

    // MARK: Session

    /// A session token: the cached one, or a new login.
    public func sessionToken() async throws(ThingSpaceError) -> String {
        if let session { return session }
        return try await login()
    }

    /// Called when a response said the session `rejected` expired. Logs in once for everyone.
    public func renewSession(rejected: String) async throws(ThingSpaceError) -> String {
        if let session, session != rejected { return session }
        session = nil
        return try await login()
    }

    private func login() async throws(ThingSpaceError) -> String {
        if let loginFailure { throw loginFailure }
        guard canLogin else {
            throw .authentication(step: "session login", detail: "no username and password configured (THINGSPACE_USERNAME, THINGSPACE_PASSWORD) and no session token given")
        }
        return try await sessionRenewal.run { () async throws(ThingSpaceError) -> String in try await self.requestLogin() }
    }

    private func requestLogin() async throws(ThingSpaceError) -> String {
        let bearer = try await bearer()
        if let loginGuard { try loginGuard.permit() }
        loginAttempts += 1
        struct LoginBody: Encodable { var username: String; var password: String }
        let body = try? JSONEncoder().encode(LoginBody(username: configuration.credentials.username ?? "",
                                                       password: configuration.credentials.password?.revealed ?? ""))
        let request = HTTPRequest(
            method: "POST", url: Endpoints.url(configuration.baseURL, "/api/m2m/v1/session/login"),
            headers: [("Authorization", "Bearer \(bearer)"), ("Content-Type", "application/json"), ("Accept", "application/json")],
            body: body)
        let response = try await transport.send(request, timeout: configuration.timeout)
        guard (200..<300).contains(response.status) else {
            let error = ResponseDecoding.error(for: response, redactor: redactor)
            if response.status == 401 {
                // The gateway refused the bearer, not the password: not a login failure.
                throw .authentication(step: "API token", detail: Authenticator.explain(error))
            }
            let failure = ThingSpaceError.authentication(
                step: "session login",
                detail: Authenticator.explain(error) + " (not retried automatically: five failed logins lock the account)")
            if response.status < 500 {
                loginFailure = failure
                // A credential rejection (not throttling or a request timeout) counts across invocations.
                if response.status != 408 && response.status != 429 { loginGuard?.rejected() }
            }
            throw failure
        }
        let parsed = try ResponseDecoding.decode(SessionTokenResponse.self, from: response.body, what: "the session login response")
        guard !parsed.sessionToken.isEmpty else { throw .decoding(what: "the session login response", detail: "field \"sessionToken\" is empty") }
        session = parsed.sessionToken
        loginGuard?.succeeded()
        return parsed.sessionToken
    }

    /// Ends the session on the server and forgets it.
    public func logout() async throws(ThingSpaceError) {
        guard let current = session else { return }
        let bearer = try await bearer()
        let request = HTTPRequest(
            method: "POST", url: Endpoints.url(configuration.baseURL, "/api/m2m/v1/session/logout"),
            headers: [("Authorization", "Bearer \(bearer)"), ("VZ-M2M-Token", current), ("Accept", "application/json")])
        session = nil
        let response = try await transport.send(request, timeout: configuration.timeout)
        guard (200..<300).contains(response.status) else {
            throw ResponseDecoding.error(for: response, redactor: redactor)
        }
    }

    /// Allows another login after a failure (an operator's explicit decision).
    public func resetLoginFailure() { loginFailure = nil }

    /// Callers waiting for the renewal in flight now, per renewal (tests line callers up with it).
    func renewalWaiters() -> (token: Int, session: Int) { (tokenRenewal.waiting, sessionRenewal.waiting) }

    // MARK: helpers

    static func explain(_ error: ThingSpaceError) -> String {
        switch error {
        case .fota(let status, let code, let message): return "HTTP \(status) \(code): \(message)"
        case .gateway(let status, let code, let message, _): return "HTTP \(status) fault \(code): \(message)"
        default: return error.description
        }
    }
}
