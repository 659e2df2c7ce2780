import Foundation
import Testing
import ThingSpaceAPI

@Suite("loopback addresses")
struct LoopbackTests {
    @Test(arguments: ["localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "127.255.255.255", "::1", "[::1]",
                      "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"])
    func loopbackHosts(_ host: String) {
        #expect(Loopback.isLoopback(host: host))
    }

    @Test(arguments: ["128.0.0.1", "126.0.0.1", "localhost.evil.com", "127.evil.com", "127.0.0.1.evil.com",
                      "evil-localhost", "::2", "[::2]", "::", "10.0.0.1", "thingspace.verizon.com", ""])
    func otherHosts(_ host: String) {
        #expect(!Loopback.isLoopback(host: host))
    }

    @Test func urls() throws {
        for text in ["http://127.0.0.1:8080/api", "http://[::1]:8080/x", "http://localhost"] {
            let url = try #require(URL(string: text))
            #expect(Loopback.isLoopback(url: url), "\(text) (host \(url.host ?? "nil"))")
        }
        for text in ["https://thingspace.verizon.com", "http://localhost.evil.com:80", "file:///tmp/x"] {
            let url = try #require(URL(string: text))
            #expect(!Loopback.isLoopback(url: url), "\(text)")
        }
    }
}
