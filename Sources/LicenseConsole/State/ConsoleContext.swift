import Drawing
import Foundation
import ThingSpaceAPI

/// What the console is pointed at, and the operator-facing thresholds. Resolved once by the
/// executable and passed in; never changes while the console runs.
public struct ConsoleContext: Sendable {
    /// The ThingSpace account name, e.g. `0242078689-00001`.
    public var account: String
    /// The API host actions go to, e.g. `thingspace.verizon.com`.
    public var host: String
    /// The API generation in use, e.g. `v1`.
    public var apiVersion: String
    /// `--readonly`: assign, remove and retry are disabled.
    public var readonly: Bool
    /// Used fraction at which the gauge turns to the warning role.
    public var warningFraction: Double
    /// Used fraction at which the gauge turns to the critical role.
    public var criticalFraction: Double
    /// Above this many devices the operator types the number to confirm a run.
    public var typeToConfirmAbove: Int
    /// Runs of more devices than this are refused (the profile's `max_devices`).
    public var maxDevices: Int?
    /// Time zone for wall-clock times on screen (counts read at ...).
    public var timeZone: TimeZone
    /// Unicode or ASCII glyphs (the locale, or `--ascii`).
    public var charset: DisplayCharset
    /// The profile says `production = true`: a PRODUCTION badge in the header and on confirm dialogs.
    public var production: Bool
    /// The profile chosen (`--profile`, `THINGSPACE_PROFILE`, `default_profile`); the confirm
    /// dialog names it. Nil when none was chosen (the demo, environment variables only).
    public var profileName: String?
    /// Why the console is read-only, in the commands' words (`profile "prod" is readonly (...)`).
    public var readonlyOrigin: String
    /// Where `maxDevices` comes from (`max_devices of profile "prod"`).
    public var maxDevicesOrigin: String
    /// The device table's columns, in order (`[console] columns`).
    public var columns: [TableColumnKind]
    /// The base URL runs go to (the journal's; resume and undo refuse another).
    public var baseURL: String

    public init(account: String, host: String, apiVersion: String = "v1", readonly: Bool = false,
                warningFraction: Double = 0.80, criticalFraction: Double = 0.95,
                typeToConfirmAbove: Int = RunPolicy.defaultTypeToConfirmAbove, maxDevices: Int? = nil,
                timeZone: TimeZone = .current, charset: DisplayCharset = .utf8, production: Bool = false,
                profileName: String? = nil, readonlyOrigin: String = "read-only mode (--readonly)",
                maxDevicesOrigin: String = "max_devices",
                columns: [TableColumnKind] = TableColumnKind.standard, baseURL: String = "") {
        self.baseURL = baseURL
        self.account = account
        self.host = host
        self.apiVersion = apiVersion
        self.readonly = readonly
        self.warningFraction = warningFraction
        self.criticalFraction = criticalFraction
        self.typeToConfirmAbove = typeToConfirmAbove
        self.maxDevices = maxDevices
        self.timeZone = timeZone
        self.charset = charset
        self.production = production
        self.profileName = profileName
        self.readonlyOrigin = readonlyOrigin
        self.maxDevicesOrigin = maxDevicesOrigin
        self.columns = columns
    }

    /// The run guards of the API's pipeline, as the commands apply them.
    public var runPolicy: RunPolicy {
        RunPolicy(readonly: readonly, readonlyOrigin: readonlyOrigin, maxDevices: maxDevices,
                  maxDevicesOrigin: maxDevicesOrigin, typeToConfirmAbove: typeToConfirmAbove)
    }

    /// `account 0242078689-00001 on thingspace.verizon.com`.
    public var targetDescription: String { "account \(account) on \(host)" }

    /// The smallest terminal the console draws its screen in.
    public static let minimumWidth = 60
    public static let minimumHeight = 16
}
