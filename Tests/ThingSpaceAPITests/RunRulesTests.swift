import Foundation
import Testing
import ThingSpaceAPI

@Suite struct RunForecastTests {
    static func devices(_ states: [Bool?]) -> [RunForecast.Device] {
        states.enumerated().map { RunForecast.Device(id: "d\($0.offset)", licensedNow: $0.element) }
    }

    @Test func assignWithinTheFreeLicences() {
        let f = RunForecast(operation: .assign, devices: Self.devices([true, false, nil, false]), counts: LicenseCounts(total: 100, used: 40))
        #expect(f.changing == 3 && f.alreadyInState == 1 && f.excess == 0 && f.fitIds == nil)
        #expect(f.countsAfter() == LicenseCounts(total: 100, used: 43))
        #expect(f.countsAfter(onlyFit: true) == LicenseCounts(total: 100, used: 43))
        #expect(f.licensedAfter)
    }

    @Test func assignBeyondTheFreeLicencesNamesWhatFits() {
        // 6 devices, 4 need a licence, 2 free.
        let f = RunForecast(operation: .assign, devices: Self.devices([false, true, false, false, true, false]),
                            counts: LicenseCounts(total: 10, used: 8))
        #expect(f.changing == 4 && f.excess == 2)
        #expect(f.fitIds == ["d0", "d1", "d2", "d4"])
        #expect(f.countsAfter() == LicenseCounts(total: 10, used: 10))
        #expect(f.countsAfter()?.free == 0)
        #expect(f.countsAfter(onlyFit: true)?.used == 10)
    }

    @Test func removeCountsTheLicencesHeld() {
        let f = RunForecast(operation: .remove, devices: Self.devices([true, false, true]), counts: LicenseCounts(total: 10, used: 5))
        #expect(f.changing == 2 && f.alreadyInState == 1 && f.excess == 0 && f.fitIds == nil)
        #expect(f.countsAfter() == LicenseCounts(total: 10, used: 3))
        #expect(!f.licensedAfter)
        #expect(f.devices.map(f.changes) == [true, false, true])
    }

    @Test func unknownStatesCountAsChangingAndUnknownCountsForecastNoCounters() {
        let f = RunForecast(operation: .remove, deviceIds: ["a", "b"], counts: LicenseCounts(total: 10, used: 1))
        #expect(f.changing == 2)
        #expect(f.countsAfter()?.used == 0, "never below zero")
        let blind = RunForecast(operation: .assign, deviceIds: ["a"], counts: nil)
        #expect(blind.countsAfter() == nil && blind.excess == 0)
    }
}

@Suite struct LicenseCountsRuleTests {
    @Test func duringAnAssignUsedNeverGoesDown() {
        let shown = LicenseCounts(total: 100, used: 50)
        #expect(shown.merged(with: LicenseCounts(total: 100, used: 45), during: .assign) == shown)
        #expect(shown.merged(with: LicenseCounts(total: 120, used: 55), during: .assign) == LicenseCounts(total: 120, used: 55))
    }

    @Test func duringARemoveUsedNeverGoesUp() {
        let shown = LicenseCounts(total: 100, used: 50)
        #expect(shown.merged(with: LicenseCounts(total: 100, used: 52), during: .remove) == shown)
        #expect(shown.merged(with: LicenseCounts(total: 90, used: 41), during: .remove) == LicenseCounts(total: 90, used: 41))
        #expect(shown.merged(with: LicenseCounts(total: 90, used: 52), during: .remove) == LicenseCounts(total: 90, used: 50),
                "the total is the newer one's")
    }

    @Test func movedStaysWithinZeroAndTheTotal() {
        #expect(LicenseCounts(total: 10, used: 8).moved(by: 5, during: .assign).used == 10)
        #expect(LicenseCounts(total: 10, used: 3).moved(by: 5, during: .remove).used == 0)
        #expect(LicenseCounts(total: 10, used: 3).moved(by: 2, during: .assign).used == 5)
    }
}

@Suite struct RunOptionsRangeTests {
    @Test func rangesAreTheDocumentedOnes() {
        #expect(RunOptions.batchSizeRange == 1...1000)
        #expect(RunOptions.concurrencyRange == 1...64)
    }

