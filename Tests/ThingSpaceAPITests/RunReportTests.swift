import Foundation
import Testing
import ThingSpaceAPI

@Suite struct RunReportTests {
    func summary(_ operation: LicenseOperation, unsent: [String] = [], stopped: Bool = false,
                 counts: LicenseCounts? = nil) -> RunSummary {
        RunSummary(runId: "r1", operation: operation, account: "0242078689-00001", results: [
            DeviceResult(deviceId: "352099001761481", status: "LicenseAssignSuccess", reason: "Success", outcome: .success),
            DeviceResult(deviceId: "356938035643809", status: "Preexisting", reason: "already", outcome: .alreadyLicensed),
            DeviceResult(deviceId: "990008629123451", status: "LicenseAssignFailed", reason: "Device Not Found", outcome: .failed),
            DeviceResult(deviceId: "", status: "Invalid", reason: "argument 4: empty", outcome: .skipped),
        ], unsent: unsent, elapsedMs: 1250, counts: counts, stopped: stopped, fatalError: nil)
    }

    @Test func rowsInFixedColumns() {
        #expect(RunReport.header == "DEVICE ID        OUTCOME           STATUS                  REASON")
        #expect(RunReport.row(DeviceResult(deviceId: "352099001761481", status: "LicenseAssignFailed", reason: "Device Not Found",
                                           outcome: .failed))
                == "352099001761481  failed            LicenseAssignFailed     Device Not Found")
        #expect(RunReport.row(DeviceResult(deviceId: "", status: "Invalid", reason: "", outcome: .skipped))
                == "-                skipped           Invalid")
    }

    @Test func summaryLineCountsEachOutcome() {
        #expect(RunReport.summaryLine(summary(.assign))
                == "assign: 4 devices: 1 success, 1 already licensed, 1 failed, 1 skipped in 1.2 s")
        #expect(RunReport.summaryLine(summary(.remove, unsent: ["a", "b"], stopped: true))
                == "remove: 4 devices: 1 success, 0 not licensed, 1 failed, 1 skipped, 2 not sent in 1.2 s (stopped)")
    }

    @Test func summaryInEachFormat() {
        let s = summary(.assign, counts: LicenseCounts(total: 1000, used: 24))
        #expect(RunReport.summary(s, format: .table) == RunReport.summaryLine(s) + "\nlicences: 24 of 1,000 used, 976 free\n")
        #expect(RunReport.summary(summary(.assign), format: .table) == RunReport.summaryLine(summary(.assign)) + "\n")
        #expect(RunReport.summary(s, format: .csv) == ResultWriter.csv(s.results))
        #expect(RunReport.summary(s, format: .json) == String(decoding: ResultWriter.json(s), as: UTF8.self) + "\n")
    }

    @Test func noticesForRetriesGivingUpAndThrottling() {
        let reset = ThingSpaceError.transport("connection reset")
        #expect(RunReport.notice(.batchRetrying(batch: 0, attempt: 2, delay: 1.5, error: reset))
                == "batch 1: network error: connection reset; attempt 2 in 1.5 s")
        #expect(RunReport.notice(.batchGivenUp(batch: 2, deviceIds: ["a", "b"], error: reset))
                == "batch 3 given up (2 devices): network error: connection reset")
        #expect(RunReport.notice(.concurrencyChanged(1)) == "throttled by the server: now 1 request in flight at most")
        #expect(RunReport.notice(.concurrencyChanged(3)) == "throttled by the server: now 3 requests in flight at most")
        #expect(RunReport.notice(.counts(LicenseCounts(total: 1, used: 0))) == nil)
        #expect(RunReport.notice(.renewed(.session)) == nil)
    }

    @Test func progressCountsSentDevicesOnly() {
        var progress = RunReport.Progress()
        #expect(progress.text(.assign) == nil)
        progress.record(.started(RunPlan(runId: "r", operation: .assign, account: "a", deviceIds: ["1", "2", "3"],
                                         batchSize: 2, batchCount: 2, skipped: [], warnings: [])))
        let result = DeviceResult(deviceId: "1", status: "s", reason: "", outcome: .success)
        progress.record(.batchResults([result], batch: -1))
        #expect(progress.text(.assign) == "assign: 0/3 devices answered · 0/2 batches sent")
        progress.record(.batchSent(batch: 0, deviceIds: ["1", "2"], attempt: 1))
        progress.record(.batchSent(batch: 0, deviceIds: ["1", "2"], attempt: 2))
        progress.record(.batchResults([result], batch: 0))
        progress.record(.counts(LicenseCounts(total: 1, used: 1)))
        progress.record(.batchResults([DeviceResult(deviceId: "3", status: DeviceResult.notSentStatus, reason: "not sent",
                                                    outcome: .skipped)], batch: 1))
        #expect(progress.done == 1)
        #expect(progress.batchesSent == 1)
        #expect(progress.text(.remove) == "remove: 1/3 devices answered · 1/2 batches sent")
    }

    @Test func progressShowsTimeAndARateOnlyOnceABatchIsAnsweredAndASecondHasPassed() {
        var progress = RunReport.Progress()
        progress.record(.started(RunPlan(runId: "r", operation: .assign, account: "a",
                                         deviceIds: (0..<2500).map { String($0) }, batchSize: 100, batchCount: 25,
                                         skipped: [], warnings: [])))
        progress.record(.batchSent(batch: 0, deviceIds: [], attempt: 1))
        #expect(progress.text(.assign, elapsed: 3) == "assign: 0/2,500 devices answered · 1/25 batches sent · 0:03")
        for b in 0..<12 {
            progress.record(.batchResults((0..<100).map {
                DeviceResult(deviceId: String(b * 100 + $0), status: "s", reason: "", outcome: .success)
            }, batch: b))
        }
        #expect(progress.text(.assign, elapsed: 0.4) == "assign: 1,200/2,500 devices answered · 1/25 batches sent · 0:00")
        #expect(progress.text(.assign, elapsed: 3) == "assign: 1,200/2,500 devices answered · 1/25 batches sent · 0:03 · 400/s")
        #expect(RunReport.Progress.clock(3723) == "1:02:03")
    }

    @Test func summaryLineSaysOneDeviceAndCountsNotSentOnce() {
        let notSent = DeviceResult(deviceId: "352099001761481", status: DeviceResult.notSentStatus, reason: "not sent",
                                   outcome: .skipped)
        let s = RunSummary(runId: "r", operation: .remove, account: "a", results: [notSent], unsent: ["352099001761481"],
                           elapsedMs: 10, counts: nil, stopped: true, fatalError: nil)
        #expect(RunReport.summaryLine(s) == "remove: 1 device: 0 success, 0 not licensed, 0 failed, 0 skipped, 1 not sent in 0.0 s (stopped)")
    }
}

