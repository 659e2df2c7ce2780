import NIOCore

/// The open connections that have carried a request, so `kill()` can close them all at once
/// (a server that dies does not finish its answers).
final class ConnectionRegistry: Sendable {
    private let open = LockedBox<[ObjectIdentifier: any Channel]>([:])
    private let closedAll = LockedBox(false)

    /// Remembers `channel` until it closes; a channel seen after `closeAll()` is closed at once.
    func track(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        let refused = closedAll.withLock { $0 }
        if refused {
            channel.close(promise: nil)
            return
        }
        let isNew = open.withLock { channels -> Bool in
            guard channels[key] == nil else { return false }
            channels[key] = channel
            return true
        }
        guard isNew else { return }
        channel.closeFuture.whenComplete { [open] _ in
            _ = open.withLock { $0.removeValue(forKey: key) }
        }
    }

    /// Closes every tracked connection, and any that shows up later.
    func closeAll() {
        closedAll.withLock { $0 = true }
        let channels = open.withLock { channels -> [any Channel] in
            let all = Array(channels.values)
            channels.removeAll()
            return all
        }
        for channel in channels { channel.close(promise: nil) }
    }
}
