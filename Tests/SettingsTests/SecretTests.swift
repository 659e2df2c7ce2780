import Testing
import ThingSpaceAPI
@testable import Settings

@Suite("secrets are masked")
struct SecretMaskTests {
    static let secrets = ["app-secret-9Jk2", "pass-word-7Qx1", "access-tok-3Zz8", "session-tok-5Yy4"]

    static func assertHidden(_ s: ResolvedSettings, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!s.sources.contains { $0.value.contains(secret) }, "\(secret) shown", sourceLocation: sourceLocation)
            #expect(!s.warnings.contains { $0.contains(secret) }, sourceLocation: sourceLocation)
            #expect(!s.targetDescription.contains(secret), sourceLocation: sourceLocation)
        }
        for key in ["app_secret", "password", "access_token", "session_token"] {
            #expect(s.source(key)?.value == ResolvedSettings.mask, "\(key)", sourceLocation: sourceLocation)
        }
    }

    @Test func fromTheEnvironment() throws {
        let home = try Home()
        let s = try home.resolve(env: [
            "THINGSPACE_APP_SECRET": Self.secrets[0], "THINGSPACE_PASSWORD": Self.secrets[1],
            "THINGSPACE_ACCESS_TOKEN": Self.secrets[2], "THINGSPACE_SESSION_TOKEN": Self.secrets[3],
        ])
        Self.assertHidden(s)
        #expect(s.source("password")?.origin == .environment("THINGSPACE_PASSWORD"))
        #expect(s.client.credentials.password?.revealed == Self.secrets[1])
        #expect(s.client.credentials.sessionToken?.revealed == Self.secrets[3])
    }

    @Test func fromTheProfileAndItsCommands() throws {
        let home = try Home()
        try home.writeConfig("""
            [profiles.p]
            app_key = "key-1"
            app_secret_command = "printf '%s\\\\n' \(Self.secrets[0])"
            password = "\(Self.secrets[1])"
            access_token = "\(Self.secrets[2])"
            session_token = "\(Self.secrets[3])"
            """)
        let s = try home.resolve(SettingsOverrides(profile: "p"))
        Self.assertHidden(s)
        #expect(s.source("app_secret")?.origin == .command("p", key: "app_secret_command"))
        #expect(s.client.credentials.appSecret?.revealed == Self.secrets[0])
        #expect(s.source("app_key") == SettingSource(key: "app_key", value: "key-1", origin: .profile("p", key: "app_key")))

        // config show without --run-commands: the command is named, not run.
        let notRun = try home.resolve(SettingsOverrides(profile: "p"), runCommands: false)
        #expect(notRun.source("app_secret") == SettingSource(key: "app_secret", value: "(from a command, not run)",
                                                           origin: .command("p", key: "app_secret_command")))
        #expect(notRun.client.credentials.appSecret == nil)
    }

    @Test func aFailingCommandHidesItsOutput() throws {
        let home = try Home()
        try home.writeConfig("""
            [profiles.p]
            password_command = "echo \(Self.secrets[1]); exit 3"
            """)
        let message = home.failure(SettingsOverrides(profile: "p"))
        #expect(message == "password_command of profile \"p\" failed (exit status 3); its output is not shown")
    }

    @Test func aLiteralAndACommandForOneSecretAreRefused() throws {
        let home = try Home()
        let path = try home.writeConfig("""
            [profiles.p]
            password = "\(Self.secrets[1])"
            password_command = "true"
            """)
        let message = home.failure(SettingsOverrides(profile: "p"))
        #expect(message == "\(path): profiles.p sets both password and password_command; keep one")
        #expect(!message.contains(Self.secrets[1]))
    }

    @Test func aReadableFileHoldingASecretIsRefused() throws {
        let home = try Home()
        let path = try home.writeConfig("""
            [profiles.p]
            password = "\(Self.secrets[1])"
            """, mode: 0o644)
        let message = home.failure(SettingsOverrides(profile: "p"))
        #expect(message.hasPrefix("\(path) holds secrets (profiles.p.password) but can be read by group or others"))
        #expect(message.hasSuffix("chmod 600 \(path)"))
        #expect(!message.contains(Self.secrets[1]))
    }
}
