/// Values a front end sets on top of a configuration's defaults (`tslicense simulator`'s options):
/// nil (or false, or empty) leaves the default alone.
public struct SimulatorOverrides: Sendable, Equatable {
    public var host: String?
    public var port: Int?
    public var account: String?
    public var devices: Int?
    public var licenses: Int?
    public var used: Int?
    public var pageSize: Int?
    public var latencyMs: Int?
    public var jitterMs: Int?
    public var seed: UInt64?
    public var appKey: String?
    public var appSecret: String?
    public var username: String?
    public var password: String?
    public var enforceLuhn: Bool
    /// `--billing`
    public var billing: SimulatorBilling?
    /// `--timestamps`
    public var timestamps: TimestampStyle?
    public var rateLimitRate: Double?
    public var rateLimitEvery: Int?
    public var retryAfterSeconds: Double?
    public var serverErrorRate: Double?
    public var serverErrorEvery: Int?
    public var dropRate: Double?
    public var dropEvery: Int?
    public var tokenLifetimeSeconds: Double?
    public var sessionIdleSeconds: Double?
    public var failingDeviceCount: Int?
    /// Added to the configuration's failing IMEIs.
    public var failingImeis: [String]
    public var holdBatches: Bool
    /// Hostile device content turned on (added to the configuration's; set after `init`).
    public var deviceContent = DeviceContentFaults()

    // Lost answers, hangs, silence (issue 9): kept together; set after `init`.
    public var loseAnswerEvery: Int?
    public var hangAfterApplyEvery: Int?
    public var silent = false

    public init(host: String? = nil, port: Int? = nil, account: String? = nil, devices: Int? = nil,
                licenses: Int? = nil, used: Int? = nil, pageSize: Int? = nil, latencyMs: Int? = nil,
                jitterMs: Int? = nil, seed: UInt64? = nil, appKey: String? = nil, appSecret: String? = nil,
                username: String? = nil, password: String? = nil, enforceLuhn: Bool = false,
                rateLimitRate: Double? = nil, rateLimitEvery: Int? = nil, retryAfterSeconds: Double? = nil,
                serverErrorRate: Double? = nil, serverErrorEvery: Int? = nil, dropRate: Double? = nil,
                dropEvery: Int? = nil, tokenLifetimeSeconds: Double? = nil, sessionIdleSeconds: Double? = nil,
                failingDeviceCount: Int? = nil, failingImeis: [String] = [], holdBatches: Bool = false) {
        self.host = host
        self.port = port
        self.account = account
        self.devices = devices
        self.licenses = licenses
        self.used = used
        self.pageSize = pageSize
        self.latencyMs = latencyMs
        self.jitterMs = jitterMs
        self.seed = seed
        self.appKey = appKey
        self.appSecret = appSecret
        self.username = username
        self.password = password
        self.enforceLuhn = enforceLuhn
        self.rateLimitRate = rateLimitRate
        self.rateLimitEvery = rateLimitEvery
        self.retryAfterSeconds = retryAfterSeconds
        self.serverErrorRate = serverErrorRate
        self.serverErrorEvery = serverErrorEvery
        self.dropRate = dropRate
        self.dropEvery = dropEvery
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
        self.sessionIdleSeconds = sessionIdleSeconds
        self.failingDeviceCount = failingDeviceCount
        self.failingImeis = failingImeis
        self.holdBatches = holdBatches
    }
}
