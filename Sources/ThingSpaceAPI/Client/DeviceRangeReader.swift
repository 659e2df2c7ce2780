/// Reads the ranges of `ThingSpaceClient.deviceListRanges` in parallel and hands their devices
/// out in order; falls back to one sequential read when the server will not serve the ranges.
struct DeviceRangeReader: Sendable {
    let client: ThingSpaceClient
    /// Ascending; range `i + 1` starts after `starts[i]`.
    let starts: [String]
    let onRetry: RetryObserver?

    /// What a range reports to the reader that orders them.
    enum Piece: Sendable {
        case devices(range: Int, [DeviceInfo], account: String, last: Bool)
        /// The server refused the range's start, or the range was out of order: read sequentially.
        case unusable(range: Int, reason: String)
        case failed(range: Int, ThingSpaceError)
    }

    /// `a` comes before `b` in the device list (IMEI order: shorter first, then by digits).
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.count != b.utf8.count ? a.utf8.count < b.utf8.count : a < b
    }

    func run(_ emit: @escaping @Sendable (DeviceRangeEvent) -> Void) async throws(ThingSpaceError) {
        var delivered: String?   // the last device handed out
        var handedOut: [String] = []   // so a fallback read that starts over repeats nothing
        var account = ""
        let outcome: Piece? = await withTaskGroup(of: Void.self) { group in
            let (pieces, sink) = AsyncStream<Piece>.makeStream()
            let count = starts.count + 1
            for range in 0..<count {
                group.addTask {
                    await readRange(range, sink: sink)
                }
            }
            var current = 0
            var waiting = Array(repeating: [[DeviceInfo]](), count: count)
            var done = Array(repeating: false, count: count)
            func hand(_ devices: [DeviceInfo]) {
                guard let last = devices.last else { return }
                delivered = last.deviceId
                for device in devices { handedOut.append(device.deviceId) }
                emit(.page(DeviceListPage(accountName: account, devices: devices, hasMoreData: true, lastSeenDeviceId: last.deviceId)))
            }
            for await piece in pieces {
                switch piece {
                case .devices(let range, let devices, let name, let last):
                    if account.isEmpty { account = name }
                    if range == current { hand(devices) } else { waiting[range].append(devices) }
                    if last { done[range] = true }
                    while current < count, done[current] {
                        current += 1
                        if current < count {
                            for devices in waiting[current] { hand(devices) }
                            waiting[current] = []
                        }
                    }
                    if current == count {
                        sink.finish()
                        return nil
                    }
                case .unusable, .failed:
                    sink.finish()
                    group.cancelAll()
                    return piece
                }
            }
            return .failed(range: 0, .cancelled)
        }
        switch outcome {
        case nil:
            emit(.page(DeviceListPage(accountName: account, devices: [], hasMoreData: false, lastSeenDeviceId: nil)))
        case .unusable(let range, let reason)?:
            emit(.fellBack(reason: "range \(range + 1): \(reason)"))
            let seen = Set(handedOut)
            for try await var page in client.deviceListPages(from: delivered ?? "0", onRetry: onRetry) {
                if !seen.isEmpty { page.devices.removeAll { seen.contains($0.deviceId) } }
                emit(.page(page))
            }
        case .failed(_, let error)?:
            throw error
        case .devices?:
            break
        }
    }

    /// Reads range `range` page by page, one page ahead (`Pages`: the next page is asked for as
    /// soon as the current one arrives, unless the range ends before it), keeping the devices up
    /// to and including the next range's start (the seam), checking that every device follows the
    /// one before.
    private func readRange(_ range: Int, sink: AsyncStream<Piece>.Continuation) async {
        let start = range == 0 ? "0" : starts[range - 1]
        let end: String? = range < starts.count ? starts[range] : nil
        var previous: String? = range == 0 ? nil : start
        var pages = rangePages(range, from: start, end: end).makeAsyncIterator()
        while !Task.isCancelled {
            let page: DeviceListPage
            do {
                guard let next = try await pages.next() else { return }
                page = next
            } catch {
                if case .decoding(what: "the page cursor", let detail) = error {
                    // A cursor that goes back to an earlier page: the range is out of order.
                    sink.yield(.unusable(range: range, reason: "the range is out of order: \(detail)"))
                } else if range > 0, let status = error.httpStatus, (400..<500).contains(status), status != 401, status != 429 {
                    sink.yield(.unusable(range: range, reason: "the server refused the cursor \(pages.cursor ?? start): \(error)"))
                } else {
                    sink.yield(.failed(range: range, error))
                }
                return
            }
            var kept: [DeviceInfo] = []
            kept.reserveCapacity(page.devices.count)
            var reachedEnd = false
            for device in page.devices {
                if let previous, !Self.precedes(previous, device.deviceId) {
                    sink.yield(.unusable(range: range, reason: "device \(device.deviceId) came after \(previous): the range is out of order"))
                    return
                }
                previous = device.deviceId
                if let end, !Self.precedes(device.deviceId, end) {
                    if device.deviceId == end { kept.append(device) }
                    reachedEnd = true
                    break
                }
                kept.append(device)
            }
            let last = reachedEnd || page.nextCursor == nil
            sink.yield(.devices(range: range, kept, account: page.accountName, last: last))
            if last { return }
        }
    }

    /// The pages of range `range` from `start`; a page after a cursor at or beyond `end` is not
    /// read ahead (the range ends in the page before it).
    private func rangePages(_ range: Int, from start: String, end: String?) -> Pages<DeviceListPage> {
        let client = self.client, onRetry = self.onRetry
        return Pages(from: start, readsAhead: { cursor in end.map { Self.precedes(cursor, $0) } ?? true }) { cursor, number throws(ThingSpaceError) in
            let step = "device list range \(range + 1) page \(number)"
            let body = try await client.reading(step, observer: onRetry) { () async throws(ThingSpaceError) in
                try await client.authorized(method: "GET", path: client.dialect.deviceListPath(account: client.account, cursor: cursor), body: nil).body
            }
            let host = client.configuration.hostDescription
            return ArrivedPage(peekedCursor: CursorPeek.next(in: body)) { () throws(ThingSpaceError) in
                do throws(ThingSpaceError) {
                    let page = try client.dialect.decodeDeviceList(body)
                    return (page, page.nextCursor)
                } catch {
                    throw error.during("reading the \(step)", host: host)
                }
            }
        }
    }
}
