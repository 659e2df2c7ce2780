import Foundation
import Settings
import ThingSpaceAPI

/// Settings resolved, warnings shown, a client made: what every API command starts with. Every
/// command goes through here; nothing else resolves settings or makes a client.
struct CommandSession {
    let settings: ResolvedSettings
    let client: ThingSpaceClient

    /// Resolves the settings from the flags and the process environment, and shows the warnings.
    /// A settings problem becomes exit status 2 with its message.
    static func resolve(_ overrides: SettingsOverrides, requireAccount: Bool = true,
                        runCommands: Bool = true) throws(CommandFailure) -> ResolvedSettings {
        let settings: ResolvedSettings
        do {
            settings = try SettingsResolver.resolve(overrides, environment: ProcessInfo.processInfo.environment,
                                                    requireAccount: requireAccount, runCommands: runCommands)
        } catch {
            throw CommandFailure.usage(error.message)
        }
        for warning in settings.warnings { FileOutput.stderr("warning: \(warning)") }
        return settings
    }

    /// Resolves the settings and makes the client (with `--debug`, one that writes a trace).
    static func open(_ overrides: SettingsOverrides, forceLogin: Bool = false) throws -> CommandSession {
        try open(resolve(overrides), forceLogin: forceLogin)
    }

    /// The client for settings already resolved (a command that checks its input first).
    static func open(_ settings: ResolvedSettings, forceLogin: Bool = false) throws -> CommandSession {
        CommandSession(settings: settings, client: try makeClient(settings, forceLogin: forceLogin))
    }

    /// With `--debug`, the transport writes a redacted HTTP trace to a new file under the state
    /// directory, and `announce` is told the path.
    /// Every command's and the console's client counts failed logins across invocations
    /// (`LoginFailureLedger`, per base URL and username): after three in a row it refuses to log in
    /// unless `forceLogin` (`--force-login`).
    static func makeClient(_ settings: ResolvedSettings, transport given: (any HTTPTransport)? = nil, forceLogin: Bool = false,
                           announce: (String) -> Void = { FileOutput.stderr($0) }) throws -> ThingSpaceClient {
        let configuration = settings.client
        let transport = given ?? AsyncHTTPTransport.shared(settings.transport)
        let ledger = configuration.credentials.username.map {
            LoginFailureLedger(stateDirectory: settings.stateDirectory, baseURL: configuration.baseURL, username: $0, force: forceLogin)
        }
        guard settings.debug else { return ThingSpaceClient(configuration: configuration, transport: transport, loginGuard: ledger) }
        let log: TraceFile
        do { log = try TraceFile.create(in: settings.stateDirectory) } catch { throw CommandFailure.usage(error) }
        let tracing = log.transport(wrapping: transport, secrets: configuration.credentials.secretValues, header:
            "tslicense \(TSLicense.version) HTTP trace; \(settings.targetDescription); API \(configuration.apiVersion.rawValue); secrets redacted\n")
        announce("debug: writing a redacted HTTP trace to \(log.path)")
        return ThingSpaceClient(configuration: configuration, transport: tracing, loginGuard: ledger)
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

    /// The value of `body`; on an error, the session is closed and the error thrown as a failure
    /// with the documented exit code.
    func closingOnError<T>(_ body: () async throws -> T) async throws(CommandFailure) -> T {
        do {
            return try await body()
        } catch {
            await close()
            throw failure(error)
        }
    }

    /// A ThingSpace error as a failure with the documented exit code.
    func failure(_ error: any Error) -> CommandFailure {
        CommandSession.failure(error)
    }

    static func failure(_ error: any Error) -> CommandFailure {
        if let failure = error as? CommandFailure { return failure }
        if let error = error as? ThingSpaceError {
            return CommandFailure(code: ExitStatus.code(for: error), message: "error: \(error.description)")
        }
        return CommandFailure(code: ExitStatus.api, message: "error: \(error)")
    }
}
