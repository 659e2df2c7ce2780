import Foundation
import Testing
@testable import ThingSpaceSimulator

@Suite("Assign and remove licences")
struct LicenseTests {
    /// Licensed and unlicensed, non-failing devices of a running simulator.
    func split(_ simulator: ThingSpaceSimulator) async -> (licensed: [String], free: [String]) {
        let licensed = await simulator.licensedDeviceIds()
        let failing = await simulator.failingDeviceIds()
        let all = await simulator.allDeviceIds()
        return (
            all.filter { licensed.contains($0) && !failing.contains($0) },
            all.filter { !licensed.contains($0) && !failing.contains($0) }
        )
    }

    @Test("assign: success, preexisting, not found, failing device, no licences left")
    func assignCases() async throws {
        try await withSimulator({
            $0.devices = 30
            $0.licenses = 12
            $0.used = 10
            $0.faults.failingDeviceCount = 1
        }) { simulator, client in
            let authed = try await client.authenticated()
            let (licensed, free) = await split(simulator)
            let failing = try #require(await simulator.failingDeviceIds().first)
            #expect(!(await simulator.licensedDeviceIds()).contains(failing))
            let unknown = foreignIMEI()

            let reply = try await authed.assign([free[0], licensed[0], unknown, failing])
            #expect(reply.status == 200)
            let json = try reply.json()
            #expect(json["accountName"] as? String == client.account)
            #expect(json["licCount"] as? Int == 12)
            #expect(json["licUsedCount"] as? Int == 11)
            let result = try outcomes(reply)
            #expect(result[free[0]]?.status == "LicenseAssignSuccess")
            #expect(result[free[0]]?.reason == "Success")
            #expect(result[licensed[0]]?.status == "LicenseAssignSuccess")
            #expect(result[licensed[0]]?.reason == "Device license preexisting")
            #expect(result[unknown]?.status == "LicenseAssignFailed")
            #expect(result[unknown]?.reason == "Device Not Found")
            #expect(result[failing]?.status == "LicenseAssignFailed")
            #expect(result[failing]?.reason.isEmpty == false)
            // Reason is spelled with a capital R, and deviceList order follows the request.
            #expect(reply.text.contains("\"Reason\":\"Success\""))
            let order = try #require(json["deviceList"] as? [[String: Any]]).compactMap { $0["deviceId"] as? String }
            #expect(order == [free[0], licensed[0], unknown, failing])

            let exhaust = try await authed.assign([free[1], free[2]])
            let exhausted = try outcomes(exhaust)
            #expect(exhausted[free[1]]?.status == "LicenseAssignSuccess")
            #expect(exhausted[free[2]]?.status == "LicenseAssignFailed")
            #expect(exhausted[free[2]]?.reason == "No licenses available")
            #expect(try exhaust.json()["licUsedCount"] as? Int == 12)

            let counts = await simulator.licenseCounts()
            #expect(counts.total == 12 && counts.used == 12)
            #expect(await simulator.licensedDeviceIds().count == 12)
            #expect(await simulator.counters().assignRequests == 2)
        }
    }

    @Test("remove: success, no licence attached, not found, failing device")
    func removeCases() async throws {
        try await withSimulator({
            $0.devices = 30
            $0.licenses = 20
            $0.used = 10
            $0.faults.failingDevices = []
        }) { simulator, client in
            let authed = try await client.authenticated()
            let (licensed, free) = await split(simulator)
            var faults = FaultConfiguration()
            faults.failingDevices = [licensed[1]]
            await simulator.setFaults(faults)
            let unknown = foreignIMEI(42)

            let reply = try await authed.remove([licensed[0], free[0], unknown, licensed[1]])
            #expect(reply.status == 200)
            #expect(try reply.json()["licUsedCount"] as? Int == 9)
            let result = try outcomes(reply)
            #expect(result[licensed[0]]?.status == "LicenseRemoveSuccess")
            #expect(result[licensed[0]]?.reason == "Success")
            #expect(result[free[0]]?.status == "LicenseRemoveFailed")
            #expect(result[free[0]]?.reason == "No license attached to device")
            #expect(result[unknown]?.status == "LicenseRemoveFailed")
            #expect(result[unknown]?.reason == "Device Not Found")
            #expect(result[licensed[1]]?.status == "LicenseRemoveFailed")

            let licensedNow = await simulator.licensedDeviceIds()
            #expect(!licensedNow.contains(licensed[0]))
            #expect(licensedNow.contains(licensed[1]))
            #expect(await simulator.licenseCounts().used == 9)
            #expect(await simulator.counters().removeRequests == 1)
        }
    }

