import Foundation
import Testing
@testable import ThingSpaceAPI

/// The one-pass device-list reader gives what `JSONDecoder` gives for every well-formed page,
/// and leaves every other page to it.
@Suite struct DeviceListScannerTests {
    /// What the page decoded before: `JSONDecoder` into the v1 wire model, mapped as the dialect does.
    static func decodedBefore(_ text: String) -> DeviceListPage? {
        guard let v = try? JSONDecoder().decode(V1.DeviceListPage.self, from: LenientUTF8.repaired(Data(text.utf8))) else { return nil }
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

    static let wellFormed: [String] = [
        #"{"accountName":"0242078689-00001","hasMoreData":true,"lastSeenDeviceId":352099001761481,"deviceList":[{"deviceId":"352099001761481","mdn":"2015550100","model":"BG96","make":"QUECTEL","firmware":"BG96MAR04A02M1G","fotaEligible":true,"licenseAssigned":false,"upgradeTime":"01/01/1900 0:0:0"}]}"#,
        #" { "deviceList" : [ ] , "hasMoreData" : false , "lastSeenDeviceId" : 0 , "accountName" : "a" } "#,
        #"{"accountName":"a","hasMoreData":true,"lastSeenDeviceId":"000352099001761481","deviceList":[{"deviceId":"1","licenseAssigned":true}]}"#,
        #"{"accountName":"a","hasMoreData":false,"lastSeenDeviceId":null,"deviceList":[{"deviceId":"1","mdn":null,"make":null,"model":null,"firmware":null,"fotaEligible":null,"licenseAssigned":false,"upgradeTime":null}]}"#,
        #"{"accountName":"a","hasMoreData":false,"deviceList":[],"extra":{"nested":[1,2.5e3,-3,true,false,null,"x\"y"]},"more":[]}"#,
        #"{"accountName":"\u0061\/b","hasMoreData":false,"deviceList":[{"deviceId":"9","licenseAssigned":true,"make":"\"q\" \\ \b\f\n\r\t \u00e9 \u202E \ud83d\udce1 é 华为 📡 e\u0301","dev\u0069ceId2":"x"}]}"#,
        "{\"accountName\":\"a\",\"hasMoreData\":false,\"deviceList\":[{\"deviceId\":\"9\",\"licenseAssigned\":true,\"model\":\"BG96\u{FFFD}X\"}]}",
        // Keys are matched as bytes; an escaped key is decoded first, as JSONDecoder does.
        #"{"account\u004eame":"a","has\u004doreData":false,"deviceList":[{"device\u0049d":"9","licenseAssigned":true,"\u006dake":"T"}]}"#,
        #"{"accountName":"a","hasMoreData":false,"deviceList":[{"deviceI":"1","deviceIdx":"2","deviceId":"9","mdn2":"x","licenseAssigned":true}]}"#,
    ]

    @Test("well-formed pages: the same page as JSONDecoder's", arguments: wellFormed)
    func sameAsDecoder(text: String) throws {
        let before = try #require(Self.decodedBefore(text), "the case is well-formed")
        #expect(DeviceListScanner.page(Data(text.utf8)) == before)
    }

    static let leftToDecoder: [String] = [
        #"{"accountName":"a","hasMoreData":"yes","deviceList":[]}"#,
        #"{"accountName":"a","deviceList":[]}"#,
        #"{"accountName":"a","hasMoreData":false,"deviceList":[{"licenseAssigned":true}]}"#,
        #"{"accountName":"a","hasMoreData":false,"deviceList":[{"deviceId":5,"licenseAssigned":true}]}"#,
        #"{"accountName":"a","hasMoreData":true,"lastSeenDeviceId":-5,"deviceList":[]}"#,
        #"{"accountName":"a","hasMoreData":true,"lastSeenDeviceId":1.5,"deviceList":[]}"#,
        #"{"accountName":"a","hasMoreData":true,"lastSeenDeviceId":"12a","deviceList":[]}"#,
        #"{"accountName":"a","accountName":"b","hasMoreData":true,"deviceList":[]}"#,
        #"{"accountName":"a","hasMoreData":false,"deviceList":[{"deviceId":"\ud800","licenseAssigned":true}]}"#,
        #"{"accountName":"a","hasMoreData":false,"deviceList":[{"deviceId":"\q","licenseAssigned":true}]}"#,
        #"{"accountName":"a","hasMoreData":false,"deviceList":[]} x"#,
        #"{"accountName":"a","hasMoreData":false,"deviceList":[}"#,
        "{\"accountName\":\"a\u{01}\",\"hasMoreData\":false,\"deviceList\":[]}",
        "",
        // The same key twice, once escaped; a raw control character in a key.
        #"{"accountName":"a","hasMoreData":false,"deviceList":[{"deviceId":"1","device\u0049d":"2","licenseAssigned":true}]}"#,
        "{\"accountName\":\"a\",\"hasMoreData\":false,\"deviceList\":[{\"deviceId\":\"1\",\"licenseAssigned\":true,\"key\u{01}\":2}]}",
    ]

    @Test("anything else is left to JSONDecoder (and its errors)", arguments: leftToDecoder)
    func leftAlone(text: String) {
        #expect(DeviceListScanner.page(Data(text.utf8)) == nil)
    }

    @Test("the dialect still names the field when a page is wrong")
    func errorsUnchanged() {
        #expect(throws: ThingSpaceError.decoding(what: "the device list", detail: "field \"hasMoreData\" is not a boolean")) {
            _ = try V1Dialect().decodeDeviceList(Data(#"{"accountName":"a","hasMoreData":"yes","deviceList":[]}"#.utf8))
        }
    }
}
