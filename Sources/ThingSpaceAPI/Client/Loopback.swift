import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one answer to "does this address stay on this machine?": `localhost`, any address in
/// 127.0.0.0/8, and `::1` (bare, in brackets as URLs write it, or in any IPv6 spelling, including
/// the IPv4-mapped `::ffff:127.0.0.1`). Used to let plain http pass without a warning and to keep
/// loopback requests away from proxies.
public enum Loopback {
    public static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { $0[0] == 127 }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, name, &v6) == 1 else { return false }
        return withUnsafeBytes(of: &v6) { bytes in
            let b = Array(bytes)
            let zeroes = b[0..<10].allSatisfy { $0 == 0 }
            if zeroes && b[10...14].allSatisfy({ $0 == 0 }) && b[15] == 1 { return true }   // ::1
            return zeroes && b[10] == 0xFF && b[11] == 0xFF && b[12] == 127                   // ::ffff:127.x.y.z
        }
    }

    /// Whether the URL's host is a loopback address; false for a URL without a host.
    public static func isLoopback(url: URL) -> Bool {
        guard let host = url.host, !host.isEmpty else { return false }
        return isLoopback(host: host)
    }
}