@Suite struct DryRunReportTests {
    /// Three devices, one already licensed; one licence free, so one device would fail.
    let report = DryRunReport(
        account: "0242078689-00001",
        forecast: RunForecast(operation: .assign, devices: [
            .init(id: "352099004971483", licensedNow: true),
            .init(id: "351743110473360", licensedNow: false),
            .init(id: "351743113003677", licensedNow: false),
        ], counts: LicenseCounts(total: 10, used: 9)),
        skipped: [DeviceResult(deviceId: "12345", status: "Invalid", reason: "argument 4: \"12345\" is not an IMEI", outcome: .skipped),
                  DeviceResult(deviceId: "", status: "Invalid", reason: "argument 5: empty", outcome: .skipped)],
        batchSize: 2)

    @Test func table() {
        #expect(report.lines(.table) == [
            "dry run: nothing is sent",
            "would assign 3 devices in 2 requests of up to 2:",
            "DEVICE ID        NOW         AFTER     ACTION",
            "352099004971483  licensed    licensed  no change",
            "351743110473360  unlicensed  licensed  assign",
            "351743113003677  unlicensed  licensed  assign",
            "skipped  12345  argument 4: \"12345\" is not an IMEI",
            "skipped  -  argument 5: empty",
            "licences now:   9 of 10 used, 1 free",
            "licences after: 10 of 10 used, 0 free",
        ])
    }

    @Test func csv() {
        #expect(report.lines(.csv) == [
            "deviceId,licensedNow,licensedAfter,action",
            "352099004971483,true,true,none",
            "351743110473360,false,true,assign",
            "351743113003677,false,true,assign",
            "12345,,,skip",
            ",,,skip",
        ])
    }

    @Test func json() throws {
        let text = try #require(report.lines(.json).first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["dryRun"] as? Bool == true)
        #expect(object["operation"] as? String == "assign")
        #expect(object["batches"] as? Int == 2)
        #expect([object["total"], object["used"], object["free"]].map { $0 as? Int } == [10, 9, 1])
        #expect([object["usedAfter"], object["freeAfter"]].map { $0 as? Int } == [10, 0])
        let devices = try #require(object["devices"] as? [[String: Any]])
        #expect(devices.map { $0["action"] as? String } == ["none", "assign", "assign"])
        #expect((object["skipped"] as? [Any])?.count == 2)
    }

    @Test func warnsWhenLicencesRunShort() {
        #expect(report.warning == "warning: 2 licences needed but only 1 free; 1 device would fail")
        let fits = DryRunReport(account: "a", forecast: RunForecast(operation: .remove, deviceIds: ["1"], counts: nil),
                                skipped: [], batchSize: 100)
        #expect(fits.warning == nil)
        #expect(fits.lines(.table).suffix(2) == ["licences now:   0 of 0 used, 0 free", "licences after: 0 of 0 used, 0 free"])
        #expect(fits.lines(.table)[1] == "would remove 1 device in 1 request of up to 100:")
    }
}

