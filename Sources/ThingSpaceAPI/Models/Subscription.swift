/// How an account pays for firmware upgrades: monthly licences (`TS-HFOTA-MRC`), per event
/// (`TS-HFOTA-EVNT`: no licences needed), or not known (the subscription could not be read or
/// names neither).
public enum Billing: String, Sendable, Equatable, Codable, CaseIterable {
    case monthly
    case event
    case unknown

    /// `purchaseType` is a comma-separated list: any `TS-HFOTA-MRC` means monthly; only
    /// `TS-HFOTA-EVNT` means event-based; anything else is unknown.
    public init(purchaseType: String?) {
        let types = (purchaseType ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        if types.contains("TS-HFOTA-MRC") {
            self = .monthly
        } else if !types.isEmpty, types.allSatisfy({ $0 == "TS-HFOTA-EVNT" }) {
            self = .event
        } else {
            self = .unknown
        }
    }

    /// Words for a header or a status line.
    public var label: String {
        switch self {
        case .monthly: return "monthly licences"
        case .event: return "event-based: no licences needed"
        case .unknown: return "billing unknown"
        }
    }
}

/// The account's FOTA subscription.
public struct Subscription: Sendable, Equatable {
    public var accountName: String
    public var purchaseType: String
    public var billing: Billing
    public var counts: LicenseCounts?
    public var updateTime: String?

    public init(accountName: String, purchaseType: String, counts: LicenseCounts?, updateTime: String?) {
        self.accountName = accountName
        self.purchaseType = purchaseType
        billing = Billing(purchaseType: purchaseType)
        self.counts = counts
        self.updateTime = updateTime
    }
}

/// Extra facts about one device, read on demand (the details view): what v3 lists beside the
/// columns every device keeps.
public struct DeviceDetails: Sendable, Equatable {
    public var device: DeviceInfo
    public var status: String?
    public var `protocol`: String?
    public var software: [(name: String, version: String, upgradeTime: String?)]
    public var createTime: String?
    public var updateTime: String?
    public var refreshTime: String?

    public init(device: DeviceInfo, status: String? = nil, protocol: String? = nil,
                software: [(name: String, version: String, upgradeTime: String?)] = [],
                createTime: String? = nil, updateTime: String? = nil, refreshTime: String? = nil) {
        self.device = device
        self.status = status
        self.protocol = `protocol`
        self.software = software
        self.createTime = createTime
        self.updateTime = updateTime
        self.refreshTime = refreshTime
    }

    public static func == (a: DeviceDetails, b: DeviceDetails) -> Bool {
        a.device == b.device && a.status == b.status && a.protocol == b.protocol
            && a.software.map { "\($0.name)|\($0.version)|\($0.upgradeTime ?? "")" }
                == b.software.map { "\($0.name)|\($0.version)|\($0.upgradeTime ?? "")" }
            && a.createTime == b.createTime && a.updateTime == b.updateTime && a.refreshTime == b.refreshTime
    }
}
