import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// v3 and the subscription, over the same in-memory account as v1: both views agree. Each path
/// Verizon documents in two forms is served in both (`/licenses/{acc}?lastSeenDeviceId=` and
/// `/licenses/{acc}/index/{id}`; `/v3/licenses/...` and `/v3/firmware/licenses/...`).
extension SimulatorResponder {
    /// The v3 and subscription routes; nil for any other path.
    static func routeV3(method: HTTPRequest.Method, segments s: [Substring]) -> Route? {
        guard s.count >= 4, s[0] == "api", s[1] == "fota" else { return nil }
        if s[3] == "subscriptions", s.count == 5, method == .get, s[2] == "v1" || s[2] == "v2" || s[2] == "v3" {
            return .subscription(account: s[4])
        }
        guard s[2] == "v3" else { return nil }
        var rest = Array(s.dropFirst(3))
        if rest.first == "firmware", rest.count > 1, rest[1] == "licenses" { rest.removeFirst() }
        switch (method, rest.count) {
        case (.get, 2) where rest[0] == "licenses":
            return .summaryV3(account: rest[1], index: nil)
        case (.get, 4) where rest[0] == "licenses" && rest[2] == "index":
            return .summaryV3(account: rest[1], index: rest[3])
        case (.post, 3) where rest[0] == "licenses" && rest[2] == "assign":
            return .batchV3(.assign, account: rest[1])
        case (.post, 3) where rest[0] == "licenses" && rest[2] == "remove":
            return .batchV3(.remove, account: rest[1])
        case (.get, 2) where rest[0] == "devices":
            return .deviceListV3(account: rest[1])
        case (.post, 2) where rest[0] == "devices":
            return .deviceQueryV3(account: rest[1])
        default:
            return .unknown
        }
    }

    func respondV3(_ route: Route, _ request: Request, _ context: Context) async -> Response? {
        switch route {
        case .subscription(let account):
            await state.count(.summary)
            return await fota(request, context, account: account, isBatch: false) { await subscription(account: account) }
        case .summaryV3(let account, let index):
            await state.count(.summary)
            let cursor = index.map(String.init) ?? request.uri.queryParameters["lastSeenDeviceId"].map(String.init)
            return await fota(request, context, account: account, isBatch: false) {
                await summaryV3(account: account, cursor: cursor)
            }
        case .deviceListV3(let account):
            await state.count(.deviceList)
            let cursor = request.uri.queryParameters["lastSeenDeviceId"].map(String.init)
            let proto = request.uri.queryParameters["protocol"].map(String.init)
            return await fota(request, context, account: account, isBatch: false) {
                await deviceListV3(account: account, cursor: cursor, protocol: proto)
            }
        case .deviceQueryV3(let account):
            await state.count(.deviceList)
            return await fota(request, context, account: account, isBatch: false) {
                await deviceQueryV3(request, account: account)
            }
        case .batchV3(let operation, let account):
            await state.count(operation == .assign ? .assign : .remove)
            return await fota(request, context, account: account, isBatch: true) {
                await batch(operation, request, account: account, version: .v3)
            }
        default:
            return nil
        }
    }

    /// `0`, nothing or an empty value start at the beginning; else an IMEI of the account.
    private enum Cursor { case at(UInt64), refused(Response) }

    private func cursorV3(_ text: String?) -> Cursor {
        guard let text, !text.isEmpty else { return .at(0) }
        switch state.parseCursor(Substring(text)) {
        case .success(let value): return .at(value)
        case .failure(.malformed): return .refused(WireResponses.invalidParameter("Invalid device id format"))
        case .failure(.unknown): return .refused(WireResponses.invalidParameter("LastSeenDeviceId Not Valid"))
        }
    }

    private func subscription(account: Substring) async -> Response {
        let counts = await state.licenseCounts()
        let configuration = state.configuration
        return WireResponses.json(.ok, .object([
            ("accountName", .string(String(account))),
            ("purchaseType", .string(configuration.billing.purchaseType)),
            ("licenseCount", .int(counts.total)),
            ("licenseUsedCount", .int(counts.used)),
            ("updateTime", .string(Timestamp.iso(Timestamp.anchorMs))),
        ]))
    }

    private func summaryV3(account: Substring, cursor text: String?) async -> Response {
        let cursor: UInt64
        switch cursorV3(text) {
        case .at(let value): cursor = value
        case .refused(let response): return response
        }
        let page = await state.licensePage(after: cursor)
        let catalog = state.catalog
        let style = state.configuration.timestamps
        let devices: [JSONValue] = page.devices.map { device in
            .object([
                ("deviceId", .string(IMEICheck.string(device.imei))),
                ("assignmentTime", .string(catalog.formatAssignment(device.assignedMs, imei: device.imei, style: style))),
            ])
        }
        var fields: [(String, JSONValue)] = [
            ("accountName", .string(String(account))),
            ("totalLicenses", .int(page.totalLicenses)),
            ("assignedLicenses", .int(page.assignedLicenses)),
            ("hasMoreData", .bool(page.hasMoreData)),
        ]
        if page.hasMoreData { fields.append(("lastSeenDeviceId", .string(IMEICheck.string(page.lastSeen)))) }
        fields += [("maxPageSize", .int(state.configuration.pageSize)), ("deviceList", .array(devices))]
        return WireResponses.json(.ok, .object(fields))
    }

