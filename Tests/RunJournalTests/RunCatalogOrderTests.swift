import Foundation
@testable import RunJournal
import Testing
import ThingSpaceAPI

/// `history` lists newest first: run ids name only the second a run started, so runs of the
/// same second are ordered by their start time in milliseconds, and a limit keeps the newest.
@Suite("run catalog: newest first, to the millisecond")
struct RunCatalogOrderTests {
    /// A finished run with `id`, started at `at`, written by hand to `store`.
    static func write(_ store: JournalStore, id: String, at: String) throws {
        var start = RunFoldTests.start()
        start.runId = id
        start.at = at
        var data = Data()
        for record in [start, RunFoldTests.end(.completed)] { data.append(try record.line()) }
        try data.write(to: URL(fileURLWithPath: store.journalPath(id)))
    }

    @Test func runsOfTheSameSecondListByTheirMilliseconds() async throws {
        try await withStore { store, _ in
            try store.prepare()
            // The random suffixes sort against the start times on purpose.
            try Self.write(store, id: "20261128T063012Z-ffffff", at: "2026-11-28T06:30:12.100Z")
            try Self.write(store, id: "20261128T063012Z-000000", at: "2026-11-28T06:30:12.900Z")
            try Self.write(store, id: "20261128T063012Z-888888", at: "2026-11-28T06:30:12.500Z")
            try Self.write(store, id: "20261128T063011Z-ffffff", at: "2026-11-28T06:30:11.999Z")
            let catalog = RunCatalog(store: store)
            let (runs, problems) = catalog.list()
            #expect(problems.isEmpty)
            #expect(runs.map(\.id) == ["20261128T063012Z-000000", "20261128T063012Z-888888",
                                       "20261128T063012Z-ffffff", "20261128T063011Z-ffffff"])
            // A limit that falls inside a second still keeps the newest of that second.
            #expect(catalog.list(limit: 1).runs.map(\.id) == ["20261128T063012Z-000000"])
            #expect(catalog.list(limit: 2).runs.map(\.id) == ["20261128T063012Z-000000", "20261128T063012Z-888888"])
            #expect(catalog.list(limit: 0).runs.isEmpty)
            #expect(catalog.list(limit: 9).runs.count == 4)
        }
    }
}
