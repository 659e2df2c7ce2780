import Benchmark
import Drawing
import Foundation
import LicenseConsole
import ThingSpaceAPI

/// `cd Benchmarks && swift package benchmark` (release build; see the README's Performance section).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal], warmupIterations: 1,
                                           maxDuration: .seconds(3), maxIterations: 30)
    consoleBenchmarks()
    grepBaseline()
    clientBenchmarks()
}

func consoleBenchmarks() {
    Benchmark("filter: first keystroke, 1,000,000 devices (full scan)") { benchmark in
        var s = Fixtures.millionFiltering
        benchmark.startMeasurement()
        _ = update(&s, .key(.char("q")))
        benchmark.stopMeasurement()
        blackHole(s.shownCount)
    }

    Benchmark("filter: narrowing keystroke, 1,000,000 devices (within the first's result)") { benchmark in
        var s = Fixtures.millionFilteredOnce
        benchmark.startMeasurement()
        _ = update(&s, .key(.char("u")))
        benchmark.stopMeasurement()
        blackHole(s.shownCount)
    }

    // Sort changes (`>` to the next column, `~` to reverse), each from a console sorted by the
    // column before; budget: each / the first keystroke above <= 3 (issue 14).
    sortBenchmark("sort: by IMEI, 1,000,000 devices (from load order; IMEIs ascending as listed)",
                  from: { Fixtures.million }, key: ">", expect: TableSort(column: .imei))
    sortBenchmark("sort: by MDN, 1,000,000 devices (from IMEI; MDNs in random order)",
                  from: { Fixtures.millionByIMEI }, key: ">", expect: TableSort(column: .mdn))
    sortBenchmark("sort: by model, 1,000,000 devices (from make; an interned column)",
                  from: { Fixtures.millionByMake }, key: ">", expect: TableSort(column: .model))
    sortBenchmark("sort: reverse IMEI, 1,000,000 devices (~)",
                  from: { Fixtures.millionByIMEI }, key: "~", expect: TableSort(column: .imei, descending: true))
    sortBenchmark("sort: reverse MDN, 1,000,000 devices (~)",
                  from: { Fixtures.millionByMDN }, key: "~", expect: TableSort(column: .mdn, descending: true))

    Benchmark("frame: view at 200x50, 1,000,000 devices") { benchmark in
        let s = Fixtures.million
        benchmark.startMeasurement()
        let grid = view(s, width: 200, height: 50)
        benchmark.stopMeasurement()
        blackHole(grid)
    }

    Benchmark("store: bytes per device, 1,000,000 devices",
              configuration: .init(metrics: [.custom("bytes per device")], warmupIterations: 0, maxIterations: 3)) { benchmark in
        let before = HeapBytes.inUse()
        let s = Fixtures.state(devices: 1_000_000)
        let after = HeapBytes.inUse()
        benchmark.measurement(.custom("bytes per device"), (after - before) / 1_000_000)
        blackHole(s.store.count)
    }
}

/// One sort key pressed on a copy of `from()`; checks the sort it gave (outside the measurement).
func sortBenchmark(_ name: String, from: @escaping @Sendable () -> ConsoleState, key: Character, expect: TableSort) {
    Benchmark(name) { benchmark in
        var s = from()
        benchmark.startMeasurement()
        _ = update(&s, .key(.char(key)))
        benchmark.stopMeasurement()
        precondition(s.picker.sort == expect, "\(name): sorted \(s.picker.sort.words)")
        blackHole(s.shownCount)
    }
}

func clientBenchmarks() {
    Benchmark("client: decode a 1,000-device page (in-process transport)") { benchmark in
        let transport = InProcessTransport(devicePage: Fixtures.devicePageJSON(count: 1000))
        let client = transport.client()
        _ = try await client.deviceListPage(after: "0")   // signs in once, outside the measurement
        benchmark.startMeasurement()
        let page = try await client.deviceListPage(after: "0")
        benchmark.stopMeasurement()
        blackHole(page.devices.count)
    }

    let ids = (0..<10_000).map { Fixtures.device($0).deviceId }
    let batches = stride(from: 0, to: ids.count, by: 100).map { Array(ids[$0..<min(ids.count, $0 + 100)]) }
    let transport = InProcessTransport(batches: batches)

    Benchmark("client: 10 assign requests of 100 (in-process transport)") { benchmark in
        let client = transport.client()
        _ = try await client.send(.assign, deviceIds: batches[0])
        benchmark.startMeasurement()
        for batch in batches.prefix(10) { blackHole(try await client.send(.assign, deviceIds: batch).devices.count) }
        benchmark.stopMeasurement()
    }

    Benchmark("run engine: 100 requests of 100, concurrency 4 (in-process transport)") { benchmark in
        let client = transport.client()
        _ = try await client.send(.assign, deviceIds: batches[0])
        let engine = RunEngine(client: client, options: RunOptions(batchSize: 100, concurrency: 4))
        benchmark.startMeasurement()
        let summary = await engine.start(.assign, deviceIds: ids).summary()
        benchmark.stopMeasurement()
        blackHole(summary?.results.count)
    }
}