@Suite struct ConfirmPromptTests {
    @Test func questionNamesTargetCountsAndExcess() {
        let forecast = RunForecast(operation: .assign, deviceIds: ["1", "2"], counts: LicenseCounts(total: 10, used: 9))
        let prompt = forecast.confirmPrompt(target: "account A on H", policy: RunPolicy())
        #expect(prompt.question == """
            Assign licences to 2 devices
              account A on H
              licences now: 9 of 10 used, 1 free
              licences after: at most 10 of 10 used (devices already licensed do not change)
              ! up to 1 more than the free licences: those would fail (--dry-run shows which)

            """ + "Proceed? [y/N] ")
        #expect(prompt.answer == "yes")
    }

    @Test func aLargeRunAsksForTheCountTyped() {
        let forecast = RunForecast(operation: .remove, deviceIds: ["1"], counts: nil)
        let prompt = forecast.confirmPrompt(target: "T", policy: RunPolicy(typeToConfirmAbove: 0))
        #expect(prompt.question == "Remove licences from 1 device\n  T\nType 1 (the number of devices) and press Enter to proceed: ")
        #expect(prompt.answer == "1")
        let withCounts = RunForecast(operation: .remove, deviceIds: ["1"], counts: LicenseCounts(total: 5, used: 3))
        #expect(withCounts.confirmQuestion(target: "T").contains(
            "  licences after: at least 2 of 5 used (devices already without one do not change)\n"))
    }
}

@Suite struct ExitStatusTests {
    func summary(_ results: [DeviceResult], unsent: [String] = [], fatal: ThingSpaceError? = nil) -> RunSummary {
        RunSummary(runId: "r", operation: .assign, account: "a", results: results, unsent: unsent, elapsedMs: 0,
                   counts: nil, stopped: false, fatalError: fatal)
    }
    func result(_ status: String, _ outcome: DeviceOutcome) -> DeviceResult {
        DeviceResult(deviceId: "1", status: status, reason: "", outcome: outcome)
    }

    @Test func errorsBeforeAnyResult() {
        #expect(ExitStatus.code(for: .authentication(step: "API token", detail: "bad")) == 3)
        #expect(ExitStatus.code(for: .retryAfter(.authentication(step: "x", detail: "y"), seconds: 1)) == 3)
        #expect(ExitStatus.code(for: .invalidInput("no")) == 2)
        #expect(ExitStatus.code(for: .cancelled) == 1)
        #expect(ExitStatus.code(for: .transport("reset")) == 4)
    }

    @Test func runs() {
        #expect(ExitStatus.code(for: summary([result("LicenseAssignSuccess", .success), result("Invalid", .skipped)])) == 0)
        #expect(ExitStatus.code(for: summary([result("Invalid", .skipped)])) == 0)
        #expect(ExitStatus.code(for: summary([result("LicenseAssignSuccess", .success)], unsent: ["2"])) == 1)
        #expect(ExitStatus.code(for: summary([result("LicenseAssignFailed", .failed)])) == 1)
        #expect(ExitStatus.code(for: summary([result("Error", .failed)], fatal: .transport("reset"))) == 4)
        #expect(ExitStatus.code(for: summary([result("NotSent", .skipped)], unsent: ["1"],
                                             fatal: .authentication(step: "session login", detail: "bad"))) == 3)
        #expect(ExitStatus.code(for: summary([result("Error", .failed)], fatal: .cancelled)) == 1)
    }
}
