import Foundation
import Testing
@testable import ThingSpaceSimulator

@Suite("Paged GET endpoints")
struct PagingTests {
    @Test("device list: IMEI-cursor paging over 4 pages with a numeric lastSeenDeviceId")
    func deviceListPaging() async throws {
        try await withSimulator({
            $0.devices = 3500
            $0.licenses = 4000
            $0.used = 1200
            $0.pageSize = 1000
        }) { simulator, client in
            let authed = try await client.authenticated()
            var cursor = "0"
            var seen: [String] = []
            var pages = 0
            var licensedFlags = 0
            while true {
                let reply = try await authed.get("/api/fota/v1/devices/\(client.account)/index/\(cursor)")
                #expect(reply.status == 200)
                pages += 1
                let json = try reply.json()
                #expect(json["accountName"] as? String == client.account)
                let list = try #require(json["deviceList"] as? [[String: Any]])
                for device in list {
                    seen.append(try #require(device["deviceId"] as? String))
                    let mdn = try #require(device["mdn"] as? String)
                    #expect(mdn.count == 10 && mdn.allSatisfy(\.isNumber))
                    #expect(device["make"] is String && device["model"] is String && device["firmware"] is String)
                    #expect(device["fotaEligible"] is Bool)
                    #expect(device["upgradeTime"] is String)
                    if try #require(device["licenseAssigned"] as? Bool) { licensedFlags += 1 }
                }
                let hasMore = try #require(json["hasMoreData"] as? Bool)
                // lastSeenDeviceId is a JSON number, not a string.
                #expect(!reply.text.contains("\"lastSeenDeviceId\":\""))
                let last = try #require((json["lastSeenDeviceId"] as? NSNumber)?.int64Value)
                if !hasMore {
                    #expect(last == 0)
                    #expect(list.count == 500)
                    break
                }
                #expect(list.count == 1000)
                #expect(String(last) == seen.last)
                cursor = String(last)
                if pages > 10 { break }
            }
            #expect(pages == 4)
            #expect(seen == (await simulator.allDeviceIds()))
            #expect(seen == seen.sorted())
            #expect(Set(seen).count == 3500)
            #expect(licensedFlags == 1200)
            #expect(await simulator.counters().deviceListRequests == 4)

            let text = try await authed.get("/api/fota/v1/devices/\(client.account)/index/0").text
            #expect(text.contains("\"upgradeTime\":\"01/01/1900 0:0:0\""))
        }
    }

    @Test("licence summary: pages of licensed devices, both timestamp styles, totals")
    func licenseSummaryPaging() async throws {
        try await withSimulator({
            $0.devices = 6000
            $0.licenses = 9000
            $0.used = 2500
            $0.pageSize = 800
            $0.timestamps = .mixed   // the default is RFC 3339 only; mixed keeps both documented styles
        }) { simulator, client in
            let authed = try await client.authenticated()
            var cursor = "0"
            var seen: [String] = []
            var pages = 0
            var sawISO = false
            var sawGo = false
            while pages < 10 {
                let reply = try await authed.get("/api/fota/v1/licenses/\(client.account)/index/\(cursor)")
                #expect(reply.status == 200)
                pages += 1
                let json = try reply.json()
                #expect(json["totalLicenses"] as? Int == 9000)
                #expect(json["assignedLicenses"] as? Int == 2500)
                for device in try #require(json["deviceList"] as? [[String: Any]]) {
                    seen.append(try #require(device["deviceId"] as? String))
                    let time = try #require(device["assignmentTime"] as? String)
                    if time.hasSuffix("Z") && time.contains("T") { sawISO = true }
                    if time.hasSuffix(" +0000 UTC") { sawGo = true }
                }
                let last = try #require((json["lastSeenDeviceId"] as? NSNumber)?.int64Value)
                guard try #require(json["hasMoreData"] as? Bool) else {
                    #expect(last == 0)
                    break
                }
                cursor = String(last)
            }
            #expect(pages == 4)
            #expect(Set(seen) == (await simulator.licensedDeviceIds()))
            #expect(seen.count == 2500)
            #expect(seen == seen.sorted())
            #expect(sawISO && sawGo)
            #expect(await simulator.counters().summaryRequests == 4)
        }
    }

    @Test("paging cursor errors")
    func cursorErrors() async throws {
        try await withSimulator { _, client in
            let authed = try await client.authenticated()
            for base in ["licenses", "devices"] {
                let malformed = try await authed.get("/api/fota/v1/\(base)/\(client.account)/index/abc")
                #expect(malformed.status == 400)
                #expect(try errorMessage(malformed) == "Invalid device id format")
                let short = try await authed.get("/api/fota/v1/\(base)/\(client.account)/index/1000")
                #expect(try errorMessage(short) == "Invalid device id format")
                let foreign = try await authed.get("/api/fota/v1/\(base)/\(client.account)/index/\(foreignIMEI())")
                #expect(foreign.status == 400)
                #expect(try errorCode(foreign) == "INVALID_PARAMETER")
                #expect(try errorMessage(foreign) == "LastSeenDeviceId Not Valid")
            }
        }
    }

    @Test("an empty account pages to nothing")
    func emptyAccount() async throws {
        try await withSimulator({
            $0.devices = 0
            $0.used = 0
        }) { _, client in
            let authed = try await client.authenticated()
            let json = try await authed.get("/api/fota/v1/devices/\(client.account)/index/0").json()
            #expect(json["hasMoreData"] as? Bool == false)
            #expect((json["deviceList"] as? [Any])?.isEmpty == true)
            #expect((json["lastSeenDeviceId"] as? NSNumber)?.int64Value == 0)
        }
    }
}
