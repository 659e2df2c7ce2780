import Foundation
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// The built `tslicense` binary, found next to the test bundle (searching a few levels up).
enum CLIBinary {
    static let url: URL? = {
        var starts: [URL] = []
        if let first = CommandLine.arguments.first {
            starts.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        starts.append(Bundle.main.bundleURL)
        starts.append(Bundle.main.bundleURL.deletingLastPathComponent())
        var isDirectory: ObjCBool = false
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<5 {
                let candidate = dir.appendingPathComponent("tslicense")
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return nil
    }()

    static func require() throws -> URL {
        try #require(url, """
            the tslicense binary was not found next to the test bundle (\(CommandLine.arguments.first ?? "?")); \
            build it first: swift build --build-tests
            """)
    }
}

/// What one run of the binary produced.
struct CLIResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(stdout.utf8))
    }

    func jsonObject() throws -> [String: Any] {
        try #require(try json() as? [String: Any], "stdout is not a JSON object: \(stdout)")
    }

    func jsonArray() throws -> [[String: Any]] {
        try #require(try json() as? [[String: Any]], "stdout is not a JSON array: \(stdout)")
    }

    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
}

/// A private temporary home for one test: config, state and home directories, output files.
final class Sandbox: Sendable {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("tslicense-cli-\(UUID().uuidString.prefix(12))", isDirectory: true)
        for sub in ["home", "config/tslicense", "state", "io"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
    }

    var configPath: String { root.appendingPathComponent("config/tslicense/config.toml").path }
    var stateDirectory: String { root.appendingPathComponent("state").path }

    /// The environment the binary gets: nothing of the test runner's THINGSPACE_* or HOME.
    var baseEnvironment: [String: String] {
        [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": root.appendingPathComponent("home").path,
            "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
            "XDG_STATE_HOME": stateDirectory,
            "LANG": "C.UTF-8",
        ]
    }

    @discardableResult
    func writeConfig(_ text: String, mode: Int = 0o600) throws -> String {
        try text.write(toFile: configPath, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: configPath)
        return configPath
    }

    /// Writes a file under `io/` and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let path = root.appendingPathComponent("io/\(name)").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// Every regular file under the sandbox with its contents (for secret scans).
    func allFiles() -> [(path: String, text: String)] {
        guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [(String, String)] = []
        for case let url as URL in e {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
               let data = try? Data(contentsOf: url) {
                out.append((url.path, String(decoding: data, as: UTF8.self)))
            }
        }
        return out
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// Runs the binary with `arguments`, the sandbox environment plus `environment`, and `stdin`
    /// (empty when nil), and waits for it. The process is killed after `timeout` seconds.
    func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
             timeout: Double = 60, executable: URL? = nil) async throws -> CLIResult {
        let process = try start(arguments, environment: environment, stdin: stdin, executable: executable)
        return await process.finish(timeout: timeout)
    }

    /// Starts the binary; output goes to files (no pipe can fill up) readable while it runs.
    /// `executable` runs another program the same way (the independent Python client).
    func start(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
               executable: URL? = nil) throws -> RunningCLI {
        let binary = try executable ?? CLIBinary.require()
        let id = UUID().uuidString.prefix(8)
        let outPath = root.appendingPathComponent("io/.stdout-\(id)").path
        let errPath = root.appendingPathComponent("io/.stderr-\(id)").path
        let inPath = root.appendingPathComponent("io/.stdin-\(id)").path
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        _ = FileManager.default.createFile(atPath: inPath, contents: Data((stdin ?? "").utf8))
        let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let inHandle = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = baseEnvironment.merging(environment) { _, new in new }
        process.currentDirectoryURL = root.appendingPathComponent("io")
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = inHandle
        do {
            try process.run()
        } catch {
            for h in [outHandle, errHandle, inHandle] { try? h.close() }
            throw error
        }
        return RunningCLI(process: process, arguments: arguments, handles: [outHandle, errHandle, inHandle],
                          outPath: outPath, errPath: errPath, inPath: inPath)
    }
}

/// A started `tslicense`. `finish` always reaps it (killing it when it overstays) and cleans up.
final class RunningCLI: @unchecked Sendable {
    let process: Process
    let arguments: [String]
    private let handles: [FileHandle]
    private let outPath: String
    private let errPath: String
    private let inPath: String

    init(process: Process, arguments: [String], handles: [FileHandle], outPath: String, errPath: String, inPath: String) {
        self.process = process
        self.arguments = arguments
        self.handles = handles
        self.outPath = outPath
        self.errPath = errPath
        self.inPath = inPath
    }

    deinit {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    var isRunning: Bool { process.isRunning }

    var stdoutSoFar: String {
        String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(), as: UTF8.self)
    }

    var stderrSoFar: String {
        String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(), as: UTF8.self)
    }

    /// Polls until `condition` holds or `timeout` passes; returns whether it held.
    func waitFor(timeout: Double = 30, _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return await condition()
    }

    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    func finish(timeout: Double = 60) async -> CLIResult {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while process.isRunning {
            if ContinuousClock.now > deadline {
                kill()
                Issue.record("tslicense \(arguments.joined(separator: " ")) did not finish within \(timeout) s; killed")
                break
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        process.waitUntilExit()
        let result = CLIResult(status: process.terminationStatus, stdout: stdoutSoFar, stderr: stderrSoFar)
        for h in handles { try? h.close() }
        for p in [outPath, errPath, inPath] { try? FileManager.default.removeItem(atPath: p) }
        return result
    }
}

/// A simulator on a free loopback port for one test, with the environment that points the CLI
/// at it.
struct SimulatorFixture: Sendable {
    let simulator: ThingSpaceSimulator
    let url: URL
    let configuration: SimulatorConfiguration

    var account: String { configuration.account }

    /// THINGSPACE_* variables for this simulator, credentials included.
    var environment: [String: String] {
        [
            "THINGSPACE_BASE_URL": url.absoluteString,
            "THINGSPACE_ACCOUNT": configuration.account,
            "THINGSPACE_APP_KEY": configuration.appKey,
            "THINGSPACE_APP_SECRET": configuration.appSecret,
            "THINGSPACE_USERNAME": configuration.username,
            "THINGSPACE_PASSWORD": configuration.password,
        ]
    }

    /// Devices without a licence, in IMEI order.
    func unlicensed(_ count: Int) async -> [String] {
        let licensed = await simulator.licensedDeviceIds()
        let failing = await simulator.failingDeviceIds()
        return Array(await simulator.allDeviceIds().filter { !licensed.contains($0) && !failing.contains($0) }.sorted().prefix(count))
    }

    func licensed(_ count: Int) async -> [String] {
        Array(await simulator.licensedDeviceIds().sorted().prefix(count))
    }

    /// A client of our own, for tokens the CLI would also see.
    func client() -> ThingSpaceClient {
        ThingSpaceClient(configuration: ClientConfiguration(
            baseURL: url, account: configuration.account,
            credentials: Credentials(appKey: configuration.appKey, appSecret: Secret(configuration.appSecret),
                                     username: configuration.username, password: Secret(configuration.password)),
            timeout: 60))
    }
}

/// Starts a simulator (300 devices, 1000 licences, 100 used unless `configure` says otherwise) and
/// a sandbox, runs `body`, and always stops the simulator and removes the sandbox.
func withCLI(_ configure: (inout SimulatorConfiguration) -> Void = { _ in },
             _ body: (SimulatorFixture, Sandbox) async throws -> Void) async throws {
    var config = SimulatorConfiguration()
    config.devices = 300
    config.licenses = 1000
    config.used = 100
    configure(&config)
    let simulator = ThingSpaceSimulator(configuration: config)
    let url = try await simulator.start()
    let sandbox: Sandbox
    do {
        sandbox = try Sandbox()
    } catch {
        await simulator.stop()
        throw error
    }
    let fixture = SimulatorFixture(simulator: simulator, url: url, configuration: config)
    do {
        try await body(fixture, sandbox)
    } catch {
        await simulator.stop()
        sandbox.remove()
        throw error
    }
    await simulator.stop()
    sandbox.remove()
}

/// A sandbox without a simulator.
func withSandbox(_ body: (Sandbox) async throws -> Void) async throws {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    try await body(sandbox)
}
