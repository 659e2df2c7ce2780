import Foundation
import Testing
@testable import ThingSpaceAPI

/// The one signal watch, with real signals sent to this process. Serialized, and each signal is
/// raised only while a watch holds it (otherwise its default action would end the test run).
@Suite(.serialized) struct SignalWatchTests {
    /// The action the kernel has for `signal` now.
    static func disposition(_ signal: Int32) -> UInt {
        var current = sigaction()
        sigaction(signal, nil, &current)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: UInt.self)
    }


    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func eachTerminationSignalReachesTheWatchInOrderAndCounts(signal: Int32) async throws {
        let seen = Locked<[(Int32, Int)]>([])
        let before = Self.disposition(signal)
        let watch = SignalWatch { number, count in seen.withLock { $0.append((number, count)) } }
        #expect(Self.disposition(signal) != before, "the watch's handler replaces the action while watched")
        var events = watch.events.makeAsyncIterator()
        // One at a time: a second signal sent while the first is still pending merges with it.
        kill(getpid(), signal)
        let first = try await withDeadline("the first signal on the stream", within: 30, onTimeout: { watch.cancel() }) {
            await events.next()
        }
        kill(getpid(), signal)
        let second = try await withDeadline("the second signal on the stream", within: 30, onTimeout: { watch.cancel() }) {
            await events.next()
        }
        #expect(first == signal && second == signal)
        try await waitUntil("the handler to see both signals", within: 30) { seen.withLock { $0.count } == 2 }
        #expect(seen.withLock { $0.map(\.1) } == [1, 2], "the handler is told how many signals came so far")
        #expect(watch.receivedCount == 2)
        watch.cancel()
        #expect(Self.disposition(signal) == before, "the last watch gone restores the action it had before")
    }

    @Test func twoWatchesBothHearASignalAndTheDefaultReturnsWithTheLast() async throws {
        let before = Self.disposition(SIGHUP)
        let a = SignalWatch([SIGHUP])
        let b = SignalWatch([SIGHUP])
        #expect(SignalRouter.shared.holders(of: SIGHUP) == 2)
        kill(getpid(), SIGHUP)
        var ea = a.events.makeAsyncIterator()
        var eb = b.events.makeAsyncIterator()
        let gotA = try await withDeadline("watch A to hear SIGHUP", within: 30, onTimeout: { a.cancel() }) { await ea.next() }
        let gotB = try await withDeadline("watch B to hear SIGHUP", within: 30, onTimeout: { b.cancel() }) { await eb.next() }
        #expect(gotA == SIGHUP && gotB == SIGHUP)
        a.cancel()
        #expect(Self.disposition(SIGHUP) != before, "B still holds SIGHUP")
        a.cancel()   // idempotent: B's hold is not released twice
        #expect(SignalRouter.shared.holders(of: SIGHUP) == 1)
        b.cancel()
        #expect(Self.disposition(SIGHUP) == before, "the action from before the watches is back")
        #expect(await ea.next() == nil, "a cancelled watch's stream ends")
    }
}
