import Foundation

/// Paths of the wire contract. Each API version that the client speaks has its own dialect.
enum Endpoints {
    /// Characters allowed unescaped in one path segment (RFC 3986 pchar minus `/`).
    static let segmentAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        set.insert(charactersIn: "-._~!$&'()*+,;=:@")
        return set
    }()

    /// Escapes one path segment; keeps leading zeros and everything else verbatim.
    static func segment(_ raw: String) -> String {
        raw.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? raw
    }

    /// Joins the base URL (which may carry a path prefix) with an absolute API path.
    static func url(_ base: URL, _ path: String) -> URL {
        var s = base.absoluteString
        while s.hasSuffix("/") { s.removeLast() }
        return URL(string: s + path)!
    }
}

/// What differs between API versions: paths and body shapes. v1 is the primary format; v3 slots
/// in as another conformance.
protocol WireDialect: Sendable {
    func licenseSummaryPath(account: String, cursor: String) -> String
    func deviceListPath(account: String, cursor: String) -> String
    func licensePath(account: String, operation: LicenseOperation) -> String
    func decodeLicenseSummary(_ data: Data) throws(ThingSpaceError) -> LicenseSummaryPage
    func decodeDeviceList(_ data: Data) throws(ThingSpaceError) -> DeviceListPage
    func decodeLicenseResponse(_ data: Data) throws(ThingSpaceError) -> LicenseBatchResponse
    /// `GET` path of the account's subscription.
    func subscriptionPath(account: String) -> String
    /// The request that reads one device's details: method, path and body; nil when the version
    /// has no such call (v1: its device list holds everything it knows of a device).
    func deviceDetailsRequest(account: String, deviceId: String) -> (method: String, path: String, body: Data?)?
    /// The device's details from that request's answer; nil when the account has no such device.
    func decodeDeviceDetails(_ data: Data, deviceId: String) throws(ThingSpaceError) -> DeviceDetails?
}

extension WireDialect {
    func decodeSubscription(_ data: Data) throws(ThingSpaceError) -> Subscription {
        let v = try ResponseDecoding.decode(SubscriptionWire.self, from: data, what: "the subscription")
        let counts = v.licenseCount.map { LicenseCounts(total: $0, used: v.licenseUsedCount ?? 0) }
        return Subscription(accountName: v.accountName ?? "", purchaseType: v.purchaseType ?? "", counts: counts,
                            updateTime: v.updateTime)
    }
}

struct V1Dialect: WireDialect {
    func licenseSummaryPath(account: String, cursor: String) -> String {
        "/api/fota/v1/licenses/\(Endpoints.segment(account))/index/\(Endpoints.segment(cursor))"
    }

    func deviceListPath(account: String, cursor: String) -> String {
        "/api/fota/v1/devices/\(Endpoints.segment(account))/index/\(Endpoints.segment(cursor))"
    }

    func licensePath(account: String, operation: LicenseOperation) -> String {
        "/api/fota/v1/licenses/\(Endpoints.segment(account))/\(operation.pathComponent)"
    }

    func decodeLicenseSummary(_ data: Data) throws(ThingSpaceError) -> LicenseSummaryPage {
        let v = try ResponseDecoding.decode(V1.LicenseSummary.self, from: data, what: "the licence summary")
        return LicenseSummaryPage(
            accountName: v.accountName,
            counts: LicenseCounts(total: v.totalLicenses, used: v.assignedLicenses),
            licensedDevices: v.deviceList.map { LicensedDevice(deviceId: $0.deviceId, assignmentTime: $0.assignmentTime) },
            hasMoreData: v.hasMoreData,
            lastSeenDeviceId: v.lastSeenDeviceId.flatMap { $0.isZero ? nil : $0.digits })
    }

    func decodeDeviceList(_ data: Data) throws(ThingSpaceError) -> DeviceListPage {
        // One pass over the bytes for a well-formed page; JSONDecoder (and its errors) otherwise.
        if let page = DeviceListScanner.page(LenientUTF8.repaired(data)) { return page }
        let v = try ResponseDecoding.decode(V1.DeviceListPage.self, from: data, what: "the device list")
        return DeviceListPage(
            accountName: v.accountName,
            devices: v.deviceList.map {
                DeviceInfo(deviceId: $0.deviceId, mdn: $0.mdn ?? "", make: $0.make ?? "", model: $0.model ?? "",
                           firmware: $0.firmware ?? "", fotaEligible: $0.fotaEligible ?? false,
                           licenseAssigned: $0.licenseAssigned, upgradeTime: $0.upgradeTime)
            },
            hasMoreData: v.hasMoreData,
            lastSeenDeviceId: v.lastSeenDeviceId.flatMap { $0.isZero ? nil : $0.digits })
    }

    func subscriptionPath(account: String) -> String {
        "/api/fota/v1/subscriptions/\(Endpoints.segment(account))"
    }

    /// v1 has no call for one device (a page cursor must be a device of the account, so the page
    /// "just before" it cannot be asked for): the device list already holds all v1 knows.
    func deviceDetailsRequest(account: String, deviceId: String) -> (method: String, path: String, body: Data?)? { nil }

    func decodeDeviceDetails(_ data: Data, deviceId: String) throws(ThingSpaceError) -> DeviceDetails? { nil }

    func decodeLicenseResponse(_ data: Data) throws(ThingSpaceError) -> LicenseBatchResponse {
        // One pass over the bytes; the decoder for anything unexpected (its errors name the field).
        let v: V1.LicenseResponse
        if let scanned = LicenseResponseScanner.response(LenientUTF8.repaired(data)) {
            v = scanned
        } else {
            v = try ResponseDecoding.decode(V1.LicenseResponse.self, from: data, what: "the licence response")
        }
        return LicenseBatchResponse(
            accountName: v.accountName,
            counts: LicenseCounts(total: v.licCount, used: v.licUsedCount),
            devices: v.deviceList.map { DeviceStatusLine(deviceId: $0.deviceId, status: $0.status, reason: $0.reason ?? "") })
    }
}
