import ThingSpaceAPI

/// `config show`: every effective setting, its value (secrets already masked) and where it came
/// from, as table, JSON or CSV. JSON: `{"profile", "configFile", "configFound", "settings":
/// [{"key", "value", "origin"}], "warnings": [...]}`; CSV: `key,value,origin`.
public struct SettingsReport: Sendable {
    public struct Row: Encodable, Equatable, Sendable {
        public var key: String
        public var value: String
        /// In words: `--account`, `THINGSPACE_ACCOUNT`, `profile "prod"`, `default`.
        public var origin: String

        public init(key: String, value: String, origin: String) {
            self.key = key
            self.value = value
            self.origin = origin
        }
    }

    public var profile: String?
    public var configFile: String
    public var configFound: Bool
    public var settings: [Row]
    public var warnings: [String]

    /// The report of resolved settings: every row of the settings table with its origin in words.
    public init(_ resolved: ResolvedSettings) {
        self.init(profile: resolved.profileName, configFile: resolved.configPath, configFound: resolved.configFound,
                  settings: resolved.sources.map { Row(key: $0.key, value: $0.value, origin: $0.origin.text) },
                  warnings: resolved.warnings)
    }

    public init(profile: String?, configFile: String, configFound: Bool, settings: [Row], warnings: [String]) {
        self.profile = profile
        self.configFile = configFile
        self.configFound = configFound
        self.settings = settings
        self.warnings = warnings
    }

    /// The report's lines, without line ends.
    public func lines(_ format: ReportFormat) -> [String] {
        switch format {
        case .json:
            return [TextFormat.json(JSONDocument(report: self))]
        case .csv:
            return [CSV.row(["key", "value", "origin"])] + settings.map { CSV.row([$0.key, $0.value, $0.origin]) }
        case .table:
            return TextFormat.table([["KEY", "VALUE", "FROM"]] + settings.map { [$0.key, $0.value, $0.origin] })
        }
    }

    /// Every key present, `null` for no profile.
    private struct JSONDocument: Encodable {
        var report: SettingsReport

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(report.profile, forKey: .profile)
            try c.encode(report.configFile, forKey: .configFile)
            try c.encode(report.configFound, forKey: .configFound)
            try c.encode(report.settings, forKey: .settings)
            try c.encode(report.warnings, forKey: .warnings)
        }
        enum CodingKeys: String, CodingKey { case profile, configFile, configFound, settings, warnings }
    }
}