    @Test("whole-request 400s: empty list, unparsable body, bad IMEI, bad account, unknown account")
    func requestErrors() async throws {
        try await withSimulator { simulator, client in
            let authed = try await client.authenticated()
            let path = "/api/fota/v1/licenses/\(client.account)/assign"
            let device = try #require(await simulator.allDeviceIds().first)

            func expectInvalid(_ reply: HTTPReply, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
                #expect(reply.status == 400, sourceLocation: sourceLocation)
                #expect(try errorCode(reply) == "INVALID_PARAMETER", sourceLocation: sourceLocation)
                #expect(try errorMessage(reply) == message, sourceLocation: sourceLocation)
            }

            try expectInvalid(try await authed.post(path, rawBody: #"{"deviceList":[]}"#), "Device list is empty")
            try expectInvalid(try await authed.post(path, rawBody: #"{}"#), "Device list is empty")
            try expectInvalid(try await authed.post(path, rawBody: #"{"deviceList":null}"#), "Device list is empty")
            try expectInvalid(try await authed.post(path, rawBody: ""), "Input binding error")
            try expectInvalid(try await authed.post(path, rawBody: "{not json"), "Input binding error")
            try expectInvalid(try await authed.post(path, rawBody: #"{"deviceList":[352099001761481]}"#), "Input binding error")
            try expectInvalid(try await authed.post(path, rawBody: #"{"deviceList":"352099001761481"}"#), "Input binding error")
            try expectInvalid(try await authed.assign([device, "12345"]), "Invalid device id format")
            try expectInvalid(try await authed.assign(["35209900176148A"]), "Invalid device id format")
            try expectInvalid(try await authed.post("/api/fota/v1/licenses/0242078689/assign", rawBody: #"{"deviceList":["\#(device)"]}"#), "Invalid account name format")
            try expectInvalid(try await authed.post("/api/fota/v1/licenses/024207868x-00001/remove", rawBody: #"{"deviceList":["\#(device)"]}"#), "Invalid account name format")

            let other = try await authed.post("/api/fota/v1/licenses/1111111111-00001/assign", rawBody: #"{"deviceList":["\#(device)"]}"#)
            #expect(other.status == 400)
            #expect(try errorCode(other) == "INVALID_PARAMETER")
            #expect(try errorMessage(other)?.hasPrefix("Account not found") == true)

            // A bad Luhn digit passes unless enforced.
            let badLuhn = "990008629123452"
            #expect(try await authed.assign([badLuhn]).status == 200)
            #expect(await simulator.licenseCounts().used == 50)
        }
    }

    @Test("enforceLuhn rejects a bad check digit")
    func enforceLuhn() async throws {
        try await withSimulator({ $0.enforceLuhn = true }) { _, client in
            let authed = try await client.authenticated()
            let reply = try await authed.assign(["990008629123452"])
            #expect(reply.status == 400)
            #expect(try errorMessage(reply) == "Invalid device id format")
            let good = try await authed.assign(["990008629123451"])
            #expect(good.status == 200)
            #expect(try outcomes(good)["990008629123451"]?.reason == "Device Not Found")
        }
    }

    @Test("the v1 double-slash path variant and a trailing slash are accepted; unknown paths get 900906")
    func pathVariants() async throws {
        try await withSimulator { simulator, client in
            let authed = try await client.authenticated()
            let (_, free) = await split(simulator)
            let body = #"{"deviceList":["\#(free[0])"]}"#
            let reply = try await authed.post("/api/fota/v1//licenses/\(client.account)/assign", rawBody: body)
            #expect(reply.status == 200)
            #expect(try outcomes(reply)[free[0]]?.status == "LicenseAssignSuccess")
            #expect(try await authed.post("/api/fota/v1/licenses/\(client.account)/remove/", rawBody: body).status == 200)

            for (method, path) in [("GET", "/api/fota/v9/whatever"), ("GET", "/api/fota/v1/licenses/\(client.account)/assign"), ("POST", "/")] {
                let unknown = try await RawHTTP.send(client.base, method, path, headers: authed.authHeaders)
                #expect(unknown.status == 400)
                #expect(try faultCode(unknown) == "900906")
            }
        }
    }

    @Test("20 concurrent assigns keep the counts consistent")
    func concurrentAssigns() async throws {
        try await withSimulator({
            $0.devices = 400
            $0.licenses = 150
            $0.used = 50
        }) { simulator, client in
            let authed = try await client.authenticated()
            let (_, free) = await split(simulator)
            // 20 requests x 8 devices; neighbouring requests overlap by 3 devices; only 100 licences are free.
            let batches = (0..<20).map { i in Array(free[(i * 5)..<(i * 5 + 8)]) }
            let replies = try await withThrowingTaskGroup(of: HTTPReply.self) { group in
                for batch in batches {
                    group.addTask { try await authed.assign(batch) }
                }
                return try await group.reduce(into: [HTTPReply]()) { $0.append($1) }
            }
            var newlyAssigned = Set<String>()
            var preexisting = 0
            var noLicence = 0
            for reply in replies {
                #expect(reply.status == 200)
                for entry in try #require(try reply.json()["deviceList"] as? [[String: Any]]) {
                    let id = try #require(entry["deviceId"] as? String)
                    switch (entry["status"] as? String, entry["Reason"] as? String) {
                    case ("LicenseAssignSuccess", "Success"):
                        #expect(!newlyAssigned.contains(id), "assigned twice: \(id)")
                        newlyAssigned.insert(id)
                    case ("LicenseAssignSuccess", "Device license preexisting"): preexisting += 1
                    case ("LicenseAssignFailed", "No licenses available"): noLicence += 1
                    default: Issue.record("unexpected outcome \(entry)")
                    }
                }
            }
            let distinct = Set(batches.joined())
            #expect(distinct.count == 103)
            #expect(newlyAssigned.count == 100)
            #expect(newlyAssigned.count + preexisting + noLicence == 160)
            let counts = await simulator.licenseCounts()
            let licensed = await simulator.licensedDeviceIds()
            #expect(counts.used == 150)
            #expect(licensed.count == counts.used)
            #expect(newlyAssigned.isSubset(of: licensed))
            #expect(await simulator.counters().assignRequests == 20)
        }
    }
}

@Suite("v3 device query: eligibility")
struct DeviceQueryEligibilityTests {
    @Test("a device that always fails is listed as not eligible; the others as the catalog says")
    func failingDevicesAreNotEligible() async throws {
        try await withSimulator({ $0.used = 0; $0.faults.failingDeviceCount = 4 }) { simulator, client in
            let authed = try await client.authenticated()
            let failing = await simulator.failingDeviceIds()
            let others = Array(await simulator.allDeviceIds().filter { !failing.contains($0) }.prefix(20))
            let body = try JSONSerialization.data(withJSONObject: ["deviceList": Array(failing) + others])
            let reply = try await RawHTTP.send(client.base, "POST", "/api/fota/v3/devices/\(client.account)",
                                               headers: authed.authHeaders + [("Content-Type", "application/json")], body: body)
            #expect(reply.status == 200, "\(reply.text)")
            let devices = try #require(try reply.json()["deviceList"] as? [[String: Any]])
            #expect(devices.count == failing.count + others.count)
            for device in devices {
                let id = try #require(device["deviceId"] as? String)
                let eligible = try #require(device["fotaEligible"] as? Bool)
                if failing.contains(id) {
                    #expect(!eligible && device["status"] as? String == "Not Eligible", "\(device)")
                } else {
                    #expect(eligible == (device["status"] as? String == "Active"), "\(device)")
                }
            }
            #expect(failing.count == 4)
            #expect(devices.contains { ($0["fotaEligible"] as? Bool) == true }, "most devices are eligible")
        }
    }
}
