/// What a device-list read in ranges hands out, in IMEI order.
public enum DeviceRangeEvent: Sendable, Equatable {
    /// Devices in IMEI order, seams de-duplicated. `lastSeenDeviceId` is the last device handed
    /// out so far (a sequential read continues after it); `hasMoreData` is false on the last one.
    case page(DeviceListPage)
    /// The ranges were given up (a range start refused, or a range out of order): the rest is
    /// read sequentially after the last device handed out.
    case fellBack(reason: String)
}

extension ThingSpaceClient {
    /// Up to `ranges - 1` IMEIs of `knownIds` (the devices read last time, any order) that split
    /// them into `ranges` parts of about the same size, ascending: where the ranges after the
    /// first start. Empty when there are too few devices to split.
    public static func rangeStarts(knownIds: [String], ranges: Int) -> [String] {
        guard ranges > 1, knownIds.count >= ranges * 2 else { return [] }
        var picks = (1..<ranges).map { knownIds[$0 * knownIds.count / ranges] }
        if !zip(picks, picks.dropFirst()).allSatisfy({ DeviceRangeReader.precedes($0, $1) }) {
            picks.sort(by: DeviceRangeReader.precedes)
        }
        var unique: [String] = []
        for id in picks where unique.last != id { unique.append(id) }
        return unique
    }

    /// The whole device list read as `starts.count + 1` ranges in parallel: the first from the
    /// start, each next one from a known IMEI of the account (`starts`, ascending) up to and
    /// including the next start. Devices arrive in IMEI order (a range's pages wait until the
    /// ranges before it are done), every device once. When the server refuses a start or a range
    /// comes back out of order, the ranges are given up and the rest is read sequentially
    /// (`.fellBack`). Other errors end the stream; the last page handed out says where a
    /// sequential read continues. Cancelling the consumer cancels every range.
    public func deviceListRanges(startingAt starts: [String],
                                 onRetry: RetryObserver? = nil) -> AsyncThrowingStream<DeviceRangeEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<DeviceRangeEvent, any Error>.makeStream()
        let reader = DeviceRangeReader(client: self, starts: starts, onRetry: onRetry)
        let task = Task {
            do throws(ThingSpaceError) {
                try await reader.run { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
