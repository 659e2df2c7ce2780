import Drawing
import Foundation
@testable import LicenseConsole
import ThingSpaceAPI

/// States the snapshot tests draw; each is built through `update` only.
enum Scenes {
    /// 120 devices, devices 0, 1 and 3 selected, the cursor on row 5.
    static func picker(_ w: Int, _ h: Int) -> ConsoleState {
        var s = Fixture.state(devices: Fixture.devices(120), width: w, height: h)
        Fixture.keys(&s, .char(" "), .char(" "), .down, .char(" "))
        return s
    }

    /// `telit` kept as a filter, unlicensed only, one selected, still loading.
    static func filtered(_ w: Int, _ h: Int) -> ConsoleState {
        var s = Fixture.state(devices: Fixture.devices(120), counts: LicenseCounts(total: 9000, used: 7400), width: w, height: h, done: false)
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "telit")
        Fixture.keys(&s, .enter, .char("l"), .down, .char(" "))
        return s
    }

    /// 1,500 devices all selected (1,000 need a licence), only 400 free: assign asks what to send.
    static func confirmAssignExcess(_ w: Int, _ h: Int) -> ConsoleState {
        var s = Fixture.state(devices: Fixture.devices(1500), counts: LicenseCounts(total: 9000, used: 8600), width: w, height: h)
        Fixture.keys(&s, .char("v"), .char("a"))
        return s
    }

    /// 1,500 devices (every tenth with an upgrade scheduled) all selected: remove, number half typed.
    static func confirmRemoveTyping(_ w: Int, _ h: Int) -> ConsoleState {
        let devices = (0..<1500).map { Fixture.device($0, licensed: $0 % 3 == 0, upgrade: $0 % 10 == 0) }
        var s = Fixture.state(devices: devices, counts: LicenseCounts(total: 9000, used: 8600), width: w, height: h)
        Fixture.keys(&s, .char("v"), .char("x"))
        Fixture.type(&s, "15")
        return s
    }

    /// The outcome the fake server gives device `n` on assign.
    static func assignResult(_ n: Int) -> DeviceResult {
        if n % 3 == 0 {
            return DeviceResult(deviceId: Fixture.imei(n), status: "Failed", reason: "License preexists for device", outcome: .alreadyLicensed)
        }
        if n % 7 == 5 {
            return DeviceResult(deviceId: Fixture.imei(n), status: "Failed", reason: "Device is not FOTA eligible", outcome: .failed)
        }
        return DeviceResult(deviceId: Fixture.imei(n), status: "LicenseAssignSuccess", reason: "", outcome: .success)
    }

    /// The first 30 devices selected and assigned; batch 1 of 3 answered, 4 s in.
    static func midRun(_ w: Int, _ h: Int, devices: [DeviceInfo] = Fixture.devices(120)) -> ConsoleState {
        var s = Fixture.state(devices: devices, width: w, height: h)
        for _ in 0..<30 { Fixture.keys(&s, .char(" ")) }
        Fixture.keys(&s, .home, .char("a"), .char("y"))
        let tag = s.run!.tag
        let ids = (0..<30).map(Fixture.imei)
        let plan = RunPlan(runId: "run-1", operation: .assign, account: Fixture.context.account, deviceIds: ids, batchSize: 10,
                           batchCount: 3, skipped: [], warnings: [])
        _ = update(&s, .runEvent(.started(plan), runTag: tag))
        _ = update(&s, .runEvent(.batchSent(batch: 1, deviceIds: Array(ids[0..<10]), attempt: 1), runTag: tag))
        _ = update(&s, .runEvent(.batchSent(batch: 2, deviceIds: Array(ids[10..<20]), attempt: 1), runTag: tag))
        for n in 0..<10 { _ = update(&s, .runEvent(.batchResults([assignResult(n)], batch: 1), runTag: tag)) }
        _ = update(&s, .runEvent(.counts(LicenseCounts(total: 9000, used: 1005)), runTag: tag))
        _ = update(&s, .tick(now: Fixture.t0.addingTimeInterval(4)))
        return s
    }

    /// `midRun` finished after 9 s.
    static func finishedRun(_ w: Int, _ h: Int, devices: [DeviceInfo] = Fixture.devices(120)) -> ConsoleState {
        var s = midRun(w, h, devices: devices)
        let tag = s.run!.tag
        for n in 10..<30 { _ = update(&s, .runEvent(.batchResults([assignResult(n)], batch: n / 10 + 1), runTag: tag)) }
        _ = update(&s, .tick(now: Fixture.t0.addingTimeInterval(9)))
        let results = (0..<30).map(assignResult)
        let summary = RunSummary(runId: "run-1", operation: .assign, account: Fixture.context.account, results: results, unsent: [],
                                 elapsedMs: 9000, counts: LicenseCounts(total: 9000, used: 1017), stopped: false, fatalError: nil)
        _ = update(&s, .runEvent(.finished(summary), runTag: tag))
        return s
    }

    /// Devices as the demo has them: long makes, models and firmware, some not FOTA eligible.
    static let demoLike: [DeviceInfo] = (0..<120).map { n in
        let kinds = [("Sierra Wireless", "AirLink RV50X", "SWI9X15C_07.11.22.00"), ("Telit", "LE910C4-NF", "25.30.226"),
                     ("Quectel", "BG96", "BG96MAR04A02M1G"), ("Sequans", "Monarch 2 GM02S", "LR8.2.1.0-61488"), ("u-blox", "SARA-R410M-02B", "L0.0.00.00.05.12")]
        let (make, model, firmware) = kinds[n % kinds.count]
        return DeviceInfo(deviceId: Fixture.imei(n), mdn: "555" + String(format: "%07d", n), make: make, model: model, firmware: firmware,
                          fotaEligible: n % 7 != 5, licenseAssigned: n % 3 == 0)
    }

    /// `finishedRun` on `demoLike`, sorted by firmware: the columns widen with the width and cut with `…`.
    static func columns(_ w: Int, _ h: Int) -> ConsoleState {
        var s = finishedRun(w, h, devices: demoLike)
        s.applySort(TableSort(column: .firmware))
        Fixture.keys(&s, .home)
        return s
    }

    static func help(_ w: Int, _ h: Int) -> ConsoleState {
        var s = picker(w, h)
        Fixture.keys(&s, .char("?"))
        return s
    }

    /// The first page arrived, then the gateway refused the token.
    static func loadError(_ w: Int, _ h: Int) -> ConsoleState {
        var s = Fixture.state(devices: Fixture.devices(20), width: w, height: h, done: false)
        _ = update(&s, .loadFailed(.gateway(status: 401, code: "900901", message: "Invalid Credentials",
                                            detail: "Access failure for API: /api/fota/v1, make sure your token is valid"),
                                   generation: s.load.generation))
        return s
    }
}
