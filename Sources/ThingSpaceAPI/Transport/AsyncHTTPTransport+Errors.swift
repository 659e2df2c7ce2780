import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

extension AsyncHTTPTransport {
    /// Sorts what AsyncHTTPClient and SwiftNIO throw into the API module's errors: nothing reached
    /// the server (`unreachable`), the connection ended before an answer (`noAnswer`), our deadline
    /// passed (`timeout`), anything else (`transport`).
    static func map(_ error: any Error, host: String, timeout: Double, limit: Int,
                    deadlinePassed: Bool) -> ThingSpaceError {
        if let mine = error as? ThingSpaceError { return mine }
        if error is NIOTooManyBytesError {
            return .transport("\(host) sent a body larger than \(limit) bytes; refused")
        }
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return .timeout(seconds: timeout)
            case .getConnectionFromPoolTimeout:
                // No connection within the connect timeout (the pool is sized for the largest
                // concurrency, so this is a host slow to accept): nothing was sent.
                return .unreachable(host: host, detail: "no connection within the connect timeout")
            case .connectTimeout, .tlsHandshakeTimeout, .httpProxyHandshakeTimeout, .socksHandshakeTimeout:
                return .unreachable(host: host, detail: "no connection within the connect timeout")
            case .remoteConnectionClosed:
                return .noAnswer(host: host, detail: "the server closed the connection before answering")
            case .cancelled, .requestStreamCancelled:
                return deadlinePassed ? .timeout(seconds: timeout) : .cancelled
            case .proxyAuthenticationRequired:
                return .transport("the proxy asks for a user and password (set them in https_proxy)")
            case .invalidProxyResponse:
                return .unreachable(host: host, detail: "the proxy refused the connection")
            default:
                return .transport("\(host): \(client.shortDescription)")
            }
        }
        if error is CancellationError { return deadlinePassed ? .timeout(seconds: timeout) : .cancelled }
        if let connect = error as? NIOConnectionError {
            if connect.dnsAError != nil || connect.dnsAAAAError != nil, connect.connectionErrors.isEmpty {
                return .unreachable(host: host, detail: "host not found")
            }
            let reasons = connect.connectionErrors.map { describe($0.error) }
            return .unreachable(host: host, detail: Set(reasons).sorted().joined(separator: "; "))
        }
        if let channel = error as? ChannelError {
            switch channel {
            case .connectTimeout: return .unreachable(host: host, detail: "no connection within the connect timeout")
            case .ioOnClosedChannel, .eof, .outputClosed, .alreadyClosed, .inputClosed:
                return .noAnswer(host: host, detail: "the connection closed before an answer")
            default: return .transport("\(host): \(channel)")
            }
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EHOSTDOWN, ENETDOWN, EADDRNOTAVAIL:
                return .unreachable(host: host, detail: describe(io))
            case ECONNRESET, EPIPE, ECONNABORTED:
                return .noAnswer(host: host, detail: describe(io))
            default:
                return .transport("\(host): \(describe(io))")
            }
        }
        let text = String(describing: error)
        if text.contains("NIOSSL") || text.contains("SSL") || text.contains("TLS") {
            return .transport("TLS failure talking to \(host): \(text)")
        }
        return .transport("\(host): \(text)")
    }

    /// Words for a socket error: "connection refused" rather than "connect(...) failed: errno 111".
    static func describe(_ error: any Error) -> String {
        guard let io = error as? IOError else { return String(describing: error) }
        switch io.errnoCode {
        case ECONNREFUSED: return "connection refused"
        case ECONNRESET: return "connection reset by the server"
        case EPIPE: return "connection closed by the server"
        case ECONNABORTED: return "connection aborted"
        case EHOSTUNREACH, EHOSTDOWN: return "host unreachable"
        case ENETUNREACH, ENETDOWN: return "network unreachable"
        case EADDRNOTAVAIL: return "address not available"
        default: return String(cString: strerror(io.errnoCode))
        }
    }
}
