import RunJournal
import ThingSpaceAPI

/// What the console needs beyond the client, resolved once by the command that opens it.
public struct ConsoleSettings: Sendable, Equatable {
    /// The theme asked for (flag or configuration file); nil lets `NO_COLOR` decide.
    public var themeName: String?
    /// Batch size, concurrency, retries and the Luhn policy of the console's runs.
    public var runOptions: RunOptions
    /// End the API session when the console closes.
    public var logoutOnExit: Bool
    /// Runs of more devices than this are refused (the profile's `max_devices`).
    public var maxDevices: Int?
    /// The profile chosen, named by the confirm dialog; nil when none was.
    public var profileName: String?
    /// Why the console is read-only, and where `maxDevices` comes from, in the commands' words.
    public var readonlyOrigin: String
    public var maxDevicesOrigin: String
    /// Where the console's runs are recorded (`runs/`, the demo's `demo-runs/`); nil: not recorded.
    public var journal: JournalStore?

    public init(themeName: String? = nil, runOptions: RunOptions = RunOptions(), logoutOnExit: Bool = false,
                maxDevices: Int? = nil, profileName: String? = nil, readonlyOrigin: String = "read-only mode (--readonly)",
                maxDevicesOrigin: String = "max_devices", journal: JournalStore? = nil) {
        self.journal = journal
        self.themeName = themeName
        self.runOptions = runOptions
        self.logoutOnExit = logoutOnExit
        self.maxDevices = maxDevices
        self.profileName = profileName
        self.readonlyOrigin = readonlyOrigin
        self.maxDevicesOrigin = maxDevicesOrigin
    }

    /// The demo's settings: default theme choice and run options, no logout (the simulator goes away).
    public static let demo = ConsoleSettings()
}
