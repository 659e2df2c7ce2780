import Foundation
import Testing
@testable import ThingSpaceAPI
import ThingSpaceSimulator

/// The client's v1 and v3 against the simulator, which serves both views of one account.
@Suite struct VersionTests {
    static let versions: [APIVersion] = [.v1, .v3]

    @Test(arguments: versions) func pagingReadsEveryDeviceOnce(version: APIVersion) async throws {
        try await withSimulator({ $0.devices = 2_500; $0.used = 700; $0.pageSize = 400 }, apiVersion: version) { sim, client in
            var ids: [String] = []
            var pages = 0
            for try await page in client.deviceListPages() {
                ids += page.devices.map(\.deviceId)
                pages += 1
            }
            #expect(ids == (await sim.allDeviceIds()))
            #expect(pages == 7)
            let licensed = try await client.licensedDevices()
            #expect(Set(licensed.devices.map(\.deviceId)) == (await sim.licensedDeviceIds()))
            #expect(licensed.counts == LicenseCounts(total: 1000, used: 700))
            // RFC 3339 timestamps by default.
            #expect(licensed.devices.allSatisfy { ($0.assignmentTime ?? "").hasSuffix("Z") })
        }
    }

    @Test(arguments: versions) func assignAndRemoveReachTheWantedState(version: APIVersion) async throws {
        try await withSimulator({ $0.devices = 300; $0.used = 0 }, apiVersion: version) { sim, client in
            let ids = Array(await sim.allDeviceIds().prefix(120))
            let options = RunOptions(batchSize: 25, concurrency: 3)
            let assigned = try await finish(RunEngine(client: client, options: options).start(.assign, deviceIds: ids))
            #expect(assigned.outcomeCounts[.success] == 120, "\(assigned.outcomeCounts)")
            #expect(assigned.counts?.used == 120)
            let again = try await finish(RunEngine(client: client, options: options).start(.assign, deviceIds: Array(ids.prefix(10))))
            #expect(again.outcomeCounts[.alreadyLicensed] == 10, "\(again.outcomeCounts)")
            let removed = try await finish(RunEngine(client: client, options: options).start(.remove, deviceIds: Array(ids.prefix(60))))
            #expect(removed.outcomeCounts[.success] == 60)
            let twice = try await finish(RunEngine(client: client, options: options).start(.remove, deviceIds: Array(ids.prefix(5))))
            #expect(twice.outcomeCounts[.notLicensed] == 5, "\(twice.outcomeCounts)")
            #expect(await sim.licenseCounts().used == 60)
        }
    }

    @Test(arguments: versions) func failingDevicesAreFailedWithTheServersWords(version: APIVersion) async throws {
        try await withSimulator({ $0.devices = 100; $0.used = 0; $0.faults.failingDeviceCount = 3 }, apiVersion: version) { sim, client in
            let failing = await sim.failingDeviceIds()
            let summary = try await finish(RunEngine(client: client).start(.assign, deviceIds: Array(failing)))
            #expect(summary.outcomeCounts[.failed] == 3)
            #expect(summary.results.allSatisfy { !$0.reason.isEmpty })
            #expect(summary.results.allSatisfy { $0.status == (version == .v1 ? "LicenseAssignFailed" : "Failure") })
        }
    }

    @Test(arguments: versions) func failingDevicesAreListedAsNotEligible(version: APIVersion) async throws {
        try await withSimulator({ $0.devices = 300; $0.used = 0; $0.faults.failingDeviceCount = 9 }, apiVersion: version) { sim, client in
            let failing = await sim.failingDeviceIds()
            var listed: [DeviceInfo] = []
            for try await page in client.deviceListPages() { listed += page.devices }
            #expect(listed.count == 300)
            let notEligible = Set(listed.filter { !$0.fotaEligible }.map(\.deviceId))
            // Every failing device says why it fails; the others keep the catalog's eligibility (most are eligible).
            #expect(failing.count == 9 && failing.isSubset(of: notEligible), "\(failing.subtracting(notEligible))")
            #expect(notEligible.count < 300 / 4)
        }
    }

