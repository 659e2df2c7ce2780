import Foundation

/// The v3 wire format (Verizon's current licence API), field for field as its reference and SDK
/// describe it. Unknown fields are ignored; status and reason strings are kept verbatim.
public enum V3 {
    /// Response to `POST /api/fota/v3/licenses/{acc}/assign` and `/remove`. The total is `licCount`
    /// (v2 pages call it `licTotalCount`: both are accepted); the reason is `resultReason` (or `Reason`).
    public struct LicenseResponse: Decodable, Equatable, Sendable {
        public var accountName: String
        public var licCount: Int
        public var licUsedCount: Int
        public var deviceList: [DeviceStatus]

        enum CodingKeys: String, CodingKey { case accountName, licCount, licTotalCount, licUsedCount, deviceList }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            accountName = try c.decode(String.self, forKey: .accountName)
            if let total = try c.decodeIfPresent(Int.self, forKey: .licCount) {
                licCount = total
            } else {
                licCount = try c.decode(Int.self, forKey: .licTotalCount)
            }
            licUsedCount = try c.decode(Int.self, forKey: .licUsedCount)
            deviceList = try c.decode([DeviceStatus].self, forKey: .deviceList)
        }
    }

    public struct DeviceStatus: Decodable, Equatable, Sendable {
        public var deviceId: String
        public var status: String
        public var resultReason: String?
        public var updatedTime: String?
        public var recentAttemptTime: String?
        public var nextAttemptTime: String?

        enum CodingKeys: String, CodingKey {
            case deviceId, status, resultReason, updatedTime, recentAttemptTime, nextAttemptTime
            case reason = "Reason"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            deviceId = try c.decode(String.self, forKey: .deviceId)
            status = try c.decode(String.self, forKey: .status)
            resultReason = try c.decodeIfPresent(String.self, forKey: .resultReason)
                ?? c.decodeIfPresent(String.self, forKey: .reason)
            updatedTime = try c.decodeIfPresent(String.self, forKey: .updatedTime)
            recentAttemptTime = try c.decodeIfPresent(String.self, forKey: .recentAttemptTime)
            nextAttemptTime = try c.decodeIfPresent(String.self, forKey: .nextAttemptTime)
        }
    }

    /// `GET /api/fota/v3/licenses/{acc}?lastSeenDeviceId=`. `totalLicenses` is optional in v3;
    /// `lastSeenDeviceId` is a string (a number is accepted too).
    public struct LicenseSummary: Decodable, Equatable, Sendable {
        public var accountName: String
        public var totalLicenses: Int?
        public var assignedLicenses: Int
        public var hasMoreData: Bool
        public var lastSeenDeviceId: V1.NumericCursor?
        public var maxPageSize: Int?
        public var deviceList: [V1.LicensedDevice]

        enum CodingKeys: String, CodingKey {
            case accountName, totalLicenses, assignedLicenses, hasMoreData, lastSeenDeviceId, maxPageSize, deviceList
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            accountName = try c.decode(String.self, forKey: .accountName)
            totalLicenses = try c.decodeIfPresent(Int.self, forKey: .totalLicenses)
            assignedLicenses = try c.decode(Int.self, forKey: .assignedLicenses)
            hasMoreData = try c.decode(Bool.self, forKey: .hasMoreData)
            lastSeenDeviceId = try V3.cursor(c, .lastSeenDeviceId)
            maxPageSize = try c.decodeIfPresent(Int.self, forKey: .maxPageSize)
            deviceList = try c.decodeIfPresent([V1.LicensedDevice].self, forKey: .deviceList) ?? []
        }
    }

    /// `GET /api/fota/v3/devices/{acc}?lastSeenDeviceId=&protocol=`.
    public struct DeviceListPage: Decodable, Equatable, Sendable {
        public var accountName: String
        public var hasMoreData: Bool
        public var lastSeenDeviceId: V1.NumericCursor?
        public var maxPageSize: Int?
        public var deviceList: [Device]

        enum CodingKeys: String, CodingKey { case accountName, hasMoreData, lastSeenDeviceId, maxPageSize, deviceList }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            accountName = try c.decode(String.self, forKey: .accountName)
            hasMoreData = try c.decode(Bool.self, forKey: .hasMoreData)
            lastSeenDeviceId = try V3.cursor(c, .lastSeenDeviceId)
            maxPageSize = try c.decodeIfPresent(Int.self, forKey: .maxPageSize)
            deviceList = try c.decodeIfPresent([Device].self, forKey: .deviceList) ?? []
        }
    }

    /// A v3 device. `status`, `protocol` and `softwareList` are decoded only where details are read.
    public struct Device: Decodable, Equatable, Sendable {
        public var deviceId: String
        public var mdn: String?
        public var model: String?
        public var make: String?
        public var firmware: String?
        public var fotaEligible: Bool?
        public var licenseAssigned: Bool
        public var upgradeTime: String?
    }

    /// The fields of a v3 device that only its details show.
    public struct DeviceExtras: Decodable, Equatable, Sendable {
        public var deviceId: String
        public var status: String?
        public var `protocol`: String?
        public var softwareList: [Software]?
        public var createTime: String?
        public var updateTime: String?
        public var refreshTime: String?
    }

    public struct Software: Decodable, Equatable, Sendable {
        public var name: String?
        public var version: String?
        public var upgradeTime: String?
    }

    /// `POST /api/fota/v3/devices/{acc}` with `{"deviceList": [...]}`: the named devices only.
    public struct DeviceQueryResult: Decodable, Equatable, Sendable {
        public var accountName: String?
        public var deviceCount: Int?
        public var deviceList: [Device]
    }

    public struct DeviceExtrasResult: Decodable, Equatable, Sendable {
        public var deviceList: [DeviceExtras]
    }
}

extension V3 {
    /// `lastSeenDeviceId`: a string of digits (a number is accepted too); empty means no cursor.
    static func cursor<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> V1.NumericCursor? {
        if let text = try? c.decodeIfPresent(String.self, forKey: key), text.isEmpty { return nil }
        return try c.decodeIfPresent(V1.NumericCursor.self, forKey: key)
    }
}

/// `GET /api/fota/{v1,v3}/subscriptions/{account}`: the account's FOTA subscription.
public struct SubscriptionWire: Decodable, Equatable, Sendable {
    public var accountName: String?
    public var purchaseType: String?
    public var licenseCount: Int?
    public var licenseUsedCount: Int?
    public var updateTime: String?
}
