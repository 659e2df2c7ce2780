import Foundation
import ThingSpaceAPI

/// Settings resolved, warnings shown, a client made: what every API command starts with.
struct CommandSession {
    let settings: ResolvedSettings
    let client: ThingSpaceClient

    static func open(_ options: GlobalOptions, requireAccount: Bool = true) throws -> CommandSession {
        let settings = try ResolvedSettings.resolve(options, requireAccount: requireAccount)
        for warning in settings.warnings { FileOutput.stderr("warning: \(warning)") }
        let client = try settings.makeClient()
        return CommandSession(settings: settings, client: client)
    }

    /// `account … on host … (profile …)` on stderr, for commands that act.
    func announceTarget() {
        FileOutput.stderr(settings.targetDescription)
    }

    /// Ends the session we logged in ourselves (a session token given to us is left alone).
    func close() async {
        guard settings.client.credentials.sessionToken == nil else { return }
        try? await client.logout()
    }

    /// A ThingSpace error as a failure with the documented exit code.
    func failure(_ error: any Error) -> CommandFailure {
        CommandSession.failure(error)
    }

    static func failure(_ error: any Error) -> CommandFailure {
        if let failure = error as? CommandFailure { return failure }
        if let error = error as? ThingSpaceError {
            return CommandFailure(code: ExitCodes.code(for: error), message: "error: \(error.description)")
        }
        return CommandFailure(code: ExitStatus.api, message: "error: \(error)")
    }
}