    @Test(arguments: [(SimulatorBilling.monthly, Billing.monthly), (.event, .event)])
    func subscriptionSaysHowTheAccountPays(simulated: SimulatorBilling, expected: Billing) async throws {
        for version in Self.versions {
            try await withSimulator({ $0.billing = simulated; $0.used = 40 }, apiVersion: version) { _, client in
                let subscription = try #require(try await client.subscription())
                #expect(subscription.billing == expected)
                #expect(subscription.counts == LicenseCounts(total: 1000, used: 40), "agrees with the licence summary")
                #expect(try await client.billing() == expected)
            }
        }
    }

    @Test func aSubscriptionThatCannotBeReadIsUnknown() async throws {
        let server = try CannedServer { r in
            if let ok = HostileServerTests.authOK(r) { return ok }
            return .response(status: 403, headers: [:], body: #"{"errorCode":"FORBIDDEN","errorMessage":"not allowed"}"#)
        }
        defer { server.stop() }
        let client = ThingSpaceClient(configuration: ClientConfiguration(
            baseURL: server.baseURL, account: "0242078689-00001", apiVersion: .v3,
            credentials: Credentials(appKey: "key", appSecret: "app-secret-123", username: "user", password: "password-456")))
        #expect(try await client.subscription() == nil)
        #expect(try await client.billing() == .unknown)
        #expect(server.requests.last?.path == "/api/fota/v3/subscriptions/0242078689-00001")
    }

    @Test func v3DeviceDetailsAreReadOnDemand() async throws {
        try await withSimulator({ $0.devices = 500 }, apiVersion: .v3) { sim, client in
            let ids = await sim.allDeviceIds()
            let details = try #require(try await client.deviceDetails(ids[321]))
            #expect(details.device.deviceId == ids[321])
            #expect(!details.device.make.isEmpty)
            #expect(["LWM2M", "OMADM", "HTTP"].contains(details.protocol ?? ""))
            #expect(details.software.count == 1)
            #expect(details.status != nil)
            #expect(try await client.deviceDetails("352099001761481") == nil, "not in the account")
        }
        try await withSimulator({ $0.devices = 5; $0.used = 0 }, apiVersion: .v1) { sim, client in
            let first = await sim.allDeviceIds()[0]
            let details = try await client.deviceDetails(first)
            #expect(details == nil, "v1 has no details call")
        }
    }

    @Test func v3SendsNoProtocolUnlessOneIsChosen() async throws {
        try await withSimulator({ $0.devices = 800; $0.pageSize = 300 }, apiVersion: .v3) { sim, base in
            var all = 0
            for try await page in base.deviceListPages() { all += page.devices.count }
            #expect(all == 800, "no protocol parameter: every device")
            var configuration = base.configuration
            configuration.deviceProtocol = "OMADM"
            var omadm: [String] = []
            for try await page in ThingSpaceClient(configuration: configuration).deviceListPages() {
                omadm += page.devices.map(\.deviceId)
            }
            #expect(!omadm.isEmpty && omadm.count < 800)
            #expect(Set(omadm).isSubset(of: Set(await sim.allDeviceIds())))
        }
    }

    @Test func v3PathsAreTheSDKsAndTheSimulatorServesBothDocumentedForms() async throws {
        try await withSimulator({ $0.devices = 50; $0.used = 10 }, apiVersion: .v3) { sim, client in
            let dialect = V3Dialect(deviceProtocol: nil)
            #expect(dialect.licenseSummaryPath(account: "0242078689-00001", cursor: "0") == "/api/fota/v3/licenses/0242078689-00001")
            #expect(dialect.licenseSummaryPath(account: "0242078689-00001", cursor: "352099001761481")
                    == "/api/fota/v3/licenses/0242078689-00001?lastSeenDeviceId=352099001761481")
            #expect(dialect.licensePath(account: "0242078689-00001", operation: .assign) == "/api/fota/v3/licenses/0242078689-00001/assign")
            #expect(dialect.deviceListPath(account: "0242078689-00001", cursor: "0") == "/api/fota/v3/devices/0242078689-00001")
            // The doc's other forms, straight at the simulator.
            for path in ["/api/fota/v3/licenses/0242078689-00001/index/0", "/api/fota/v3/firmware/licenses/0242078689-00001"] {
                let response = try await client.authorized(method: "GET", path: path, body: nil)
                let page = try dialect.decodeLicenseSummary(response.body)
                #expect(page.counts == LicenseCounts(total: 1000, used: 10), "\(path)")
            }
            let id = await sim.allDeviceIds()[3]
            let body = try JSONEncoder().encode(V1.DeviceListRequest(deviceList: [id]))
            let response = try await client.authorized(method: "POST", path: "/api/fota/v3/firmware/licenses/0242078689-00001/assign", body: body)
            let answer = try dialect.decodeLicenseResponse(response.body)
            #expect(answer.devices.map(\.status) == ["Success"] || answer.devices.first?.reason.lowercased().contains("preexist") == true)
        }
    }
}

