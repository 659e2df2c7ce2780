import Foundation
import Testing
@testable import ThingSpaceAPI
import ThingSpaceSimulator

/// Paging asks for the next page as soon as a page's bytes arrive (the cursor peeked from them),
/// while the page is decoded and used: the same devices, in order, and no request too many.
@Suite struct PageOverlapTests {
    @Test("reading ahead gives every device once, in order, with one request per page", arguments: [APIVersion.v1, .v3])
    func sameDevicesInOrder(version: APIVersion) async throws {
        try await withSimulator({ $0.devices = 2_050; $0.pageSize = 200 }, apiVersion: version) { sim, client in
            var ids: [String] = []
            var pages = 0
            for try await page in client.deviceListPages() {
                ids += page.devices.map(\.deviceId)
                pages += 1
            }
            #expect(ids == (await sim.allDeviceIds()))
            #expect(pages == 11)
            #expect(await sim.counters().deviceListRequests == 11, "the last page says it is the last: nothing read beyond it")
        }
    }

    @Test("a consumer that stops early leaves at most the one page read ahead")
    func stoppingEarly() async throws {
        try await withSimulator({ $0.devices = 2_000; $0.pageSize = 100 }) { sim, client in
            var iterator = client.deviceListPages().makeAsyncIterator()
            _ = try await iterator.next()
            _ = try await iterator.next()
            try await waitUntil("the third page to be asked for ahead") { await sim.counters().deviceListRequests == 3 }
            #expect(await sim.counters().deviceListRequests == 3)
        }
    }

    @Test("the cursor is read from the bytes: numbers, strings, white space; never from inside a string")
    func peek() {
        func peek(_ text: String) -> String? { CursorPeek.next(in: Data(text.utf8)) }
        #expect(peek(#"{"accountName":"a","hasMoreData":true,"lastSeenDeviceId":352099001761481,"deviceList":[]}"#) == "352099001761481")
        #expect(peek(#"{"deviceList":[], "hasMoreData" : true , "lastSeenDeviceId" : "990008624003211"}"#) == "990008624003211")
        #expect(peek(#"{"hasMoreData":false,"lastSeenDeviceId":0,"deviceList":[]}"#) == nil)
        #expect(peek(#"{"hasMoreData":true,"lastSeenDeviceId":0}"#) == nil)
        #expect(peek(#"{"hasMoreData":true}"#) == nil)
        #expect(peek(#"{"deviceList":[{"model":"x\"lastSeenDeviceId\":111"}],"hasMoreData":true,"lastSeenDeviceId":222}"#) == "222")
        #expect(peek("") == nil)
    }

    @Test("when the decoded page names another cursor than the bytes seemed to, the decoded one is followed")
    func wrongPeekIsDropped() async throws {
        let requested = Locked<[String]>([])
        let pages = Pages<[Int]>(from: "0") { cursor, _ throws(ThingSpaceError) in
            requested.withLock { $0.append(cursor) }
            let n = Int(cursor)!
            let next: String? = n < 30 ? String(n + 10) : nil
            // The bytes always seem to say "999": a guess the decoded page corrects.
            return ArrivedPage(peekedCursor: next == nil ? nil : "999") { () throws(ThingSpaceError) in ([n], next) }
        }
        var seen: [Int] = []
        for try await page in pages { seen += page }
        #expect(seen == [0, 10, 20, 30])
        let asked = requested.withLock { $0 }
        #expect(asked.filter { $0 != "999" } == ["0", "10", "20", "30"])
    }
}
