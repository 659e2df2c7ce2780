import Foundation

/// A page as it arrived, not yet decoded: the next cursor read straight from its bytes (a guess,
/// checked against the decoded page), and the decoding.
struct ArrivedPage<Page: Sendable>: Sendable {
    /// The next page's cursor as the bytes show it; nil on the last page or when not found.
    var peekedCursor: String?
    /// Decodes the page: the page and its next cursor (nil on the last page).
    var decode: @Sendable () throws(ThingSpaceError) -> (Page, String?)
}

/// An async sequence of pages following the IMEI cursor: the first request sends the start
/// cursor (`0`), each next one the `lastSeenDeviceId` of the page before, while the server says
/// there is more data. The cursor is known as soon as a page arrives (`CursorPeek` reads it from
/// the bytes), so the next page is asked for at once, while the current one is decoded, stored or
/// printed: one page ahead, never more. When the decoded page names another cursor than the
/// bytes seemed to, the page read ahead is dropped and the right one asked for. A failed fetch
/// leaves the iterator at the failed page's cursor, so calling `next()` again resumes there.
/// Dropping the iterator cancels the page read ahead. `readsAhead` says which cursors are worth
/// reading ahead (a range that ends before a cursor does not ask for its page).
public struct Pages<Page: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page
    public typealias Failure = ThingSpaceError
    typealias Fetch = @Sendable (_ cursor: String, _ pageNumber: Int) async throws(ThingSpaceError) -> ArrivedPage<Page>
    let start: String
    let firstPageNumber: Int
    let fetch: Fetch
    let readsAhead: @Sendable (String) -> Bool

    init(from start: String = "0", firstPageNumber: Int = 1, readsAhead: @escaping @Sendable (String) -> Bool = { _ in true },
         fetch: @escaping Fetch) {
        self.start = start
        self.firstPageNumber = firstPageNumber
        self.readsAhead = readsAhead
        self.fetch = fetch
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let fetch: Fetch
        let readsAhead: @Sendable (String) -> Bool
        /// The cursor the next page is fetched with; nil after the last page.
        public private(set) var cursor: String?
        /// The number of the next page (1 for the first).
        public private(set) var pageNumber: Int
        var seen: Set<String> = []
        /// The next page, asked for as soon as its cursor was known.
        var ahead: ReadAhead?

        init(fetch: @escaping Fetch, readsAhead: @escaping @Sendable (String) -> Bool, cursor: String?, pageNumber: Int) {
            self.fetch = fetch
            self.readsAhead = readsAhead
            self.cursor = cursor
            self.pageNumber = pageNumber
        }

        public mutating func next() async throws(ThingSpaceError) -> Page? {
            guard let current = cursor else { return nil }
            let arrived: ArrivedPage<Page>
            if let ahead, ahead.cursor == current {
                self.ahead = nil
                arrived = try await ahead.value()
            } else {
                ahead = nil
                arrived = try await fetch(current, pageNumber)
            }
            if let peeked = arrived.peekedCursor, peeked != current, readsAhead(peeked), !Task.isCancelled {
                ahead = ReadAhead(cursor: peeked, pageNumber: pageNumber + 1, fetch: fetch)
            }
            let (page, nextCursor) = try arrived.decode()
            if ahead?.cursor != nextCursor { ahead = nil }
            if let nextCursor {
                // A server that hands back a cursor it already gave would make us loop forever.
                if seen.contains(nextCursor) || nextCursor == current {
                    throw .decoding(what: "the page cursor", detail: "lastSeenDeviceId \(nextCursor) repeats an earlier page; paging stopped")
                }
                seen.insert(nextCursor)
            }
            cursor = nextCursor
            pageNumber += 1
            if let nextCursor, ahead == nil, readsAhead(nextCursor), !Task.isCancelled {
                ahead = ReadAhead(cursor: nextCursor, pageNumber: pageNumber, fetch: fetch)
            }
            return page
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fetch: fetch, readsAhead: readsAhead, cursor: start, pageNumber: firstPageNumber)
    }

    /// One page being read ahead; cancelled when dropped unread, or when its reader is cancelled.
    final class ReadAhead: Sendable {
        let cursor: String
        private let task: Task<Result<ArrivedPage<Page>, ThingSpaceError>, Never>

        init(cursor: String, pageNumber: Int, fetch: @escaping Fetch) {
            self.cursor = cursor
            task = Task {
                do throws(ThingSpaceError) { return .success(try await fetch(cursor, pageNumber)) } catch { return .failure(error) }
            }
        }

        func value() async throws(ThingSpaceError) -> ArrivedPage<Page> {
            let task = self.task
            return try await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }.get()
        }

        deinit { task.cancel() }
    }
}

/// Reads the next page's cursor straight from a page's bytes, before decoding it: the value of
/// the top-level `lastSeenDeviceId` (a number, or a string of digits) when `hasMoreData` is
/// `true`. A guess only (the decoded page decides); nil when either is not found.
enum CursorPeek {
    static let more = Array(#""hasMoreData""#.utf8)
    static let cursor = Array(#""lastSeenDeviceId""#.utf8)

    static func next(in body: Data) -> String? {
        body.withUnsafeBytes { raw -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let moreValue = value(after: more, in: bytes), moreValue.first == UInt8(ascii: "t"),
                  let cursorValue = value(after: cursor, in: bytes) else { return nil }
            var digits = cursorValue.first == UInt8(ascii: "\"") ? cursorValue.dropFirst() : cursorValue[...]
            digits = digits.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard !digits.isEmpty, digits.contains(where: { $0 != UInt8(ascii: "0") }) else { return nil }
            return String(decoding: digits, as: UTF8.self)
        }
    }

    /// Up to 32 bytes of the value after `"key"` and its colon, for a key that is not inside a
    /// string (preceded by `{`, `,` or white space).
    private static func value(after key: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> ArraySlice<UInt8>? {
        guard bytes.count > key.count else { return nil }
        var i = 0
        while i + key.count < bytes.count {
            guard bytes[i] == key[0], bytes[i + 1] == key[1],
                  bytes[i..<(i + key.count)].elementsEqual(key) else { i += 1; continue }
            let before = i == 0 ? UInt8(ascii: "{") : bytes[i - 1]
            var j = i + key.count
            if before == UInt8(ascii: "{") || before == UInt8(ascii: ",") || before == 0x20 || before == 0x0A || before == 0x09 || before == 0x0D {
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x09 || bytes[j] == 0x0D { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: ":") {
                    j += 1
                    while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x09 || bytes[j] == 0x0D { j += 1 }
                    return Array(bytes[j..<min(bytes.count, j + 32)])[...]
                }
            }
            i = j
        }
        return nil
    }
}
