import Dispatch
import Foundation
import Testing
import TestSupport
@testable import RunJournal

/// The run lock under contention: taking over a stale lock, a lock being taken, and testing a
/// lock without getting in a taker's way. Threads of this process stand for processes: the lock
/// belongs to an open file, so two opens conflict as two processes do.
@Suite struct RunLockTests {
    /// Eight takers at once, a hundred rounds, each round starting from a stale lock file (a process
    /// that is gone): exactly one taker gets each round's lock, the others are told it runs.
    @Test func ofTakersRacingForAStaleLockExactlyOneWins() async throws {
        try await withStore { store, _ in
            try store.prepare()
            for round in 0..<100 {
                let runId = "20261203T090000Z-\(String(format: "%06d", round))"
                let stale = LockHolder(pid: Int32.max - 7, host: JournalIdentity.host, refreshedAt: JournalClock.now())
                try JSONEncoder().encode(stale).write(to: URL(fileURLWithPath: store.lockPath(runId)))
                let split = await offPool {
                    let outcomes = Outcomes()
                    DispatchQueue.concurrentPerform(iterations: 8) { _ in
                        do { outcomes.add(.success(try RunLock.acquire(store, runId: runId))) } catch { outcomes.add(.failure(error)) }
                    }
                    return outcomes.split()
                }
                let (won, refused) = (split.won, split.refused)
                #expect(won.count == 1, "round \(round): \(won.count) takers hold the lock")
                #expect(refused.count == 7 && refused.allSatisfy { if case .running = $0 { true } else { false } },
                        "round \(round): \(refused)")
                #expect(RunLock.liveHolder(store, runId: runId)?.pid == getpid())
                for lock in won { lock.release() }
                #expect(RunLock.liveHolder(store, runId: runId) == nil)
            }
        }
    }

    /// Testing the lock (as `history` does for every run) while takers race never makes a taker
    /// fail, and a run taken and released over and over is free afterwards.
    @Test func testingALockNeverGetsInATakersWay() async throws {
        try await withStore { store, _ in
            try store.prepare()
            let runId = "20261203T090000Z-aaaaaa"
            let stop = Flag()
            let watcher = Thread {
                while !stop.isSet { _ = RunLock.liveHolder(store, runId: runId) }
            }
            watcher.start()
            defer { stop.set() }
            let (taken, seenHeld) = await offPool {
                var taken = 0, seenHeld = 0
                for _ in 0..<300 {
                    guard let lock = try? RunLock.acquire(store, runId: runId) else { continue }
                    taken += 1
                    if RunLock.liveHolder(store, runId: runId)?.pid == getpid() { seenHeld += 1 }
                    lock.release()
                }
                return (taken, seenHeld)
            }
            #expect(taken == 300 && seenHeld == 300)
            #expect(RunLock.liveHolder(store, runId: runId) == nil)
        }
    }

    /// The holder's file names it; a holder that has the lock but has not written its file yet
    /// is still a holder (a second taker is refused, not let in).
    @Test func aLockedFileNotYetWrittenIsHeld() async throws {
        try await withStore { store, _ in
            try store.prepare()
            let runId = "20261203T090000Z-bbbbbb"
            let path = store.lockPath(runId)
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            #expect(fd >= 0)
            defer { close(fd) }
            #expect(FileLock.tryLock(fd))
            #expect(RunLock.liveHolder(store, runId: runId) == LockHolder.unknown)
            #expect {
                try RunLock.acquire(store, runId: runId)
            } throws: { error in
                guard case JournalError.running(_, let holder) = error else { return false }
                return holder == LockHolder.unknown
            }
        }
    }
}

private struct Split: Sendable {
    var won: [RunLock]
    var refused: [JournalError]
}

private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Result<RunLock, Error>] = []
    func add(_ r: Result<RunLock, Error>) { lock.withLock { items.append(r) } }
    func split() -> Split {
        lock.withLock {
            Split(won: items.compactMap { try? $0.get() },
                  refused: items.compactMap { if case .failure(let e) = $0 { e as? JournalError } else { nil } })
        }
    }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
