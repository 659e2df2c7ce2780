import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A reply as bytes arrived on the wire.
struct HTTPReply: Sendable {
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw RawHTTPError.malformed("body is not a JSON object: \(text)")
        }
        return object
    }
}

enum RawHTTPError: Error, Equatable {
    case connect(Int32)
    case closedWithoutResponse
    case malformed(String)
}

/// A minimal HTTP/1.1 client over a plain POSIX socket (`Connection: close`, one request per
/// connection), so tests see exactly what the simulator writes: no proxies, no retries, no
/// connection reuse. Blocking I/O runs on its own thread, never on the cooperative pool (the
/// simulator's handlers run there).
enum RawHTTP {
    static func send(
        _ base: URL, _ method: String, _ path: String,
        headers: [(String, String)] = [], body: Data? = nil
    ) async throws -> HTTPReply {
        let host = base.host ?? "127.0.0.1"
        let port = base.port ?? 80
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result {
                    try blockingSend(host: host, port: port, method: method, path: path, headers: headers, body: body)
                })
            }
            thread.start()
        }
    }

    /// Whether something accepts TCP connections on `base`'s port.
    static func canConnect(_ base: URL) async -> Bool {
        let port = base.port ?? 80
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                let fd = openSocket(port: port)
                if fd >= 0 { close(fd) }
                continuation.resume(returning: fd >= 0)
            }
            thread.start()
        }
    }

    private static func openSocket(port: Int) -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return -1 }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            close(fd)
            return -1
        }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    private static func blockingSend(
        host: String, port: Int, method: String, path: String, headers: [(String, String)], body: Data?
    ) throws -> HTTPReply {
        let fd = openSocket(port: port)
        guard fd >= 0 else { throw RawHTTPError.connect(errno) }
        defer { close(fd) }

        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body?.count ?? 0)\r\n\r\n"
        var request = Data(head.utf8)
        if let body { request.append(body) }
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { raw in
                socketSend(fd, raw.baseAddress! + sent, request.count - sent, flags)
            }
            if n < 0 && errno == EINTR { continue }   // a signal (a debugger attaching) is not an answer
            if n <= 0 { break }  // the server may close early (dropped connection); read what came back
            sent += n
        }

        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            received.append(contentsOf: buffer[0..<n])
        }
        guard !received.isEmpty else { throw RawHTTPError.closedWithoutResponse }
        return try parse(received)
    }

    static func parse(_ data: Data) throws -> HTTPReply {
        let separator = Data("\r\n\r\n".utf8)
        guard let range = data.range(of: separator) else { throw RawHTTPError.malformed("no header end") }
        let headText = String(decoding: data[data.startIndex..<range.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw RawHTTPError.malformed("status line: \(headText)")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[range.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            body = try dechunk(body)
        } else if let length = headers["content-length"].flatMap(Int.init), body.count > length {
            body = body.prefix(length)
        }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ data: Data) throws -> Data {
        var out = Data()
        var rest = data[...]
        let crlf = Data("\r\n".utf8)
        while let lineEnd = rest.range(of: crlf) {
            let sizeText = String(decoding: rest[rest.startIndex..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";")[0], radix: 16) else {
                throw RawHTTPError.malformed("chunk size \(sizeText)")
            }
            if size == 0 { break }
            let start = lineEnd.upperBound
            out.append(rest[start..<(start + size)])
            rest = rest[(start + size + 2)...]
        }
        return out
    }
}

/// `send(2)` (outside `RawHTTP`, whose own `send` would shadow it).
private func socketSend(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    #if canImport(Glibc)
    return Glibc.send(fd, pointer, count, flags)
    #else
    return Darwin.send(fd, pointer, count, flags)
    #endif
}