    @Test func problemsNameTheSettingAndTheValue() {
        #expect(RunOptions.batchSizeProblem(1) == nil && RunOptions.batchSizeProblem(1000) == nil)
        #expect(RunOptions.batchSizeProblem(0, name: "--batch-size") == "--batch-size must be 1...1000, got 0")
        #expect(RunOptions.batchSizeProblem(1001) == "batch size must be 1...1000, got 1001")
        #expect(RunOptions.concurrencyProblem(64) == nil)
        #expect(RunOptions.concurrencyProblem(65, name: "profiles.p.concurrency") == "profiles.p.concurrency must be 1...64, got 65")
    }

    @Test func validateUsesTheRanges() throws {
        #expect(throws: ThingSpaceError.invalidInput("batch size must be 1...1000, got 0")) { try RunOptions(batchSize: 0).validate() }
        #expect(throws: ThingSpaceError.invalidInput("concurrency must be 1...64, got 0")) { try RunOptions(concurrency: 0).validate() }
        #expect(throws: ThingSpaceError.invalidInput("attempts must be at least 1, got 0")) { try RunOptions(retry: RetryPolicy(maxAttempts: 0)).validate() }
        try RunOptions(batchSize: 1000, concurrency: 64).validate()
    }
}

@Suite struct RunPolicyTests {
    @Test func readonlyRefusesWithItsOrigin() throws {
        let policy = RunPolicy(readonly: true, readonlyOrigin: "--readonly was given")
        #expect(throws: RunRefusal.readonly(.assign, origin: "--readonly was given", target: "account A on h")) {
            try policy.checkWritable(.assign, target: "account A on h")
        }
        do throws(RunRefusal) {
            try policy.check(.remove, deviceCount: 1, target: "account A on h")
            Issue.record("a readonly policy let a run through")
        } catch {
            #expect(error.description == "refused: --readonly was given; remove changes licences on account A on h. Nothing was sent.")
        }
        try RunPolicy().checkWritable(.assign, target: "x")
    }

    @Test func maxDevicesRefusesOnlyAboveTheLimit() throws {
        let policy = RunPolicy(maxDevices: 50, maxDevicesOrigin: "max_devices of profile \"p\"")
        try policy.checkSize(.assign, deviceCount: 50)
        do throws(RunRefusal) {
            try policy.checkSize(.assign, deviceCount: 4000)
            Issue.record("4,000 devices passed a limit of 50")
        } catch {
            #expect(error == .tooManyDevices(.assign, count: 4000, limit: 50, origin: "max_devices of profile \"p\""))
            #expect(error.description == "refused: 4,000 devices to assign, more than 50 (max_devices of profile \"p\"). "
                    + "Nothing was sent; split the list or raise the limit.")
        }
        try RunPolicy().checkSize(.remove, deviceCount: 1_000_000)
    }

    @Test func aboveTheThresholdTheCountIsTyped() {
        let policy = RunPolicy()
        #expect(policy.typeToConfirmAbove == 1000)
        #expect(!policy.needsTypedCount(1000))
        #expect(policy.needsTypedCount(1001))
        #expect(RunPolicy(typeToConfirmAbove: 5).needsTypedCount(6))
        #expect(RunPolicy.typedCountMatches("1,200", deviceCount: 1200))
        #expect(RunPolicy.typedCountMatches("1200", deviceCount: 1200))
        #expect(!RunPolicy.typedCountMatches("120", deviceCount: 1200))
        #expect(!RunPolicy.typedCountMatches("", deviceCount: 1200))
    }
}

@Suite struct RunIdTests {
    @Test func timestampIsUTCAndSortable() {
        let date = Date(timeIntervalSince1970: 1_764_000_000)   // 2025-11-24 16:00:00 UTC
        #expect(RunId.timestamp(date) == "20251124T160000Z")
        let id = RunId.make(now: date)
        #expect(id.hasPrefix("20251124T160000Z-"))
        let suffix = id.dropFirst("20251124T160000Z-".count)
        #expect(suffix.count == 6 && suffix.allSatisfy(\.isHexDigit), "\(id)")
        #expect(RunEngine.newRunId(now: date).hasPrefix("20251124T160000Z-"))
        #expect(RunId.make(now: date.addingTimeInterval(1)) > id)
    }
}
