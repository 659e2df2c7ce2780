import Foundation
import Settings
import Testing

@Suite struct SettingsReportTests {
    let report = SettingsReport(profile: nil, configFile: "/home/u/.config/tslicense/config.toml", configFound: false,
                                settings: [.init(key: "account", value: "0242078689-00001", origin: "THINGSPACE_ACCOUNT"),
                                           .init(key: "app_secret", value: "••••••", origin: "profile \"prod\"")],
                                warnings: ["w1"])

    @Test func tableAndCSV() {
        #expect(report.lines(.table) == [
            "KEY         VALUE             FROM",
            "account     0242078689-00001  THINGSPACE_ACCOUNT",
            "app_secret  ••••••            profile \"prod\"",
        ])
        #expect(report.lines(.csv) == ["key,value,origin", "account,0242078689-00001,THINGSPACE_ACCOUNT",
                                       "app_secret,••••••,\"profile \"\"prod\"\"\""])
    }

    @Test func jsonKeepsANullProfile() throws {
        let text = try #require(report.lines(.json).first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["profile"] is NSNull)
        #expect(object["configFound"] as? Bool == false)
        #expect(object["warnings"] as? [String] == ["w1"])
        let settings = try #require(object["settings"] as? [[String: String]])
        #expect(settings == [["key": "account", "value": "0242078689-00001", "origin": "THINGSPACE_ACCOUNT"],
                             ["key": "app_secret", "value": "••••••", "origin": "profile \"prod\""]])
    }
}
