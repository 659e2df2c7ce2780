/// Version-neutral models that front ends use. Each API version's wire models map into these.

/// One device as the device list describes it.
public struct DeviceInfo: Equatable, Sendable {
    public var deviceId: String
    public var mdn: String
    public var make: String
    public var model: String
    public var firmware: String
    public var fotaEligible: Bool
    public var licenseAssigned: Bool
    public var upgradeTime: String?

    public init(deviceId: String, mdn: String = "", make: String = "", model: String = "", firmware: String = "",
                fotaEligible: Bool = true, licenseAssigned: Bool, upgradeTime: String? = nil) {
        self.deviceId = deviceId
        self.mdn = mdn
        self.make = make
        self.model = model
        self.firmware = firmware
        self.fotaEligible = fotaEligible
        self.licenseAssigned = licenseAssigned
        self.upgradeTime = upgradeTime
    }
}

/// Licence counters of an account.
public struct LicenseCounts: Equatable, Sendable {
    public var total: Int
    public var used: Int
    public var free: Int { max(0, total - used) }
    public init(total: Int, used: Int) {
        self.total = total
        self.used = used
    }
}

/// One page of the licence summary.
public struct LicenseSummaryPage: CursorPage, Equatable, Sendable {
    public var accountName: String
    public var counts: LicenseCounts
    public var licensedDevices: [LicensedDevice]
    public var hasMoreData: Bool
    public var lastSeenDeviceId: String?
}

public struct LicensedDevice: Equatable, Sendable {
    public var deviceId: String
    public var assignmentTime: String?

    public init(deviceId: String, assignmentTime: String?) {
        self.deviceId = deviceId
        self.assignmentTime = assignmentTime
    }
}

/// One page of the device list.
public struct DeviceListPage: CursorPage, Equatable, Sendable {
    public var accountName: String
    public var devices: [DeviceInfo]
    public var hasMoreData: Bool
    public var lastSeenDeviceId: String?
}

/// A page of a list paged by IMEI cursor. The one paging rule: another page follows only when the
/// server says there is more data and gives a cursor to continue from.
public protocol CursorPage {
    var hasMoreData: Bool { get }
    var lastSeenDeviceId: String? { get }
}

extension CursorPage {
    /// The cursor of the next page, or nil when this is the last one.
    public var nextCursor: String? { hasMoreData ? lastSeenDeviceId : nil }
    /// True when no page follows (`Pages` stops after it; the console marks its load done).
    public var isLastPage: Bool { nextCursor == nil }
}

/// A device's line in an assign/remove response, verbatim.
public struct DeviceStatusLine: Equatable, Sendable {
    public var deviceId: String
    public var status: String
    public var reason: String
    public init(deviceId: String, status: String, reason: String) {
        self.deviceId = deviceId
        self.status = status
        self.reason = reason
    }
}

/// An assign/remove response, version-neutral.
public struct LicenseBatchResponse: Equatable, Sendable {
    public var accountName: String
    public var counts: LicenseCounts
    public var devices: [DeviceStatusLine]
}
