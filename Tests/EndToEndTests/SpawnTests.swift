import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The spawn helper hands a child nothing but its three standard streams.
@Suite struct SpawnTests {
    @Test("a spawned child inherits no socket of the test process")
    func noSocketLeaksIntoAChild() async throws {
        // A socket as SwiftNIO makes them: not close-on-exec.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0, "a socket for the test")
        defer { close(fd) }
        #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC == 0)
        let (status, output) = try await Spawn.runOffPool(["sh", "-c", "for f in /proc/$$/fd/*; do echo \"${f##*/} $(readlink $f)\"; done"])
        #expect(status == 0)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(!lines.isEmpty, "the child listed its descriptors")
        #expect(!lines.contains { $0.contains("socket:") }, "descriptors of the child: \(lines)")
        #expect(!lines.contains { $0.hasPrefix("\(fd) ") }, "descriptors of the child: \(lines)")
    }
}
