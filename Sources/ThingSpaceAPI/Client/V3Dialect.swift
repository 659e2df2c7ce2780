import Foundation

/// v3: the query forms and `/v3/licenses/...` paths that Verizon's SDKs use. The device list sends
/// no `protocol` unless one is chosen (the SDK's default of `LWM2M` would list only those devices).
struct V3Dialect: WireDialect {
    /// `LWM2M`, `OMADM` or `HTTP`; nil lists every device.
    let deviceProtocol: String?

    static func query(_ pairs: [(String, String?)]) -> String {
        let parts = pairs.compactMap { name, value in
            value.map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: Endpoints.segmentAllowed) ?? $0)" }
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    /// The first page sends no cursor (the SDK's default); later pages the last IMEI seen.
    static func cursorValue(_ cursor: String) -> String? {
        cursor.allSatisfy { $0 == "0" } ? nil : cursor
    }

    func licenseSummaryPath(account: String, cursor: String) -> String {
        "/api/fota/v3/licenses/\(Endpoints.segment(account))" + V3Dialect.query([("lastSeenDeviceId", V3Dialect.cursorValue(cursor))])
    }

    func deviceListPath(account: String, cursor: String) -> String {
        "/api/fota/v3/devices/\(Endpoints.segment(account))"
            + V3Dialect.query([("lastSeenDeviceId", V3Dialect.cursorValue(cursor)), ("protocol", deviceProtocol)])
    }

    func licensePath(account: String, operation: LicenseOperation) -> String {
        "/api/fota/v3/licenses/\(Endpoints.segment(account))/\(operation.pathComponent)"
    }

    func subscriptionPath(account: String) -> String {
        "/api/fota/v3/subscriptions/\(Endpoints.segment(account))"
    }

    func decodeLicenseSummary(_ data: Data) throws(ThingSpaceError) -> LicenseSummaryPage {
        let v = try ResponseDecoding.decode(V3.LicenseSummary.self, from: data, what: "the licence summary")
        return LicenseSummaryPage(
            accountName: v.accountName,
            counts: LicenseCounts(total: v.totalLicenses ?? v.assignedLicenses, used: v.assignedLicenses),
            licensedDevices: v.deviceList.map { LicensedDevice(deviceId: $0.deviceId, assignmentTime: $0.assignmentTime) },
            hasMoreData: v.hasMoreData,
            lastSeenDeviceId: v.lastSeenDeviceId.flatMap { $0.isZero ? nil : $0.digits })
    }

    func decodeDeviceList(_ data: Data) throws(ThingSpaceError) -> DeviceListPage {
        let v = try ResponseDecoding.decode(V3.DeviceListPage.self, from: data, what: "the device list")
        return DeviceListPage(
            accountName: v.accountName,
            devices: v.deviceList.map(V3Dialect.info),
            hasMoreData: v.hasMoreData,
            lastSeenDeviceId: v.lastSeenDeviceId.flatMap { $0.isZero ? nil : $0.digits })
    }

    static func info(_ d: V3.Device) -> DeviceInfo {
        DeviceInfo(deviceId: d.deviceId, mdn: d.mdn ?? "", make: d.make ?? "", model: d.model ?? "",
                   firmware: d.firmware ?? "", fotaEligible: d.fotaEligible ?? false,
                   licenseAssigned: d.licenseAssigned, upgradeTime: d.upgradeTime)
    }

    func decodeLicenseResponse(_ data: Data) throws(ThingSpaceError) -> LicenseBatchResponse {
        let v = try ResponseDecoding.decode(V3.LicenseResponse.self, from: data, what: "the licence response")
        return LicenseBatchResponse(
            accountName: v.accountName,
            counts: LicenseCounts(total: v.licCount, used: v.licUsedCount),
            devices: v.deviceList.map { DeviceStatusLine(deviceId: $0.deviceId, status: $0.status, reason: $0.resultReason ?? "") })
    }

    /// `POST /api/fota/v3/devices/{acc}` with the one IMEI: its full record.
    func deviceDetailsRequest(account: String, deviceId: String) -> (method: String, path: String, body: Data?)? {
        let body = try? JSONEncoder().encode(V1.DeviceListRequest(deviceList: [deviceId]))
        return ("POST", "/api/fota/v3/devices/\(Endpoints.segment(account))", body)
    }

    func decodeDeviceDetails(_ data: Data, deviceId: String) throws(ThingSpaceError) -> DeviceDetails? {
        let list = try ResponseDecoding.decode(V3.DeviceQueryResult.self, from: data, what: "the device details")
        guard let device = list.deviceList.first(where: { $0.deviceId == deviceId }) else { return nil }
        let extras = (try? ResponseDecoding.decode(V3.DeviceExtrasResult.self, from: data, what: "the device details"))?
            .deviceList.first { $0.deviceId == deviceId }
        return DeviceDetails(
            device: V3Dialect.info(device), status: extras?.status, protocol: extras?.protocol,
            software: (extras?.softwareList ?? []).map { ($0.name ?? "", $0.version ?? "", $0.upgradeTime) },
            createTime: extras?.createTime, updateTime: extras?.updateTime, refreshTime: extras?.refreshTime)
    }
}
