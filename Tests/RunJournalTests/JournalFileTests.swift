import Foundation
@testable import RunJournal
import Testing
import ThingSpaceAPI

@Suite("journal file: group commit, permissions, torn lines")
struct JournalFileTests {
    func intent(_ n: Int) -> JournalRecord {
        var r = JournalRecord(type: .intent)
        r.batch = n
        r.attempt = 1
        r.devices = ["35209900176148\(n % 10)"]
        return r
    }

    @Test func concurrentAppendsShareOneFsync() async throws {
        try await withStore { store, _ in
            try store.prepare()
            let file = try JournalFile(path: store.journalPath("group"))
            file.suspendWriter()
            let appends = 40
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<appends { group.addTask { try await file.append([intent(n)]) } }
                // Every append is waiting for the disk before the writer may run.
                let deadline = ContinuousClock.now + .seconds(60)
                while file.waitingCount < appends {
                    guard ContinuousClock.now < deadline else {
                        Issue.record("only \(file.waitingCount) of \(appends) appends arrived within 60 s")
                        break
                    }
                    try await Task.sleep(for: .milliseconds(5))
                }
                file.resumeWriter()
                try await group.waitForAll()
            }
            #expect(file.syncCount == 1, "40 concurrent batches share one fsync, got \(file.syncCount)")
            try await file.close()
            let read = try JournalReader.read(path: store.journalPath("group"))
            #expect(Set(read.records.compactMap(\.batch)) == Set(0..<appends))
            #expect(read.problems.isEmpty)
        }
    }

    @Test func queuedRecordsGoWithTheNextDurableOne() async throws {
        try await withStore { store, _ in
            try store.prepare()
            let file = try JournalFile(path: store.journalPath("queued"))
            file.enqueue([intent(1), intent(2)])
            #expect(file.syncCount == 0)
            try await file.append([intent(3)])
            #expect(file.syncCount == 1)
            let read = try JournalReader.read(path: store.journalPath("queued"))
            #expect(read.records.compactMap(\.batch) == [1, 2, 3])
        }
    }

    @Test func directoryAndFileAreOwnerOnly() async throws {
        try await withStore { store, root in
            // A directory created too open is made owner-only.
            try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o755])
            try store.prepare()
            let file = try JournalFile(path: store.journalPath("perm"))
            try await file.append([intent(1)])
            #expect(mode(store.directory) == 0o700)
            #expect(mode(store.journalPath("perm")) == 0o600)
            #expect(store.directory.hasPrefix(root) && store.directory.hasSuffix("tslicense/runs"))
            #expect(JournalStore(stateDirectory: "/s/tslicense", demo: true).directory == "/s/tslicense/demo-runs")
        }
    }

    @Test func aTornLastLineIsReportedNotFatalAndCutBeforeAppending() async throws {
        try await withStore { store, _ in
            try store.prepare()
            let path = store.journalPath("torn")
            var data = try intent(1).line()
            data.append(try intent(2).line())
            data.append(Data(#"{"type":"outcome","at":"2026-01-0"#.utf8))
            try data.write(to: URL(fileURLWithPath: path))
            let read = try JournalReader.read(path: path)
            #expect(read.records.compactMap(\.batch) == [1, 2])
            #expect(read.problems == ["line 3 is incomplete (the process ended while writing it); ignored"])

            let file = try JournalFile(path: path)
            #expect(file.repaired > 0)
            try await file.append([intent(3)])
            let after = try JournalReader.read(path: path)
            #expect(after.records.compactMap(\.batch) == [1, 2, 3])
            #expect(after.problems.isEmpty)
        }
    }

    @Test func aGarbledMiddleLineIsSkippedAndNamed() throws {
        var data = try intent(1).line()
        data.append(Data("not json\n".utf8))
        data.append(try intent(2).line())
        let read = JournalReader.parse(data)
        #expect(read.records.compactMap(\.batch) == [1, 2])
        #expect(read.problems == ["line 2 is not a journal record; ignored"])
    }
}
