import Foundation
import NIOCore
import Testing
@testable import ThingSpaceSimulator

@Suite("Device pages written straight to bytes")
struct DevicePageJSONTests {
    /// The page as the simulator wrote it before: a `JSONValue` tree, serialised, the invalid-UTF-8
    /// marker swapped for its bytes.
    static func reference(_ catalog: DeviceCatalog, account: String, _ page: LicenseLedger.DevicePage,
                          style: TimestampStyle) -> [UInt8] {
        let devices: [JSONValue] = page.devices.map { device in
            let model = catalog.model(of: device.imei)
            return .object([
                ("deviceId", .string(IMEICheck.string(device.imei))),
                ("mdn", .string(catalog.mdn(of: device.imei))),
                ("model", .string(model.model)),
                ("make", .string(model.make)),
                ("firmware", .string(catalog.firmware(of: device.imei))),
                ("fotaEligible", .bool(catalog.isFotaEligible(device.imei) && !page.failing.contains(device.imei))),
                ("licenseAssigned", .bool(device.licensed)),
                ("upgradeTime", .string(catalog.upgradeTime(of: device.imei, style: style))),
            ])
        }
        let value = JSONValue.object([
            ("accountName", .string(account)),
            ("hasMoreData", .bool(page.hasMoreData)),
            ("lastSeenDeviceId", .int(Int64(page.lastSeen))),
            ("deviceList", .array(devices)),
        ])
        return Array(WireResponses.bytes(value.serialized).readableBytesView)
    }

    @Test("every page, hostile devices and both timestamp styles included, has the bytes of the JSONValue writer",
          arguments: TimestampStyle.allCases)
    func sameBytes(style: TimestampStyle) {
        let catalog = DeviceCatalog(count: 2_500, seed: 7, content: .all)
        let ledger = LicenseLedger(catalog: catalog, licenses: 3_000, pageSize: 1000, licensed: stride(from: 0, to: 2_500, by: 3))
        let writer = DevicePageJSON(catalog: catalog, style: style)
        var cursor: UInt64 = 0
        var pages = 0
        var devices = 0
        while true {
            var page = ledger.devicePage(after: cursor)
            // Some devices always fail: they are listed as not eligible.
            for device in page.devices where device.imei % 11 == 0 { page.failing.insert(device.imei) }
            let fast = Array(writer.page(account: "0242078689-00001", page).readableBytesView)
            let slow = Self.reference(catalog, account: "0242078689-00001", page, style: style)
            #expect(fast == slow, "page \(pages + 1)")
            pages += 1
            devices += page.devices.count
            guard page.hasMoreData else { break }
            cursor = page.lastSeen
        }
        #expect(pages == 3)
        #expect(devices == 2_500)
    }

    @Test("a page is valid JSON but for the invalid-UTF-8 device, and carries the invalid bytes")
    func invalidBytesKept() throws {
        let catalog = DeviceCatalog(count: 10, seed: 3, content: DeviceContentFaults(invalidUTF8: true))
        let ledger = LicenseLedger(catalog: catalog, licenses: 10, pageSize: 1000, licensed: [])
        let bytes = Array(DevicePageJSON(catalog: catalog, style: .rfc3339).page(account: "0242078689-00001",
                                                                                 ledger.devicePage(after: 0)).readableBytesView)
        #expect(bytes.firstRange(of: DeviceContentFaults.invalidBytes) != nil)
        let repaired = Data(String(decoding: bytes, as: UTF8.self).utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: repaired) as? [String: Any])
        #expect((json["deviceList"] as? [Any])?.count == 10)
    }
}
