import Foundation
import Testing

/// Locates the built `tslicense` binary next to the test bundle.
enum Binary {
    static func tslicense() throws -> URL {
        var candidates: [URL] = []
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = argv0.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("tslicense"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("tslicense"))
        for c in candidates where FileManager.default.isExecutableFile(atPath: c.path) { return c }
        throw TmuxError("the tslicense binary was not found next to the tests (looked at \(candidates.map(\.path)))")
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A private tmux server (own socket, no user config) running one command in a fixed-size window.
/// `stop()` kills the server; tests call it in every path.
final class TmuxSession: @unchecked Sendable {
    let socket: String
    let width: Int
    let height: Int

    init(command: [String], width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        socket = "tsl-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        self.width = width
        self.height = height
        var args = ["new-session", "-d", "-x", String(width), "-y", String(height), "-e", "LANG=C.UTF-8", "-e", "TERM=tmux-256color"]
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        // Keep the pane after the command exits so its last screen and exit status can be read.
        args += [command.map(TmuxSession.shellQuote).joined(separator: " ")]
        try tmux(args)
        try tmux(["set-option", "-t", "0", "remain-on-exit", "on"])
    }

    static func shellQuote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tmux", "-L", socket, "-f", "/dev/null"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if p.terminationStatus != 0 { throw TmuxError("tmux \(args.joined(separator: " ")) failed: \(text)") }
        return text
    }

    /// Sends keys (tmux key names such as `Enter`, `Escape`, `C-c`, `Space`, or literal text with `literal: true`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", "0"] + (literal ? ["-l"] : []) + keys)
    }

    func type(_ text: String) throws { try send(text, literal: true) }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "0"]) }

    /// Polls the screen until `predicate` holds, or fails with the last screen.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 20, _ predicate: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = (try? screen()) ?? last
            if predicate(last) { return last }
            try await Task.sleep(nanoseconds: 30_000_000)
        }
        throw TmuxError("timed out after \(timeout) s waiting for \(what); screen was:\n\(last)")
    }

    @discardableResult
    func waitFor(text: String, timeout: Double = 20) async throws -> String {
        try await waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Whether the command in the pane has exited, and its status.
    func exitStatus() -> Int? {
        guard let out = try? tmux(["display-message", "-p", "-t", "0", "#{pane_dead} #{pane_dead_status}"]) else { return nil }
        let parts = out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard parts.first == "1", parts.count > 1 else { return nil }
        return Int(parts[1])
    }

    func waitForExit(timeout: Double = 10) async throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let s = exitStatus() { return s }
            try await Task.sleep(nanoseconds: 30_000_000)
        }
        throw TmuxError("the program did not exit within \(timeout) s; screen:\n\((try? screen()) ?? "")")
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
    }

    func stop() {
        _ = try? tmux(["kill-server"])
    }

    deinit { stop() }
}
