import Drawing
import Foundation
@testable import LicenseConsole
import ThingSpaceAPI

/// Deterministic accounts, devices and states for the tests.
enum Fixture {
    static let utc = TimeZone(identifier: "UTC")!
    static let context = ConsoleContext(account: "0242078689-00001", host: "thingspace.verizon.com", apiVersion: "v1", timeZone: utc)
    static let readonlyContext = ConsoleContext(account: "0242078689-00001", host: "thingspace.verizon.com", apiVersion: "v1",
                                                readonly: true, timeZone: utc)
    /// 2025-11-24 16:00:00 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_764_000_000)

    static let makes: [(String, String)] = [
        ("Sierra Wireless", "RV50X"), ("Telit", "LE910C4"), ("Quectel", "BG96"), ("Sequans", "Monarch 2"), ("u-blox", "SARA-R410M"),
    ]

    /// A Luhn-valid IMEI for device number `n`.
    static func imei(_ n: Int) -> String {
        let body = "35345609" + String(format: "%06d", n % 1_000_000)
        return IMEI.completing(body: body)!.value
    }

    static func device(_ n: Int, licensed: Bool, upgrade: Bool = false) -> DeviceInfo {
        let (make, model) = makes[n % makes.count]
        return DeviceInfo(deviceId: imei(n), mdn: "555" + String(format: "%07d", n), make: make, model: model,
                          firmware: "FW-2.\(n % 4).\(n % 7)", fotaEligible: true, licenseAssigned: licensed,
                          upgradeTime: upgrade ? "2025-12-01T00:00:00Z" : nil)
    }

    /// Devices 0..<count; every third one licensed.
    static func devices(_ count: Int, from start: Int = 0, licensed: (Int) -> Bool = { $0 % 3 == 0 }) -> [DeviceInfo] {
        (start..<(start + count)).map { device($0, licensed: licensed($0)) }
    }

    /// A console that has started, read counts and loaded `devices` in one page.
    static func state(devices: [DeviceInfo] = devices(50), counts: LicenseCounts? = LicenseCounts(total: 9000, used: 1000),
                      context: ConsoleContext = context, width: Int = 80, height: Int = 24, done: Bool = true) -> ConsoleState {
        var s = ConsoleState(context: context, now: t0)
        _ = update(&s, .resize(width: width, height: height))
        _ = update(&s, .tick(now: t0))
        _ = update(&s, .start)
        if let counts { _ = update(&s, .countsLoaded(counts, at: t0)) }
        _ = update(&s, .devicePageLoaded(devices: devices, loadedSoFar: devices.count, done: done, generation: s.load.generation))
        return s
    }

    @discardableResult
    static func keys(_ s: inout ConsoleState, _ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for k in keys { effects += update(&s, .key(k)) }
        return effects
    }

    @discardableResult
    static func type(_ s: inout ConsoleState, _ text: String) -> [Effect] {
        var effects: [Effect] = []
        for c in text { effects += update(&s, .key(.char(c))) }
        return effects
    }
}
