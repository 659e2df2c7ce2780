/// The v1 wire format, field for field as ThingSpace sends it. Unknown fields are ignored
/// (Codable skips them); status and reason strings are kept verbatim.
public enum V1 {
    /// Response to `POST /api/fota/v1/licenses/{account}/assign` and `/remove`.
    public struct LicenseResponse: Codable, Equatable, Sendable {
        public var accountName: String
        public var licCount: Int
        public var licUsedCount: Int
        public var deviceList: [DeviceStatus]

        public init(accountName: String, licCount: Int, licUsedCount: Int, deviceList: [DeviceStatus]) {
            self.accountName = accountName
            self.licCount = licCount
            self.licUsedCount = licUsedCount
            self.deviceList = deviceList
        }
    }

    public struct DeviceStatus: Codable, Equatable, Sendable {
        public var deviceId: String
        public var status: String
        /// v1 spells it with a capital R. Optional: a missing reason is not a decoding error.
        public var reason: String?

        enum CodingKeys: String, CodingKey {
            case deviceId, status
            case reason = "Reason"
        }

        public init(deviceId: String, status: String, reason: String?) {
            self.deviceId = deviceId
            self.status = status
            self.reason = reason
        }
    }

    /// Request body of assign/remove.
    public struct DeviceListRequest: Codable, Equatable, Sendable {
        public var deviceList: [String]
        public init(deviceList: [String]) { self.deviceList = deviceList }
    }

    /// `GET /api/fota/v1/licenses/{account}/index/{startIndex}`.
    public struct LicenseSummary: Codable, Equatable, Sendable {
        public var accountName: String
        public var totalLicenses: Int
        public var assignedLicenses: Int
        public var hasMoreData: Bool
        /// A JSON number in v1 (0 when there is no more data).
        public var lastSeenDeviceId: NumericCursor?
        public var deviceList: [LicensedDevice]

        public init(accountName: String, totalLicenses: Int, assignedLicenses: Int, hasMoreData: Bool,
                    lastSeenDeviceId: NumericCursor?, deviceList: [LicensedDevice]) {
            self.accountName = accountName
            self.totalLicenses = totalLicenses
            self.assignedLicenses = assignedLicenses
            self.hasMoreData = hasMoreData
            self.lastSeenDeviceId = lastSeenDeviceId
            self.deviceList = deviceList
        }
    }

    public struct LicensedDevice: Codable, Equatable, Sendable {
        public var deviceId: String
        public var assignmentTime: String?
        public init(deviceId: String, assignmentTime: String?) {
            self.deviceId = deviceId
            self.assignmentTime = assignmentTime
        }
    }

    /// `GET /api/fota/v1/devices/{account}/index/{startIndex}`.
    public struct DeviceListPage: Codable, Equatable, Sendable {
        public var accountName: String
        public var hasMoreData: Bool
        public var lastSeenDeviceId: NumericCursor?
        public var deviceList: [Device]
    }

    public struct Device: Codable, Equatable, Sendable {
        public var deviceId: String
        public var mdn: String?
        public var model: String?
        public var make: String?
        public var firmware: String?
        public var fotaEligible: Bool?
        public var licenseAssigned: Bool
        public var upgradeTime: String?
    }

    /// v1's `lastSeenDeviceId`: documented as a JSON number. A 15-digit IMEI fits in Int64 exactly,
    /// but we keep the digits as text so nothing is lost; a string form is accepted too.
    public struct NumericCursor: Codable, Equatable, Sendable, CustomStringConvertible {
        public var digits: String
        public init(digits: String) { self.digits = digits }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(UInt64.self) {
                digits = String(n)
            } else if let s = try? c.decode(String.self), !s.isEmpty, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                digits = s
            } else {
                throw DecodingError.dataCorruptedError(
                    in: c, debugDescription: "lastSeenDeviceId is neither a number nor a string of digits")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(UInt64(digits) ?? 0)
        }

        public var isZero: Bool { digits.allSatisfy { $0 == "0" } }
        public var description: String { digits }
    }
}

/// `{"errorCode": "...", "errorMessage": "..."}`: every FOTA error.
public struct FOTAErrorEnvelope: Codable, Equatable, Sendable {
    public var errorCode: String
    public var errorMessage: String?
    public init(errorCode: String, errorMessage: String?) {
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }
}

/// `{"fault": {"code": "900901", "message": "...", "description": "..."}}`: the API gateway's errors.
public struct GatewayFaultEnvelope: Codable, Equatable, Sendable {
    public struct Fault: Codable, Equatable, Sendable {
        public var code: String
        public var message: String?
        public var description: String?

        public init(code: String, message: String?, description: String?) {
            self.code = code
            self.message = message
            self.description = description
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            // The code is a string on the wire; tolerate a number too.
            if let s = try? c.decode(String.self, forKey: .code) {
                code = s
            } else {
                code = String(try c.decode(Int.self, forKey: .code))
            }
            message = try c.decodeIfPresent(String.self, forKey: .message)
            description = try c.decodeIfPresent(String.self, forKey: .description)
        }
    }
    public var fault: Fault
    public init(fault: Fault) { self.fault = fault }
}

/// OAuth2 token response.
public struct OAuthTokenResponse: Codable, Equatable, Sendable {
    public var access_token: String
    public var token_type: String?
    public var expires_in: Int?
    public var scope: String?
}

/// Session login/logout response.
public struct SessionTokenResponse: Codable, Equatable, Sendable {
    public var sessionToken: String
}
