import Foundation

/// A debug trace file for `TracingTransport`, private to its owner (mode 600 in a 700
/// directory). Each entry is one write, so entries from concurrent requests never interleave.
public final class TraceFile: Sendable {
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// A new file `debug/trace-TIMESTAMP-PID.log` under `stateDirectory` (created if missing).
    public static func create(in stateDirectory: String) throws(ThingSpaceError) -> TraceFile {
        let directory = (stateDirectory as NSString).appendingPathComponent("debug")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .invalidInput("cannot create \(directory) for the debug trace: \((error as NSError).localizedDescription)")
        }
        let name = "trace-\(RunId.timestamp(Date()))-\(getpid()).log"
        let path = (directory as NSString).appendingPathComponent(name)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .invalidInput("cannot create the debug trace \(path): \(String(cString: strerror(errno)))")
        }
        return TraceFile(path: path, descriptor: fd)
    }

    /// A transport wrapping `base` that writes `header`, then a redacted trace of every exchange, here.
    public func transport(wrapping base: any HTTPTransport, secrets: [String], header: String) -> TracingTransport {
        write(header)
        return TracingTransport(wrapping: base, secrets: secrets) { [self] entry in write(entry) }
    }

    /// Appends `text`, with a newline if it lacks one.
    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}
