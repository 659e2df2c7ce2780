import Foundation
import Testing
import ThingSpaceSimulator

/// A second client, written apart from ours (Python's standard library, `scripts/independent-client.py`),
/// sends the reference's request shapes to the simulator and checks the documented answers, so a
/// contract mistake our client and simulator share shows up. Runs only where `python3` exists.
@Suite struct IndependentClientTests {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3", "/root/.pyenv/shims/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/independent-client.py")

    @Test(.enabled(if: python != nil, "python3 is not installed here"))
    func theSimulatorAnswersAnIndependentClientAsDocumented() async throws {
        try await withCLI({ $0.devices = 250; $0.used = 30; $0.pageSize = 100 }) { sim, box in
            let c = sim.configuration
            let r = try await box.run([Self.script.path, sim.url.absoluteString, c.account, c.appKey, c.appSecret,
                                       c.username, c.password],
                                      executable: URL(fileURLWithPath: Self.python!))
            #expect(r.status == 0, "\(r)")
            #expect(r.stdoutLines.last == "0 problems", "\(r)")
            #expect(r.stdoutLines.filter { $0.hasPrefix("ok ") }.count >= 13, "every call was made: \(r)")
            #expect(await sim.simulator.licenseCounts().used == 30, "the script's assigns were removed again")
        }
    }
}
