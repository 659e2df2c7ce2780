/// An async sequence of pages following the IMEI cursor: the first request sends the start
/// cursor (`0`), each next one the `lastSeenDeviceId` of the page before, while the server says
/// there is more data. The cursor is known as soon as a page arrives, so the next page is asked
/// for at once, while the consumer decodes, stores or prints the current one: one page ahead,
/// never more. A failed fetch leaves the iterator at the failed page's cursor, so calling
/// `next()` again resumes there. Dropping the iterator cancels the page read ahead.
public struct Pages<Page: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page
    public typealias Failure = ThingSpaceError
    typealias Fetch = @Sendable (_ cursor: String, _ pageNumber: Int) async throws(ThingSpaceError) -> (Page, String?)
    let start: String
    let firstPageNumber: Int
    let fetch: Fetch

    init(from start: String = "0", firstPageNumber: Int = 1, fetch: @escaping Fetch) {
        self.start = start
        self.firstPageNumber = firstPageNumber
        self.fetch = fetch
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let fetch: Fetch
        /// The cursor the next page is fetched with; nil after the last page.
        public private(set) var cursor: String?
        /// The number of the next page (1 for the first).
        public private(set) var pageNumber: Int
        var seen: Set<String> = []
        /// The next page, asked for as soon as its cursor was known.
        var ahead: ReadAhead?

        init(fetch: @escaping Fetch, cursor: String?, pageNumber: Int) {
            self.fetch = fetch
            self.cursor = cursor
            self.pageNumber = pageNumber
        }

        public mutating func next() async throws(ThingSpaceError) -> Page? {
            guard let current = cursor else { return nil }
            let fetched: (Page, String?)
            if let ahead, ahead.cursor == current {
                self.ahead = nil
                fetched = try await ahead.value()
            } else {
                ahead = nil
                fetched = try await fetch(current, pageNumber)
            }
            let (page, nextCursor) = fetched
            if let nextCursor {
                // A server that hands back a cursor it already gave would make us loop forever.
                if seen.contains(nextCursor) || nextCursor == current {
                    throw .decoding(what: "the page cursor", detail: "lastSeenDeviceId \(nextCursor) repeats an earlier page; paging stopped")
                }
                seen.insert(nextCursor)
            }
            cursor = nextCursor
            pageNumber += 1
            if let nextCursor, !Task.isCancelled {
                ahead = ReadAhead(cursor: nextCursor, pageNumber: pageNumber, fetch: fetch)
            }
            return page
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fetch: fetch, cursor: start, pageNumber: firstPageNumber)
    }

    /// One page being read ahead; cancelled when dropped unread, or when its reader is cancelled.
    final class ReadAhead: Sendable {
        let cursor: String
        private let task: Task<Result<(Page, String?), ThingSpaceError>, Never>

        init(cursor: String, pageNumber: Int, fetch: @escaping Fetch) {
            self.cursor = cursor
            task = Task {
                do throws(ThingSpaceError) { return .success(try await fetch(cursor, pageNumber)) } catch { return .failure(error) }
            }
        }

        func value() async throws(ThingSpaceError) -> (Page, String?) {
            let task = self.task
            return try await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }.get()
        }

        deinit { task.cancel() }
    }
}
