/// API tokens, UWS sessions and the login lock-out. Owns no clock and no random source: the
/// state actor passes `now` (from its injected `SimulatorClock`) and its seeded generator, so
/// expiry is decided by whatever clock the simulator was given.
struct AuthLedger {
    enum BearerCheck: Equatable { case ok, missing, invalid, expired }
    enum SessionCheck: Equatable { case ok, missing, invalid, expired }
    enum LoginResult: Equatable { case ok(sessionToken: String), badCredentials, locked }
    enum LogoutResult: Equatable { case ok(sessionToken: String), missing, invalid, expired }

    struct IssuedToken: Equatable {
        var value: String
        /// Whole seconds of lifetime left, as `expires_in` reports it.
        var expiresIn: Int
        /// True when this request minted a new token (false: the current one was returned).
        var minted: Bool
    }

    /// Consecutive failed logins after which the user is locked.
    static let lockoutThreshold = 5

    private struct CurrentToken {
        var value: String
        var expiresAt: ContinuousClock.Instant
    }

    private var currentToken: CurrentToken?
    private var retiredTokens: Set<String> = []
    /// Open sessions and the instant each was last used.
    private var sessions: [String: ContinuousClock.Instant] = [:]
    private var expiredSessions: Set<String> = []
    private var consecutiveLoginFailures = 0
    private var loginLocked = false

    // MARK: API token

    /// The current token while it has at least a second left (with its remaining lifetime), or a
    /// newly minted one that lives `lifetimeSeconds`.
    mutating func issueToken(now: ContinuousClock.Instant, lifetimeSeconds: Double, rng: inout SplitMix64) -> IssuedToken {
        if let token = currentToken {
            let remaining = Self.seconds(token.expiresAt - now)
            if remaining >= 1 { return IssuedToken(value: token.value, expiresIn: Int(remaining), minted: false) }
            retiredTokens.insert(token.value)
        }
        let value = rng.uuidString()
        currentToken = CurrentToken(value: value, expiresAt: now + .milliseconds(Int64(lifetimeSeconds * 1000)))
        return IssuedToken(value: value, expiresIn: max(1, Int(lifetimeSeconds.rounded(.down))), minted: true)
    }

    /// Valid while `now` is before the token's expiry; a token seen expired is retired.
    mutating func checkBearer(_ token: String?, now: ContinuousClock.Instant) -> BearerCheck {
        guard let token, !token.isEmpty else { return .missing }
        if let current = currentToken, current.value == token {
            if now < current.expiresAt { return .ok }
            retiredTokens.insert(current.value)
            currentToken = nil
            return .expired
        }
        return retiredTokens.contains(token) ? .expired : .invalid
    }

    /// The current token stops working; the next token request mints a new one.
    mutating func expireToken() {
        guard let token = currentToken else { return }
        retiredTokens.insert(token.value)
        currentToken = nil
    }

    // MARK: Session

    /// Checks the credentials against `expected`; `lockoutThreshold` failures in a row lock the
    /// user until `unlockLogin()`. A success resets the count and opens a session.
    mutating func login(
        username: String, password: String, expected: (username: String, password: String),
        now: ContinuousClock.Instant, rng: inout SplitMix64
    ) -> LoginResult {
        if loginLocked { return .locked }
        guard username == expected.username, password == expected.password else {
            consecutiveLoginFailures += 1
            if consecutiveLoginFailures >= Self.lockoutThreshold { loginLocked = true }
            return .badCredentials
        }
        consecutiveLoginFailures = 0
        let token = rng.uuidString()
        sessions[token] = now
        return .ok(sessionToken: token)
    }

    mutating func logout(_ token: String?) -> LogoutResult {
        guard let token, !token.isEmpty else { return .missing }
        if sessions.removeValue(forKey: token) != nil { return .ok(sessionToken: token) }
        return expiredSessions.contains(token) ? .expired : .invalid
    }

    /// Checks a session token and, when valid, refreshes its idle clock. A session unused for
    /// more than `idleSeconds` expires.
    mutating func useSession(_ token: String?, now: ContinuousClock.Instant, idleSeconds: Double) -> SessionCheck {
        guard let token, !token.isEmpty else { return .missing }
        if let lastUse = sessions[token] {
            if Self.seconds(now - lastUse) > idleSeconds {
                sessions.removeValue(forKey: token)
                expiredSessions.insert(token)
                return .expired
            }
            sessions[token] = now
            return .ok
        }
        return expiredSessions.contains(token) ? .expired : .invalid
    }

    /// Every open session expires.
    mutating func expireSessions() {
        for token in sessions.keys { expiredSessions.insert(token) }
        sessions.removeAll()
    }

    mutating func unlockLogin() {
        loginLocked = false
        consecutiveLoginFailures = 0
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