    /// A v3 device: v1's fields plus `status`, `protocol` and `softwareList`.
    private func deviceV3(_ imei: UInt64, licensed: Bool, eligible: Bool) -> JSONValue {
        let catalog = state.catalog
        let model = catalog.model(of: imei)
        let firmware = catalog.firmware(of: imei)
        let upgrade = catalog.upgradeTime(of: imei, style: state.configuration.timestamps)
        return .object([
            ("deviceId", .string(IMEICheck.string(imei))),
            ("mdn", .string(catalog.mdn(of: imei))),
            ("model", .string(model.model)),
            ("make", .string(model.make)),
            ("firmware", .string(firmware)),
            ("fotaEligible", .bool(eligible)),
            ("status", .string(eligible ? "Active" : "Not Eligible")),
            ("licenseAssigned", .bool(licensed)),
            ("protocol", .string(catalog.deviceProtocol(of: imei))),
            ("softwareList", .array([.object([
                ("name", .string(firmware)), ("version", .string(firmware)), ("upgradeTime", .string(upgrade)),
            ])])),
            ("upgradeTime", .string(upgrade)),
        ])
    }

    private func deviceListV3(account: Substring, cursor text: String?, protocol proto: String?) async -> Response {
        var cursor: UInt64
        switch cursorV3(text) {
        case .at(let value): cursor = value
        case .refused(let response): return response
        }
        if let proto, !["LWM2M", "OMADM", "HTTP"].contains(proto) {
            return WireResponses.invalidParameter("Invalid protocol: \(proto)")
        }
        let catalog = state.catalog
        let limit = state.configuration.pageSize
        var devices: [JSONValue] = []
        var hasMore = false
        var last: UInt64 = 0
        // A protocol filter skips devices of other protocols; pages still hold at most `pageSize`.
        while devices.count < limit {
            let page = await state.devicePage(after: cursor)
            for device in page.devices {
                if devices.count == limit { hasMore = true; break }
                last = device.imei
                if let proto, catalog.deviceProtocol(of: device.imei) != proto { continue }
                devices.append(deviceV3(device.imei, licensed: device.licensed, eligible: page.isEligible(device.imei, catalog)))
            }
            if devices.count == limit { hasMore = hasMore || page.hasMoreData || last != page.lastSeen; break }
            guard page.hasMoreData else { break }
            cursor = page.lastSeen
        }
        var fields: [(String, JSONValue)] = [("accountName", .string(String(account))), ("hasMoreData", .bool(hasMore))]
        if hasMore { fields.append(("lastSeenDeviceId", .string(IMEICheck.string(last)))) }
        fields += [("maxPageSize", .int(limit)), ("deviceList", .array(devices))]
        return WireResponses.json(.ok, .object(fields))
    }

    private func deviceQueryV3(_ request: Request, account: Substring) async -> Response {
        struct Body: Decodable { var deviceList: [String]? }
        guard let data = await Self.bodyData(request), let body = try? JSONDecoder().decode(Body.self, from: data),
              let ids = body.deviceList, !ids.isEmpty else {
            return WireResponses.invalidParameter("Device list is empty")
        }
        let licensed = await state.licensedDeviceIds()
        let failing = await state.failingDeviceIds()
        let catalog = state.catalog
        var devices: [JSONValue] = []
        for id in ids {
            guard let imei = UInt64(id), catalog.position(of: imei) != nil else { continue }
            let eligible = catalog.isFotaEligible(imei) && !failing.contains(id)
            devices.append(deviceV3(imei, licensed: licensed.contains(id), eligible: eligible))
        }
        return WireResponses.json(.ok, .object([
            ("accountName", .string(String(account))), ("deviceCount", .int(devices.count)), ("deviceList", .array(devices)),
        ]))
    }
}

/// The subscription's purchase type, which decides whether licences matter at all.
public enum SimulatorBilling: String, Sendable, Equatable, CaseIterable {
    /// `TS-HFOTA-MRC`: monthly licences (the default).
    case monthly
    /// `TS-HFOTA-EVNT`: event-based, no licences needed.
    case event

    var purchaseType: String { self == .monthly ? "TS-HFOTA-MRC" : "TS-HFOTA-EVNT" }
}

/// How the simulator writes timestamps: RFC 3339 only (what Verizon's SDKs parse), or the mix of
/// documented forms (`2023-12-24 10:48:05.032 +0000 UTC`, `MM/DD/YYYY H:m:s`) that clients must
/// tolerate. The never-upgraded `01/01/1900 0:0:0` of device lists is kept in both.
public enum TimestampStyle: String, Sendable, Equatable, CaseIterable {
    case rfc3339
    case mixed
}
