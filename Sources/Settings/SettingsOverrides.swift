/// What the operator gave on the command line, as plain values: the front end converts its
/// flags into this, and the resolver never reads flags itself. `nil` (or `false`) is "not given".
public struct SettingsOverrides: Sendable, Equatable {
    /// `--profile`
    public var profile: String?
    /// `--account`
    public var account: String?
    /// `--base-url`
    public var baseURL: String?
    /// `--api-version`
    public var apiVersion: String?
    /// `--timeout`, in seconds.
    public var timeout: Double?
    /// `--connect-timeout`, in seconds.
    public var connectTimeout: Double?
    /// `--config`: the config file to read instead of the XDG default (a missing file is then an error).
    public var configPath: String?
    /// `--readonly`
    public var readonly: Bool
    /// `--debug`
    public var debug: Bool
    /// `--batch-size` (assign, remove).
    public var batchSize: Int?
    /// `--concurrency` (assign, remove).
    public var concurrency: Int?
    /// `--max-devices` (assign, remove).
    public var maxDevices: Int?
    /// `--theme` (the console).
    public var theme: String?

    public init(profile: String? = nil, account: String? = nil, baseURL: String? = nil, apiVersion: String? = nil,
                timeout: Double? = nil, configPath: String? = nil, readonly: Bool = false, debug: Bool = false,
                batchSize: Int? = nil, concurrency: Int? = nil, maxDevices: Int? = nil, theme: String? = nil,
                connectTimeout: Double? = nil) {
        self.connectTimeout = connectTimeout
        self.profile = profile
        self.account = account
        self.baseURL = baseURL
        self.apiVersion = apiVersion
        self.timeout = timeout
        self.configPath = configPath
        self.readonly = readonly
        self.debug = debug
        self.batchSize = batchSize
        self.concurrency = concurrency
        self.maxDevices = maxDevices
        self.theme = theme
    }
}
