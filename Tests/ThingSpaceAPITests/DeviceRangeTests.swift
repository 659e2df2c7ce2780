import Foundation
import Testing
@testable import ThingSpaceAPI
import ThingSpaceSimulator

/// The device list read as ranges in parallel (the console's `r`), over loopback.
@Suite struct DeviceRangeTests {
    static func read(_ client: ThingSpaceClient, _ starts: [String]) async throws -> (ids: [String], fellBack: [String], pages: Int) {
        let trail = Trail()
        let reading = Task {
            var ids: [String] = []
            var fellBack: [String] = []
            var pages = 0
            var ended = false
            for try await event in client.deviceListRanges(startingAt: starts) {
                #expect(!ended, "nothing follows the last page")
                switch event {
                case .page(let page):
                    trail.add("page of \(page.devices.count) from \(page.devices.first?.deviceId ?? "-"), last \(page.isLastPage)")
                    ids += page.devices.map(\.deviceId)
                    pages += 1
                    ended = page.isLastPage
                    if !ended { #expect(page.nextCursor == ids.last, "each page says where a sequential read continues") }
                case .fellBack(let reason):
                    trail.add("fell back: \(reason)")
                    fellBack.append(reason)
                }
            }
            #expect(ended, "the last page says it is the last")
            return (ids, fellBack, pages)
        }
        return try await withDeadline("the ranges to be read", trail: trail, onTimeout: { reading.cancel() }) { try await reading.value }
    }

    /// A server of `all` in pages of 10 (v1 device-list bodies); `from` gives the index of a
    /// page's first device for the cursor asked with.
    static func pagesOfTen(_ all: [String], from: @escaping @Sendable (String) -> Int) throws -> CannedServer {
        try CannedServer { r in
            if let auth = HostileServerTests.authOK(r) { return auth }
            let start = from(String(r.path.split(separator: "/").last ?? "0"))
            let page = Array(all[start..<min(all.count, start + 10)])
            let more = start + 10 < all.count
            let devices = page.map { #"{"deviceId":"\#($0)","licenseAssigned":false}"# }.joined(separator: ",")
            return .response(status: 200, headers: [:], body: #"{"accountName":"0242078689-00001","hasMoreData":\#(more),"lastSeenDeviceId":\#(more ? page.last! : "0"),"deviceList":[\#(devices)]}"#)
        }
    }

    @Test("four ranges give every device once, in IMEI order, seams included")
    func rangesMatchSequential() async throws {
        try await withSimulator({ $0.devices = 5_000; $0.pageSize = 300 }) { sim, client in
            let all = await sim.allDeviceIds()
            let starts = ThingSpaceClient.rangeStarts(knownIds: all, ranges: 4)
            #expect(starts.count == 3)
            #expect(starts.allSatisfy { all.contains($0) })
            let (ids, fellBack, _) = try await Self.read(client, starts)
            #expect(fellBack.isEmpty)
            #expect(ids == all)
            // Sequentially: 17 pages of 300. In ranges: each range ends on the page holding the next start.
            let requests = await sim.counters().deviceListRequests
            #expect(requests >= 17 && requests <= 17 + 3)
        }
    }

    @Test("starts taken from an unsorted sample are sorted; too few devices read sequentially")
    func startsFromSamples() {
        let ids = (0..<40).map { String(352099001000000 + $0 * 7) }
        #expect(ThingSpaceClient.rangeStarts(knownIds: ids, ranges: 4) == [ids[10], ids[20], ids[30]])
        #expect(ThingSpaceClient.rangeStarts(knownIds: ids.reversed(), ranges: 4) == [ids[9], ids[19], ids[29]])
        #expect(ThingSpaceClient.rangeStarts(knownIds: Array(ids.prefix(7)), ranges: 4) == [])
        #expect(ThingSpaceClient.rangeStarts(knownIds: ids, ranges: 1) == [])
    }

    @Test("a start the server refuses (no longer in the account) falls back to one sequential read")
    func refusedStartFallsBack() async throws {
        try await withSimulator({ $0.devices = 3_000; $0.pageSize = 250 }) { sim, client in
            let all = await sim.allDeviceIds()
            let known = Set(all)
            var gone = UInt64(all[1_500])! + 1
            while known.contains(String(gone)) { gone += 1 }
            let starts = [all[700], String(gone), all[2_300]]
            let (ids, fellBack, _) = try await Self.read(client, starts)
            #expect(fellBack.count == 1)
            #expect(fellBack.first?.contains("refused the cursor \(gone)") == true)
            #expect(ids == all)
        }
    }

    @Test("a range out of order (a server that starts over at a cursor it never gave) falls back; nothing repeats")
    func outOfOrderFallsBack() async throws {
        let all = (0..<95).map { String(352099001000000 + $0 * 13) }
        // Pages of 10, honouring only the cursors it handed out; any other cursor starts over.
        let server = try Self.pagesOfTen(all) { all.firstIndex(of: $0).flatMap { $0 % 10 == 9 ? $0 + 1 : nil } ?? 0 }
        defer { server.stop() }
        let client = HostileServerTests().client(server, timeout: 30)
        let (ids, fellBack, _) = try await Self.read(client, [all[33], all[61]])
        #expect(fellBack.count == 1)
        #expect(fellBack.first?.contains("out of order") == true)
        #expect(ids == all)
    }

    @Test("each range reads one page ahead but never a page beyond its end: every page asked for once")
    func noPageBeyondARangeIsRead() async throws {
        let all = (0..<95).map { String(352099001000000 + $0 * 13) }
        // Pages of 10 after any cursor of the account.
        let server = try Self.pagesOfTen(all) { all.firstIndex(of: $0).map { $0 + 1 } ?? 0 }
        defer { server.stop() }
        let client = HostileServerTests().client(server, timeout: 30)
        let (ids, fellBack, _) = try await Self.read(client, [all[33], all[61]])
        #expect(fellBack.isEmpty)
        #expect(ids == all)
        let cursors = server.requests.filter { $0.path.contains("/devices/") }.map { String($0.path.split(separator: "/").last ?? "") }
        // Range 1: 0, 9, 19, 29 (ends in 30...39); range 2: 33, 43, 53 (ends in 54...63); range 3: 61 to the end.
        let expected = ["0", all[9], all[19], all[29], all[33], all[43], all[53], all[61], all[71], all[81], all[91]]
        #expect(cursors.sorted() == expected.sorted(), "\(cursors)")
    }
}
