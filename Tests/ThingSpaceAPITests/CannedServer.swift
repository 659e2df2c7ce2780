import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on a real loopback socket that answers each request with whatever the
/// test's responder returns, byte for byte: garbled JSON, wrong types, hostile text, dropped
/// connections. For the cases a well-behaved simulator never produces.
final class CannedServer: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: Data
    }

    enum Reply: Sendable {
        case response(status: Int, headers: [String: String], body: String)
        case close   // drop the connection without answering
    }

    let port: UInt16
    private let listener: Int32
    private let responder: @Sendable (Request) -> Reply
    private let lock = NSLock()
    private var _requests: [Request] = []
    private var thread: Thread?

    var requests: [Request] { lock.lock(); defer { lock.unlock() }; return _requests }
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    init(responder: @escaping @Sendable (Request) -> Reply) throws {
        self.responder = responder
        let (fd, bound) = try loopbackSocket(listening: 16)
        port = UInt16(bound)
        listener = fd
        let t = Thread { [self] in acceptLoop() }
        thread = t
        t.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    deinit { stop() }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }   // a signal sent to the test process, not a close
                return
            }
            Thread { [self] in handle(client) }.start()
        }
    }

    private func handle(_ fd: Int32) {
        defer { close(fd) }
        while let request = readRequest(fd) {
            lock.lock(); _requests.append(request); lock.unlock()
            switch responder(request) {
            case .close:
                return
            case .response(let status, let headers, let body):
                let bodyData = Data(body.utf8)
                var head = "HTTP/1.1 \(status) X\r\nContent-Length: \(bodyData.count)\r\n"
                for (k, v) in headers { head += "\(k): \(v)\r\n" }
                head += "\r\n"
                let all = Data(head.utf8) + bodyData
                all.withUnsafeBytes { buf in
                    var off = 0
                    while off < buf.count {
                        let n = send(fd, buf.baseAddress! + off, buf.count - off, Int32(MSG_NOSIGNAL))
                        if n < 0 && errno == EINTR { continue }
                        if n <= 0 { return }
                        off += n
                    }
                }
            }
        }
    }

    private func readRequest(_ fd: Int32) -> Request? {
        var data = Data()
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            if let range = data.range(of: Data("\r\n\r\n".utf8)) {
                let head = String(decoding: data[..<range.lowerBound], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let first = lines.removeFirst().split(separator: " ")
                var headers: [String: String] = [:]
                for l in lines {
                    if let c = l.firstIndex(of: ":") {
                        headers[l[..<c].lowercased()] = l[l.index(after: c)...].trimmingCharacters(in: .whitespaces)
                    }
                }
                let length = Int(headers["content-length"] ?? "0") ?? 0
                var body = data[range.upperBound...]
                while body.count < length {
                    let n = recv(fd, &buf, buf.count, 0)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { return nil }
                    body.append(contentsOf: buf[0..<n])
                }
                guard first.count >= 2 else { return nil }
                return Request(method: String(first[0]), path: String(first[1]), headers: headers, body: Data(body))
            }
            let n = recv(fd, &buf, buf.count, 0)
            if n < 0 && errno == EINTR { continue }   // a signal sent to the test process
            if n <= 0 { return nil }
            data.append(contentsOf: buf[0..<n])
        }
    }
}
