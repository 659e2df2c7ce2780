import Foundation
import Testing
import ThingSpaceSimulator

@Suite("devices --parallel --since-file")
struct ParallelDevicesTests {
    @Test("ranges from an earlier listing print the same rows as one sequential read, in every format")
    func sameRowsAsSequential() async throws {
        try await withCLI({ $0.devices = 2_600; $0.pageSize = 200 }) { sim, box in
            let before = try await box.run(["devices", "--format", "csv"], environment: sim.environment)
            #expect(before.status == 0, "\(before)")
            let listing = try box.file("before.csv", before.stdout)
            for format in ["csv", "json", "table"] {
                let sequential = try await box.run(["devices", "--format", format], environment: sim.environment)
                let parallel = try await box.run(["devices", "--parallel", "4", "--since-file", listing, "--format", format],
                                                 environment: sim.environment)
                #expect(parallel.status == 0, "\(parallel)")
                #expect(parallel.stdout == sequential.stdout, "\(format)")
                #expect(!parallel.stderr.contains("one page after another"), "no fallback: \(parallel.stderr)")
            }
            #expect(before.stdoutLines.count == 2_601)
        }
    }

    @Test("a listing with a device no longer in the account falls back, and still prints every device once")
    func goneDeviceFallsBack() async throws {
        try await withCLI({ $0.devices = 1_200; $0.pageSize = 100 }) { sim, box in
            let all = await sim.simulator.allDeviceIds()
            // An IMEI between two of the account's: the server refuses it as a cursor.
            var gone = UInt64(all[600])! + 1
            while all.contains(String(gone)) { gone += 1 }
            var listed = all
            listed[600] = String(gone)
            let listing = try box.file("old.txt", listed.joined(separator: "\n") + "\n")
            let result = try await box.run(["devices", "--parallel", "2", "--since-file", listing, "--format", "csv"],
                                           environment: sim.environment)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdoutLines.dropFirst().map { String($0.prefix(15)) } == all)
            #expect(result.stderr.contains("one page after another"))
        }
    }

    @Test("bad combinations are usage errors")
    func usage() async throws {
        try await withCLI { sim, box in
            let alone = try await box.run(["devices", "--parallel", "4"], environment: sim.environment)
            #expect(alone.status == 2)
            #expect(alone.stderr.contains("--parallel needs --since-file"))
            let many = try await box.run(["devices", "--parallel", "40", "--since-file", "x"], environment: sim.environment)
            #expect(many.status == 2)
            #expect(many.stderr.contains("--parallel must be 2...16"))
            let missing = try await box.run(["devices", "--parallel", "2", "--since-file", "/nonexistent/list.csv"],
                                            environment: sim.environment)
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("--since-file"))
        }
    }
}
