/// `login`'s check of the credentials, step by step: the API token, the session login, then one
/// licence read (both tokens accepted for the account). Each step ends with a line saying ok, or
/// why it failed; the check stops at the first failure. A failed session login is not retried.
public enum LoginCheck {
    /// Runs the steps in order, giving `report` each step's line as it ends (`API token      ok
    /// (...)`); returns the error of the step that failed, nil when every step passed.
    public static func run(_ client: ThingSpaceClient, report: (String) -> Void) async -> ThingSpaceError? {
        let credentials = client.configuration.credentials
        func step(_ name: String, _ result: String) { report(TextFormat.pad(name, 15) + result) }
        do {
            _ = try await client.authenticator.bearer()
            if let key = credentials.appKey, credentials.accessToken == nil {
                step("API token", "ok (issued for app key \(key))")
            } else {
                step("API token", "ok (the given access token; checked by the licence read)")
            }
        } catch {
            step("API token", "failed: \(detail(error))")
            return error
        }
        do {
            _ = try await client.authenticator.sessionToken()
            if let user = credentials.username, credentials.sessionToken == nil {
                step("session login", "ok (user \(user))")
            } else {
                step("session login", "ok (the given session token; checked by the licence read)")
            }
        } catch {
            step("session login", "failed: \(detail(error))")
            return error
        }
        do {
            let counts = try await client.licenseCounts()
            step("licence read", "ok (\(TextFormat.count(counts.used)) of \(TextFormat.count(counts.total)) licences used)")
        } catch {
            if case .authentication(let failedStep, _) = error.underlying {
                step("licence read (\(failedStep))", "failed: \(detail(error))")
            } else {
                step("licence read", "failed: \(detail(error))")
            }
            return error
        }
        return nil
    }

    /// The reason alone for an authentication failure (the step is named already).
    static func detail(_ error: ThingSpaceError) -> String {
        if case .authentication(_, let detail) = error.underlying { return detail }
        return error.description
    }
}
