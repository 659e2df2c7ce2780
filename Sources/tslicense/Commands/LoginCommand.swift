import ArgumentParser
import Foundation
import Settings
import ThingSpaceAPI

/// `tslicense login`: checks the credentials step by step and says which step failed.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Check the credentials: API token, session login, then one licence read.",
        discussion: """
            Each step is printed with ok or the reason it failed: "API token" (app key and secret, or \
            THINGSPACE_ACCESS_TOKEN), "session login" (username and password, or \
            THINGSPACE_SESSION_TOKEN) and "licence read" (both tokens accepted for the account). A \
            failed session login is not retried: five failures in a row lock the ThingSpace user. The \
            session is logged out again at the end. Exit codes: 0 all steps ok, 3 authentication \
            failed, 4 API or network error.

            Examples:
              tslicense login
              tslicense login --profile production
              tslicense login --account 0242078689-00001 --base-url http://127.0.0.1:8080
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let session = try CommandSession.open(global.overrides())
        session.announceTarget()
        let client = session.client
        let credentials = session.settings.client.credentials
        let out = StandardOutput()
        func step(_ name: String, _ result: String) {
            out.line(TextFormat.pad(name, 15) + result)
            out.flush()
        }

        do {
            _ = try await client.authenticator.bearer()
            if let key = credentials.appKey, credentials.accessToken == nil {
                step("API token", "ok (issued for app key \(key))")
            } else {
                step("API token", "ok (the given access token; checked by the licence read)")
            }
        } catch {
            step("API token", "failed: \(Self.detail(error))")
            throw CommandFailure(code: ExitCodes.code(for: error), message: "")
        }
        do {
            _ = try await client.authenticator.sessionToken()
            if let user = credentials.username, credentials.sessionToken == nil {
                step("session login", "ok (user \(user))")
            } else {
                step("session login", "ok (the given session token; checked by the licence read)")
            }
        } catch {
            step("session login", "failed: \(Self.detail(error))")
            throw CommandFailure(code: ExitCodes.code(for: error), message: "")
        }
        do {
            let counts = try await client.licenseCounts()
            step("licence read", "ok (\(TextFormat.count(counts.used)) of \(TextFormat.count(counts.total)) licences used)")
        } catch {
            let stepName: String
            if case .authentication(let failedStep, _) = error.underlying { stepName = "licence read (\(failedStep))" } else {
                stepName = "licence read"
            }
            step(stepName, "failed: \(Self.detail(error))")
            await session.close()
            throw CommandFailure(code: ExitCodes.code(for: error), message: "")
        }
        await session.close()
    }

    static func detail(_ error: ThingSpaceError) -> String {
        if case .authentication(_, let detail) = error.underlying { return detail }
        return error.description
    }
}
