import Benchmark
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The filter's baseline (issue 14: first keystroke / `grep -F -i -c` ≤ 1.5): grep counting the
/// lines that hold the same query over the same 1,000,000 devices written one per line (the
/// fields the filter searches: IMEI, MDN, make, model), in the C locale, spawned and waited for.
func grepBaseline() {
    Benchmark("baseline: grep -F -i -c q over the same 1,000,000 devices, one per line (LC_ALL=C)") { benchmark in
        let path = GrepBaseline.millionLines
        benchmark.startMeasurement()
        let count = GrepBaseline.count("q", in: path)
        benchmark.stopMeasurement()
        blackHole(count)
    }
}

enum GrepBaseline {
    /// The million devices, `imei \t mdn \t make \t model` a line, in a temporary file (once).
    static let millionLines: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tslicense-bench-devices-\(getpid()).txt").path
        var text = [UInt8]()
        text.reserveCapacity(60_000_000)
        for n in 0..<1_000_000 {
            let d = Fixtures.device(n)
            text.append(contentsOf: "\(d.deviceId)\t\(d.mdn)\t\(d.make)\t\(d.model)\n".utf8)
        }
        _ = FileManager.default.createFile(atPath: path, contents: Data(text))
        atexit { unlink(FileManager.default.temporaryDirectory.appendingPathComponent("tslicense-bench-devices-\(getpid()).txt").path) }
        return path
    }()

    /// `grep -F -i -c query path` in the C locale: the count it prints, or -1 when it failed.
    static func count(_ query: String, in path: String) -> Int {
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else { return -1 }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        let argv = ["grep", "-F", "-i", "-c", query, path]
        var cargs = argv.map { strdup($0) } + [nil]
        var cenv: [UnsafeMutablePointer<CChar>?] = [strdup("LC_ALL=C"), strdup("PATH=/usr/bin:/bin"), nil]
        defer { for p in cargs + cenv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, "grep", &actions, nil, &cargs, &cenv)
        close(pipeFDs[1])
        defer { close(pipeFDs[0]) }
        guard rc == 0 else { return -1 }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(pipeFDs[0], &buffer, buffer.count)
            if n > 0 { output += buffer[0..<n] } else if n < 0 && errno == EINTR { continue } else { break }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Int(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}
