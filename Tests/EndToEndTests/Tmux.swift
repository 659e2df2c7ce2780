import Foundation
import Testing
import TestSupport

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

/// Runs a program with posix_spawn and waits for it with waitpid. Output goes to a file, not a
/// pipe: `tmux new-session` forks a server that would inherit a pipe's write end and keep it
/// open. (Foundation's Process left exited tmux clients unreaped here, and waitUntilExit hung.)
enum Spawn {
    /// `run` on a thread of its own, for async tests.
    static func runOffPool(_ argv: [String]) async throws -> (status: Int32, output: String) {
        try await offPool { try run(argv) }
    }

    static func run(_ argv: [String]) throws -> (status: Int32, output: String) {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString).out").path
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of the test process may reach the child: the tests' sockets are not
        // close-on-exec (SwiftNIO does not set it), and a tmux server that inherited a simulator's
        // listening socket kept that port accepting connections after the simulator stopped.
        Self.closeFrom(3, in: &actions)
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        // The test process blocks or ignores some signals (the terminal tests own SIGINT, SIGTERM,
        // SIGHUP, SIGWINCH); a child must start with default dispositions and nothing blocked, or
        // tmux's panes ignore the SIGHUP of kill-server and outlive it.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attr, &cargs, environ)
        guard rc == 0 else { throw TmuxError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc 2.34's `posix_spawn_file_actions_addclosefrom_np`, which the Glibc module does not
    /// export; looked up at run time. Without it (an older glibc), every descriptor open now is
    /// marked close-on-exec instead.
    private static func closeFrom(_ lowest: Int32, in actions: inout posix_spawn_file_actions_t) {
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
            if closeFrom(&actions, lowest) == 0 { return }
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd >= lowest && fcntl(fd, F_GETFD) >= 0 {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A private tmux server (own socket, no user config) running one command in a fixed-size window.
/// `stop()` kills the server; tests call it in every path.
///
/// Every tmux call is a child process waited for; they run on threads of their own (`offPool`),
/// never on Swift's cooperative pool, which has as many threads as cores (two here): tmux calls
/// blocking both stalled every other test running in parallel for seconds at a time.
final class TmuxSession: @unchecked Sendable {
    let socket: String
    let width: Int
    let height: Int

    private init(width: Int, height: Int) {
        socket = "tsl-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        self.width = width
        self.height = height
    }

    /// A new server running `command` in a `width` x `height` window.
    static func start(command: [String], width: Int = 100, height: Int = 30,
                      environment: [String: String] = [:]) async throws -> TmuxSession {
        await offPool { reapOrphans() }
        let session = TmuxSession(width: width, height: height)
        // LANG and TERM default to a UTF-8 tmux-256color pane; a test may set either.
        let defaults = ["LANG": "C.UTF-8", "TERM": "tmux-256color"]
        var args = ["new-session", "-d", "-x", String(width), "-y", String(height)]
        for (k, v) in environment.merging(defaults, uniquingKeysWith: { mine, _ in mine }).sorted(by: { $0.key < $1.key }) {
            args += ["-e", "\(k)=\(v)"]
        }
        // After the command exits, a shell prints its status on the (restored) terminal and
        // keeps the pane open, so the last screen and the exit status can be read.
        let wrapped = ["sh", "-c", "\"$@\"; echo \"[exit $?]\"; exec sleep 600", "sh"] + command
        args += [wrapped.map(TmuxSession.shellQuote).joined(separator: " ")]
        try await session.tmux(args)
        return session
    }

    static func shellQuote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs tmux on this session's server, off the cooperative pool.
    @discardableResult
    func tmux(_ args: [String]) async throws -> String {
        let socket = self.socket
        return try await offPool { try TmuxSession.run(socket: socket, args) }
    }

    /// Runs tmux synchronously (blocking the calling thread): for `offPool` and `stop`.
    static func run(socket: String, _ args: [String]) throws -> String {
        let (status, text) = try Spawn.run(["tmux", "-L", socket, "-f", "/dev/null"] + args)
        if status != 0 { throw TmuxError("tmux \(args.joined(separator: " ")) failed: \(text)") }
        return text
    }

    /// Kills tmux servers left by test processes that died without cleaning up (their socket
    /// names carry the pid).
    static func reapOrphans() {
        let dir = "/tmp/tmux-\(getuid())"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names where name.hasPrefix("tsl-e2e-") {
            let parts = name.split(separator: "-")
            guard parts.count >= 3, let pid = Int32(parts[2]), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { _ = try? run(socket: name, ["kill-server"]) }
        }
    }

    /// Sends keys (tmux key names such as `Enter`, `Escape`, `C-c`, `Space`, or literal text with `literal: true`).
    func send(_ keys: String..., literal: Bool = false) async throws {
        try await tmux(["send-keys", "-t", "0"] + (literal ? ["-l"] : []) + keys)
    }

    func type(_ text: String) async throws { try await send(text, literal: true) }

    func screen() async throws -> String { try await tmux(["capture-pane", "-p", "-t", "0"]) }

    /// The screen with tmux's rebuilt SGR sequences (`capture-pane -e`).
    func screenWithEscapes() async throws -> String { try await tmux(["capture-pane", "-p", "-e", "-t", "0"]) }

    /// The screen, or nil when tmux could not be asked.
    func screenOffPool() async -> String? { try? await screen() }

    /// Polls the screen until `predicate` holds, or fails with the last screen.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 60, _ predicate: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = await screenOffPool() ?? last
            if predicate(last) { return last }
            try await Task.sleep(nanoseconds: 30_000_000)
        }
        let state = await exitStatus().map { "the program exited with status \($0)" } ?? "the program is still running"
        throw TmuxError("timed out after \(timeout) s waiting for \(what) (\(state)); screen was:\n\(last)")
    }

    /// Polls `condition` (every 30 ms) until it holds, or fails naming `what`.
    func waitUntil(_ what: String, timeout: Double = 60, _ condition: () async -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !(await condition()) {
            guard Date() < deadline else {
                throw TmuxError("timed out after \(timeout) s waiting for \(what); screen was:\n\(await screenOffPool() ?? "")")
            }
            try await Task.sleep(nanoseconds: 30_000_000)
        }
    }

    @discardableResult
    func waitFor(text: String, timeout: Double = 60) async throws -> String {
        try await waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// The command's exit status once it has exited (printed by the wrapping shell).
    func exitStatus() async -> Int? {
        (await screenOffPool()).flatMap(Self.exitStatus(in:))
    }

    static func exitStatus(in screen: String) -> Int? {
        guard let range = screen.range(of: #"\[exit [0-9]+\]"#, options: .regularExpression) else { return nil }
        return Int(screen[range].dropFirst(6).dropLast())
    }

    /// Polls (off the cooperative pool) until the command has exited; its status.
    func waitForExit(timeout: Double = 30) async throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let s = (await screenOffPool()).flatMap(Self.exitStatus(in:)) { return s }
            try await Task.sleep(nanoseconds: 30_000_000)
        }
        throw TmuxError("the program did not exit within \(timeout) s; screen:\n\(await screenOffPool() ?? "")")
    }

    func resize(width: Int, height: Int) async throws {
        try await tmux(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
    }

    /// Kills the pane's processes and the server. Blocking (it runs in `defer` and `deinit`):
    /// two short tmux calls at the end of a test.
    func stop() {
        // The pane's process group first, so nothing outlives the server whatever it inherited.
        if let out = try? TmuxSession.run(socket: socket, ["display-message", "-p", "-t", "0", "#{pane_pid}"]),
           let pid = Int32(out.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
        }
        _ = try? TmuxSession.run(socket: socket, ["kill-server"])
    }

    deinit { stop() }
}
