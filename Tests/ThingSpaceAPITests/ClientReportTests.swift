import Foundation
import Testing
import ThingSpaceAPI
import ThingSpaceSimulator

/// What the commands read before they print, against the simulator over loopback.
@Suite struct ClientReportTests {
    @Test func licensedDevicesReadsEveryPage() async throws {
        try await withSimulator({ $0.pageSize = 30 }) { sim, client in
            let all = try await client.licensedDevices()
            #expect(all.counts == LicenseCounts(total: 1000, used: 100))
            #expect(Set(all.devices.map(\.deviceId)) == (await sim.licensedDeviceIds()))
            #expect(all.devices.count == 100)
            #expect(await sim.counters().summaryRequests == 4, "100 licensed devices at 30 a page")
        }
    }

    @Test func forecastReadsEachDevicesLicence() async throws {
        try await withSimulator { sim, client in
            let licensed = await sim.licensedDeviceIds()
            let all = await sim.allDeviceIds()
            let on = try #require(all.first { licensed.contains($0) })
            let off = try #require(all.first { !licensed.contains($0) })
            let counts = LicenseCounts(total: 1000, used: 100)
            let forecast = try await client.forecast(.assign, deviceIds: [off, on], counts: counts)
            #expect(forecast.devices == [.init(id: off, licensedNow: false), .init(id: on, licensedNow: true)])
            #expect(forecast.changing == 1)
            #expect(forecast.counts == counts)

            let before = await sim.counters().summaryRequests
            let empty = try await client.forecast(.remove, deviceIds: [], counts: nil)
            #expect(empty.devices.isEmpty)
            #expect(empty.counts == LicenseCounts(total: 0, used: 0))
            #expect(await sim.counters().summaryRequests == before, "nothing to send reads nothing")
        }
    }

    @Test func loginCheckReportsEachStep() async throws {
        try await withSimulator { _, client in
            var lines: [String] = []
            let failure = await LoginCheck.run(client) { lines.append($0) }
            #expect(failure == nil)
            #expect(lines == ["API token      ok (issued for app key sim-app-key)",
                              "session login  ok (user sim-user)",
                              "licence read   ok (100 of 1,000 licences used)"])
            try await client.logout()
        }
    }

    @Test func loginCheckStopsAtTheFailedStep() async throws {
        let wrongPassword: (SimulatorConfiguration) -> Credentials = {
            Credentials(appKey: $0.appKey, appSecret: Secret($0.appSecret), username: $0.username, password: Secret("wrong"))
        }
        try await withSimulator(credentials: wrongPassword) { sim, client in
            var lines: [String] = []
            let failure = await LoginCheck.run(client) { lines.append($0) }
            #expect(failure?.underlying.isAuthentication == true)
            #expect(lines.count == 2)
            #expect(lines.first == "API token      ok (issued for app key sim-app-key)")
            #expect(lines.last?.hasPrefix("session login  failed: ") == true)
            #expect(lines.last?.contains("authentication failed at") == false, "the step is named once")
            #expect(await sim.counters().loginAttempts == 1, "a failed login is not retried")
        }
        let wrongSecret: (SimulatorConfiguration) -> Credentials = {
            Credentials(appKey: $0.appKey, appSecret: Secret("wrong-secret"), username: $0.username, password: Secret($0.password))
        }
        try await withSimulator(credentials: wrongSecret) { sim, client in
            var lines: [String] = []
            let failure = await LoginCheck.run(client) { lines.append($0) }
            #expect(failure.map { ExitStatus.code(for: $0) } == ExitStatus.authentication)
            #expect(lines.count == 1)
            #expect(lines.first?.hasPrefix("API token      failed: ") == true)
            #expect(await sim.counters().loginAttempts == 0)
        }
    }
}

@Suite struct TraceFileTests {
    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "tracefile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func privateFileUnderDebugWithOneEntryPerWrite() throws {
        let state = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let file = try TraceFile.create(in: state)
        #expect(file.path.hasPrefix(state + "/debug/trace-"))
        #expect(file.path.hasSuffix("-\(getpid()).log"))
        file.write("first")
        file.write("second\n")
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "first\nsecond\n")
        let fileMode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        let directoryMode = try FileManager.default.attributesOfItem(atPath: state + "/debug")[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(directoryMode == 0o700)
    }

    @Test func transportWritesTheHeaderFirst() throws {
        let state = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let file = try TraceFile.create(in: state)
        _ = file.transport(wrapping: AsyncHTTPTransport.shared(), secrets: [], header: "header line\n")
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "header line\n")
    }

    @Test func aStateDirectoryThatIsAFileIsAnInputError() throws {
        let state = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let blocker = state + "/not-a-directory"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        do {
            _ = try TraceFile.create(in: blocker)
            Issue.record("created a trace under a regular file")
        } catch {
            guard case .invalidInput(let message) = error else { Issue.record("unexpected \(error)"); return }
            #expect(message.hasPrefix("cannot create \(blocker)/debug for the debug trace: "))
        }
    }
}

@Suite struct ReaderChoiceTests {
    @Test func theFileWinsOverTheArguments() throws {
        #expect(try IMEIListReader.input(path: nil, arguments: ["352099001761481", " 2 "])
                == IMEIListReader.input(arguments: ["352099001761481", " 2 "]))
        let path = NSTemporaryDirectory() + "imeis-\(UUID().uuidString).txt"
        try Data("352099001761481\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try IMEIListReader.input(path: path, arguments: []) == IMEIListReader.input(path: path))
    }
}
