import Drawing
import Foundation
import LicenseConsole
import ThingSpaceAPI

/// Deterministic devices and console states, built once per process (outside every measurement).
enum Fixtures {
    static let makes: [(String, String, String)] = [
        ("SIERRA WIRELESS", "HL7800", "HL7800.5.4.4.0"), ("TELIT", "LE910C4-NF", "25.30.226"),
        ("QUECTEL", "BG96", "BG96MAR04A02M1G"), ("SEQUANS COMMUNICATIONS", "GM01Q", "SR1.2.1.0-11012"),
        ("u-blox", "SARA-R410M", "L0.0.00.00.05.12"),
    ]

    /// Device `n` of an account as the API lists it: ascending IMEIs (Luhn-valid), distinct
    /// 10-digit MDNs in no particular order (a multiplicative scramble modulo a prime), five models.
    static func device(_ n: Int) -> DeviceInfo {
        let (make, model, firmware) = makes[(n * 7) % makes.count]
        let body = "3520990" + String(1_000_000 + n).suffix(7)
        let imei = IMEI.completing(body: String(body))!.value
        let mdn = String(2_012_000_000 + UInt64(n) &* 2_654_435_761 % 7_987_999_993)
        return DeviceInfo(deviceId: imei, mdn: mdn, make: make, model: model, firmware: firmware,
                          fotaEligible: n % 20 != 0, licenseAssigned: n % 3 == 0,
                          upgradeTime: n % 5 == 0 ? "2024-03-11T16:03:42.000Z" : "01/01/1900 0:0:0")
    }

    static let context = ConsoleContext(account: "0242078689-00001", host: "127.0.0.1:8080", apiVersion: "v1",
                                        timeZone: TimeZone(identifier: "UTC")!)

    /// A console at `width` x `height` that has read the counts and `count` devices in pages of 1,000.
    static func state(devices count: Int, width: Int = 200, height: Int = 50) -> ConsoleState {
        var s = ConsoleState(context: context, now: Date(timeIntervalSince1970: 1_764_000_000))
        _ = update(&s, .resize(width: width, height: height))
        _ = update(&s, .start)
        _ = update(&s, .countsLoaded(LicenseCounts(total: count, used: count / 3), at: s.now))
        var n = 0
        while n < count {
            let page = (n..<min(count, n + 1000)).map(device)
            n += page.count
            _ = update(&s, .devicePageLoaded(devices: page, loadedSoFar: n, done: n == count, generation: s.load.generation))
        }
        return s
    }

    static let million = state(devices: 1_000_000)

    /// The million-device console with the filter input open (`/`).
    static let millionFiltering: ConsoleState = {
        var s = million
        _ = update(&s, .key(.char("/")))
        return s
    }()

    /// The same after the first keystroke of the query (`q`: every QUECTEL, a fifth of the list).
    static let millionFilteredOnce: ConsoleState = {
        var s = millionFiltering
        _ = update(&s, .key(.char("q")))
        return s
    }()

    /// `state` after `>` was pressed until the table is sorted by `column` (ascending).
    static func sorted(_ state: ConsoleState, by column: TableColumnKind) -> ConsoleState {
        var s = state
        for _ in 0..<TableColumnKind.allCases.count + 1 where s.picker.sort.column != column {
            _ = update(&s, .key(.char(">")))
        }
        precondition(s.picker.sort.column == column && !s.picker.sort.descending, "could not sort by \(column)")
        return s
    }

    static let millionByIMEI = sorted(million, by: .imei)
    static let millionByMDN = sorted(millionByIMEI, by: .mdn)
    static let millionByMake = sorted(millionByMDN, by: .make)

    /// A v1 device-list page of `count` devices, as the gateway sends it.
    static func devicePageJSON(count: Int) -> Data {
        var text = #"{"accountName":"0242078689-00001","hasMoreData":true,"lastSeenDeviceId":"#
        text += device(count - 1).deviceId + #","deviceList":["#
        for n in 0..<count {
            let d = device(n)
            if n > 0 { text += "," }
            text += #"{"deviceId":"\#(d.deviceId)","mdn":"\#(d.mdn)","model":"\#(d.model)","make":"\#(d.make)","#
            text += #""firmware":"\#(d.firmware)","fotaEligible":\#(d.fotaEligible),"licenseAssigned":\#(d.licenseAssigned),"#
            text += #""upgradeTime":"\#(d.upgradeTime ?? "")"}"#
        }
        return Data((text + "]}").utf8)
    }
}
