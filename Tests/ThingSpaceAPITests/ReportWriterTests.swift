import Foundation
import Testing
import ThingSpaceAPI

@Suite struct StatusReportTests {
    let counts = LicenseCounts(total: 100, used: 20)
    let devices = [LicensedDevice(deviceId: "352099004971483", assignmentTime: "2023-11-04T00:32:10.655Z"),
                   LicensedDevice(deviceId: "990011457795234", assignmentTime: nil)]

    func report(_ devices: [LicensedDevice]? = nil) -> StatusReport {
        StatusReport(account: "0242078689-00001", host: "127.0.0.1:8080", counts: counts, billing: .monthly, devices: devices)
    }

    @Test func table() {
        let head = ["account  0242078689-00001", "host     127.0.0.1:8080", "billing  monthly licences", "total    100", "used     20 (20.0%)", "free     80"]
        #expect(report().lines(.table) == head)
        #expect(report([]).lines(.table) == head + ["", "no licensed devices"])
        #expect(report(devices).lines(.table) == head + [
            "",
            "DEVICE ID        ASSIGNED",
            "352099004971483  2023-11-04T00:32:10.655Z",
            "990011457795234  -",
        ])
    }

    @Test func csv() {
        #expect(report().lines(.csv) == ["account,billing,total,used,free", "0242078689-00001,monthly,100,20,80"])
        #expect(report(devices).lines(.csv) == [
            "account,billing,total,used,free,deviceId,assignmentTime",
            "0242078689-00001,monthly,100,20,80,352099004971483,2023-11-04T00:32:10.655Z",
            "0242078689-00001,monthly,100,20,80,990011457795234,",
        ])
    }

    @Test func json() throws {
        #expect(report().lines(.json) == ["{\n  \"account\" : \"0242078689-00001\",\n  \"billing\" : \"monthly\",\n  \"free\" : 80,\n  \"total\" : 100,\n  \"used\" : 20\n}"])
        let text = try #require(report(devices).lines(.json).first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let listed = try #require(object["devices"] as? [[String: Any]])
        #expect(listed.map { $0["deviceId"] as? String } == ["352099004971483", "990011457795234"])
        #expect(listed[1].keys.contains("assignmentTime"), "a missing time is null, never left out")
        #expect(listed[1]["assignmentTime"] is NSNull)
    }
}

@Suite struct DeviceListWriterTests {
    let licensed = DeviceInfo(deviceId: "352099004971483", mdn: "5551230001", make: "SIERRA WIRELESS", model: "HL7800",
                              firmware: "HL7800.4.6.9.4", fotaEligible: true, licenseAssigned: true, upgradeTime: "2024-01-01")
    let unlicensed = DeviceInfo(deviceId: "351743110473360", mdn: "3039887280", make: "Acme", model: "T1", firmware: "1.0",
                                fotaEligible: false, licenseAssigned: false, upgradeTime: nil)

    /// Everything a writer prints for `pages`.
    func output(_ format: ReportFormat, _ filter: DeviceListWriter.Filter = .all, _ pages: [[DeviceInfo]]) -> String {
        var writer = DeviceListWriter(format: format, filter: filter)
        var text = writer.opening
        for page in pages { text += writer.write(page) }
        return text + writer.closing
    }

    @Test func tableWithHeaderOnceAndACountLine() {
        #expect(output(.table, .all, [[licensed], [unlicensed]]) == """
            DEVICE ID        MDN           MAKE            MODEL               FIRMWARE                LICENCE
            352099004971483  5551230001    SIERRA WIRELE…  HL7800              HL7800.4.6.9.4          yes
            351743110473360  3039887280    Acme            T1                  1.0                     no
            2 of 2 devices

            """)
        #expect(output(.table, .unlicensed, [[licensed]]) == "no devices\n0 unlicensed of 1 devices\n")
        #expect(output(.table, .licensed, [[licensed, unlicensed], [unlicensed]]).hasSuffix("\n1 licensed of 3 devices\n"))
    }

    @Test func csvHasAHeaderAndEmptyForNoUpgradeTime() {
        #expect(output(.csv, .all, [[licensed, unlicensed]]) == """
            deviceId,mdn,make,model,firmware,fotaEligible,licenseAssigned,upgradeTime
            352099004971483,5551230001,SIERRA WIRELESS,HL7800,HL7800.4.6.9.4,true,true,2024-01-01
            351743110473360,3039887280,Acme,T1,1.0,false,false,

            """)
        #expect(output(.csv, .licensed, [[unlicensed]]) == "deviceId,mdn,make,model,firmware,fotaEligible,licenseAssigned,upgradeTime\n")
    }

    @Test func jsonIsOneDeviceALineAndAlwaysAValidArray() throws {
        let text = output(.json, .unlicensed, [[licensed, unlicensed]])
        #expect(text == """
            [
              {"deviceId":"351743110473360","firmware":"1.0","fotaEligible":false,"licenseAssigned":false,"make":"Acme","mdn":"3039887280","model":"T1","upgradeTime":null}
            ]

            """)
        #expect(output(.json, .all, []) == "[]\n")
        var writer = DeviceListWriter(format: .json)
        let cut = writer.opening + writer.write([licensed]) + writer.closingAfterError
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(cut.utf8)) as? [[String: Any]])
        #expect(parsed.count == 1)
        #expect(try JSONSerialization.jsonObject(with: Data((writer.opening + writer.closingAfterError).utf8)) is [Any])
    }

    @Test func countsWhatItReadAndWhatItListed() {
        var writer = DeviceListWriter(format: .csv, filter: .licensed)
        _ = writer.write([licensed, unlicensed, unlicensed])
        _ = writer.write([licensed])
        #expect(writer.seen == 4)
        #expect(writer.shown == 2)
    }
}
