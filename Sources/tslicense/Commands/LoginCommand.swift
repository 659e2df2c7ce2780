import ArgumentParser
import Foundation
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
        let session = try CommandSession.open(global.overrides(), forceLogin: global.forceLogin)
        session.announceTarget()
        let out = StandardOutput()
        let failure = await LoginCheck.run(session.client) { line in
            out.line(line)
            out.flush()
        }
        await session.close()
        if let failure { throw CommandFailure(code: ExitStatus.code(for: failure), message: "") }
    }
}
