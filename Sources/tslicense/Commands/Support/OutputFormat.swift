import ArgumentParser
import Foundation
import ThingSpaceAPI

/// `--format table|json|csv`.
typealias OutputFormat = ReportFormat

extension ReportFormat: ExpressibleByArgument {}

struct FormatOption: ParsableArguments {
    @Option(help: ArgumentHelp("Output format: table, json or csv.", valueName: "format"))
    var format: OutputFormat = .table

    init() {}
}

/// Buffered standard output: text collects until `flush()` (or 64 KiB), then one write.
/// Table rows are flushed as each batch or page arrives.
final class StandardOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    func line(_ text: String) { self.text(text + "\n") }

    /// Bytes written but not flushed yet.
    var pendingBytes: Int { buffer.count }

    func lines(_ lines: [String]) { for line in lines { self.line(line) } }

    func text(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func bytes(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { _ = FileOutput.write($0, to: STDOUT_FILENO) }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