/// The v3 examples of the reference decode.
@Suite struct V3FixtureTests {
    @Test func v3AssignResponse() throws {
        let r = try V3Dialect(deviceProtocol: nil).decodeLicenseResponse(fixture("v3-assign-response.json"))
        #expect(r.counts == LicenseCounts(total: 1000, used: 2))
        #expect(r.devices == [
            DeviceStatusLine(deviceId: "352099001761481", status: "Success", reason: "Success"),
            DeviceStatusLine(deviceId: "990008629123451", status: "Failure", reason: "Device does not exist."),
        ])
        #expect(r.devices.map { DeviceResult(operation: .assign, line: $0).outcome } == [.success, .failed])
    }

    @Test func v2NamesAreAcceptedToo() throws {
        let body = #"{"accountName":"0242078689-00001","licTotalCount":50,"licUsedCount":3,"deviceList":[{"deviceId":"352099001761481","status":"Success","Reason":"Success"}]}"#
        let r = try V3Dialect(deviceProtocol: nil).decodeLicenseResponse(Data(body.utf8))
        #expect(r.counts == LicenseCounts(total: 50, used: 3))
        #expect(r.devices.first?.reason == "Success")
    }

    @Test func v3LicenseSummaryWithStringCursor() throws {
        let page = try V3Dialect(deviceProtocol: nil).decodeLicenseSummary(fixture("license-summary-v3.json"))
        #expect(page.counts == LicenseCounts(total: 5000, used: 4319))
        #expect(page.nextCursor == "356938035643809")
        #expect(page.licensedDevices.count == 2)
    }

    @Test func billingFromThePurchaseType() {
        #expect(Billing(purchaseType: "TS-HFOTA-MRC") == .monthly)
        #expect(Billing(purchaseType: "TS-HFOTA-EVNT,TS-HFOTA-MRC") == .monthly)
        #expect(Billing(purchaseType: " TS-HFOTA-EVNT ") == .event)
        #expect(Billing(purchaseType: "TS-HFOTA-EVNT,OTHER") == .unknown)
        #expect(Billing(purchaseType: "") == .unknown)
        #expect(Billing(purchaseType: nil) == .unknown)
    }
}

/// Both families of per-device status strings map the same way.
@Suite struct StatusFamilyTests {
    @Test(arguments: [
        (LicenseOperation.assign, "LicenseAssignSuccess", "Success", DeviceOutcome.success),
        (.assign, "Success", "Success", .success),
        (.assign, "Success", "License preexists for the device", .alreadyLicensed),
        (.assign, "Failure", "License already assigned", .alreadyLicensed),
        (.assign, "Failure", "Device does not exist.", .failed),
        (.assign, "UpgradePending", "Estimated upgrade time 2024-05-02", .failed),
        (.remove, "LicenseRemoveSuccess", "Success", .success),
        (.remove, "Success", "Success", .success),
        (.remove, "Failure", "No license attached to device", .notLicensed),
        (.remove, "LicenseRemoveFailed", "Something else", .failed),
    ])
    func statusesMapTheSameInBothVersions(operation: LicenseOperation, status: String, reason: String, expected: DeviceOutcome) {
        #expect(DeviceOutcome.classify(operation: operation, status: status, reason: reason) == expected)
        // Kept verbatim whatever the outcome.
        let result = DeviceResult(operation: operation, line: DeviceStatusLine(deviceId: "352099001761481", status: status, reason: reason))
        #expect(result.status == status && result.reason == reason)
    }

    @Test func permanentFailuresAreKnownByTheirReason() {
        #expect(DeviceOutcome.isPermanentFailure(reason: "Device does not exist."))
        #expect(DeviceOutcome.isPermanentFailure(reason: "License assignment failed: device is not eligible for a license"))
        #expect(DeviceOutcome.isPermanentFailure(reason: "Device not found"))
        #expect(!DeviceOutcome.isPermanentFailure(reason: "No licenses available"))
        #expect(!DeviceOutcome.isPermanentFailure(reason: "Internal error"))
    }
}
