import Foundation
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// The client against the simulator over real loopback sockets.
@Suite struct ClientSimulatorTests {
    @Test func pagingOverMoreThanThreePages() async throws {
        try await withSimulator({ $0.devices = 2300; $0.used = 1200; $0.licenses = 5000; $0.pageSize = 500 }) { sim, client in
            var devices: [DeviceInfo] = []
            var pages = 0
            for try await page in client.deviceListPages() {
                pages += 1
                devices += page.devices
            }
            #expect(pages == 5)
            #expect(devices.map(\.deviceId) == (await sim.allDeviceIds()))
            #expect(devices.filter(\.licenseAssigned).count == 1200)
            #expect(Set(devices.map(\.deviceId)).count == 2300)

            var licensed: [String] = []
            var summaryPages = 0
            for try await page in client.licenseSummaryPages() {
                summaryPages += 1
                licensed += page.licensedDevices.map(\.deviceId)
                #expect(page.counts == LicenseCounts(total: 5000, used: 1200))
            }
            #expect(summaryPages == 3)
            #expect(Set(licensed) == (await sim.licensedDeviceIds()))
            #expect(licensed == licensed.sorted())
        }
    }

    @Test func assignAndRemoveEveryCase() async throws {
        try await withSimulator({ $0.devices = 20; $0.used = 5; $0.licenses = 7 }) { sim, client in
            let ids = await sim.allDeviceIds()
            let licensed = await sim.licensedDeviceIds()
            let unlicensed = ids.filter { !licensed.contains($0) }
            let unknown = IMEI.completing(body: "99000862999999")!.value
            #expect(!ids.contains(unknown))

            // success, already licensed, unknown device
            let a = try await client.send(.assign, deviceIds: [unlicensed[0], licensed.first!, unknown])
            let outcomes = a.devices.map { DeviceResult(operation: .assign, line: $0) }
            #expect(outcomes.map(\.outcome) == [.success, .alreadyLicensed, .failed])
            #expect(a.devices[0].status == "LicenseAssignSuccess")
            #expect(a.devices[0].reason == "Success")
            #expect(a.devices[1].reason == "Device license preexisting")
            #expect(a.devices[2].status == "LicenseAssignFailed")
            #expect(a.devices[2].reason == "Device Not Found")
            #expect(a.counts == LicenseCounts(total: 7, used: 6))

            // no free licence left: 1 free, 3 asked
            let b = try await client.send(.assign, deviceIds: Array(unlicensed[1...3]))
            #expect(b.devices.map { DeviceResult(operation: .assign, line: $0).outcome } == [.success, .failed, .failed])
            #expect(b.counts.used == 7)

            // remove success and remove on a device without a licence
            let c = try await client.send(.remove, deviceIds: [unlicensed[0], unlicensed[5]])
            #expect(c.devices.map(\.status) == ["LicenseRemoveSuccess", "LicenseRemoveFailed"])
            #expect(c.devices[1].reason == "No license attached to device")
            #expect(c.devices.map { DeviceResult(operation: .remove, line: $0).outcome } == [.success, .notLicensed])
            #expect(c.counts.used == 6)
            let (total, used) = await sim.licenseCounts()
            #expect(total == 7 && used == 6)
        }
    }

    @Test func wholeRequestErrorsComeBackTyped() async throws {
        try await withSimulator({ $0.enforceLuhn = true }) { sim, client in
            // The client refuses malformed IMEIs before sending anything.
            await #expect(throws: ThingSpaceError.self) { _ = try await client.send(.assign, deviceIds: ["12345"]) }
            await #expect(throws: ThingSpaceError.invalidInput("no devices to assign")) { _ = try await client.send(.assign, deviceIds: []) }
            #expect(await sim.counters().assignRequests == 0)
            // A bad Luhn digit is only a warning for the client; the simulator enforcing Luhn says 400.
            do {
                _ = try await client.send(.assign, deviceIds: ["990008629123452"])
                Issue.record("accepted a bad check digit")
            } catch let error as ThingSpaceError {
                #expect(error.httpStatus == 400)
                #expect(error.code == "INVALID_PARAMETER")
            }
            // Unknown account
            let other = ThingSpaceClient(configuration: ClientConfiguration(
                baseURL: client.configuration.baseURL, account: "0000000000-00000", credentials: client.configuration.credentials))
            do {
                _ = try await other.licenseCounts()
                Issue.record("unknown account accepted")
            } catch let error as ThingSpaceError {
                #expect(error.httpStatus == 400, "\(error)")
            }
        }
    }

    @Test func concurrentRequestsKeepCountsConsistent() async throws {
        try await withSimulator({ $0.devices = 400; $0.used = 0; $0.licenses = 150 }) { sim, client in
            let ids = await sim.allDeviceIds()
            let chunks = stride(from: 0, to: 400, by: 20).map { Array(ids[$0..<$0 + 20]) }
            let successes = try await withThrowingTaskGroup(of: Int.self) { group in
                for chunk in chunks {
                    group.addTask { try await client.send(.assign, deviceIds: chunk).devices.filter { $0.status == "LicenseAssignSuccess" }.count }
                }
                return try await group.reduce(0, +)
            }
            #expect(successes == 150)
            let (_, used) = await sim.licenseCounts()
            #expect(used == 150)
            #expect(await sim.licensedDeviceIds().count == 150)
            #expect(try await client.licenseCounts() == LicenseCounts(total: 150, used: 150))
        }
    }

    @Test func badSecretIsAnAuthenticationError() async throws {
        try await withSimulator(credentials: { c in
            Credentials(appKey: c.appKey, appSecret: "wrong-secret", username: c.username, password: Secret(c.password))
        }) { sim, client in
            do {
                _ = try await client.licenseCounts()
                Issue.record("no error")
            } catch let error as ThingSpaceError {
                #expect(error.isAuthentication)
                #expect(error.description.contains("API token"))
            }
            #expect(await sim.counters().loginAttempts == 0)
        }
    }

    @Test func badPasswordFailsOnceAndIsNeverRetried() async throws {
        try await withSimulator(credentials: { c in
            Credentials(appKey: c.appKey, appSecret: Secret(c.appSecret), username: c.username, password: "wrong-password")
        }) { sim, client in
            for _ in 0..<3 {
                do {
                    _ = try await client.licenseCounts()
                    Issue.record("no error")
                } catch let error as ThingSpaceError {
                    #expect(error.isAuthentication)
                    #expect(error.description.contains("session login"))
                    #expect(!error.description.contains("wrong-password"))
                }
            }
            #expect(await sim.counters().loginAttempts == 1)
            #expect(await client.authenticator.loginAttempts == 1)
        }
    }

    @Test func tokenIsCachedAndSessionReused() async throws {
        try await withSimulator { sim, client in
            for _ in 0..<4 { _ = try await client.licenseCounts() }
            let c = await sim.counters()
            #expect(c.tokenRequests == 1)
            #expect(c.loginAttempts == 1)
            try await client.logout()
            #expect(await sim.counters().logouts == 1)
        }
    }

    @Test func readyMadeTokensNeedNoCredentials() async throws {
        try await withSimulator { sim, client in
            let bearer = try await client.authenticator.bearer()
            let session = try await client.authenticator.sessionToken()
            let ready = ThingSpaceClient(configuration: ClientConfiguration(
                baseURL: client.configuration.baseURL, account: client.account,
                credentials: Credentials(accessToken: Secret(bearer), sessionToken: Secret(session))))
            #expect(try await ready.licenseCounts().total == 1000)
            #expect(await sim.counters().tokenRequests == 1)
            #expect(await sim.counters().loginAttempts == 1)
        }
    }
}
