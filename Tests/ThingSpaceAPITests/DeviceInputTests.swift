import Foundation
import Testing
import ThingSpaceAPI

/// The one reader of a run's devices: arguments, files, standard input.
@Suite struct DeviceInputTests {
    @Test func argumentsKeepTheirValuesAndPlaces() {
        let input = IMEIListReader.input(arguments: ["352099001761481", " 12345 ", "abc"])
        #expect(input.entries.map(\.value) == ["352099001761481", "12345", "abc"])
        #expect(input.entries.map(\.place.description) == ["argument 1", "argument 2", "argument 3"])
        #expect(input.readerProblems.isEmpty, "the reader does not judge IMEIs; the planner does")
    }

    @Test func fileLinesKeepTheirValuesAndPlacesAndSkipBlanksAndComments() {
        let input = IMEIListReader.input(text: "# pilot\n352099001761481\n\n  12345  \n867233031245789, 1\n", path: "list.txt")
        #expect(input.entries.map(\.place.description) == ["list.txt:2", "list.txt:4", "list.txt:5"])
        #expect(input.entries.map(\.value) == ["352099001761481", "12345", ""])
        let problems = input.readerProblems
        #expect(problems.map(\.description) == ["list.txt:5: expected one IMEI per line, found 2 values"])
        #expect(problems.first?.value == "")
    }

    @Test func csvTakesTheNamedColumnAndReportsRowsWithoutIt() {
        let text = "name,device_id,site\nalpha,352099001761481,north\n\"beta, inc\",356938035643809,south\nshort\n"
        let input = IMEIListReader.input(text: text, path: "d.csv")
        #expect(input.entries.map(\.value) == ["352099001761481", "356938035643809", ""])
        #expect(input.entries.map(\.place) == [.line(path: "d.csv", 2), .line(path: "d.csv", 3), .line(path: "d.csv", 4)])
        #expect(input.readerProblems.map(\.description) == ["d.csv:4: no value in the imei column"])
    }

    @Test func csvWithoutAnIMEIColumnStopsAtTheHeader() {
        let input = IMEIListReader.input(text: "a,b\n1,2\n3,4\n", path: "x.csv")
        #expect(input.entries.count == 1)
        #expect(input.readerProblems.map(\.description) == ["x.csv:1: a CSV file needs a header with a column named imei or deviceId"])
    }

    @Test func standardInputIsNamedStdinInPlaces() {
        #expect(IMEIListReader.displayName("-") == "<stdin>")
        #expect(IMEIListReader.displayName("ids.txt") == "ids.txt")
        let plan = RunPlanner.plan(IMEIListReader.input(text: "352099001761481\nx\n", path: IMEIListReader.displayName("-")), luhn: .warn)
        #expect(plan.problems.map(\.description) == ["<stdin>:2: \"x\" is not an IMEI: an IMEI has only digits 0-9, found \"x\""])
    }

    @Test func aFileOnDiskIsReadAndAMissingOneNamesItsPath() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tsl-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("ids.txt").path
        try "\u{FEFF}352099001761481\r\n356938035643809\r\n".write(toFile: path, atomically: true, encoding: .utf8)
        let input = try IMEIListReader.input(path: path)
        #expect(input.entries.map(\.value) == ["352099001761481", "356938035643809"])
        #expect(input.entries.map(\.place.description) == ["\(path):1", "\(path):2"])

        let missing = dir.appendingPathComponent("nope.txt").path
        #expect {
            _ = try IMEIListReader.input(path: missing)
        } throws: { error in
            guard case .invalidInput(let text) = error as? ThingSpaceError else { return false }
            return text.hasPrefix("cannot read \(missing): ")
        }
        try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: path))
        #expect(throws: ThingSpaceError.invalidInput("\(path): not UTF-8 text")) { _ = try IMEIListReader.input(path: path) }
    }
}

/// The one planner: one entry per input entry, in input order, validated once.
@Suite struct RunPlannerTests {
    static let badLuhn = "990008629123452"

    @Test func oneEntryPerInputEntryInInputOrder() {
        let input = IMEIListReader.input(arguments: ["352099001761481", "bad", "352099001761481", Self.badLuhn, " 356938035643809 "])
        let plan = RunPlanner.plan(input, luhn: .warn)
        #expect(plan.devices.count == 5)
        #expect(plan.devices.map(\.place) == (1...5).map { .argument($0) })
        #expect(plan.devices.map(\.verdict) == [
            .valid, .invalid("\"bad\" is not an IMEI: an IMEI has only digits 0-9, found \"b\""),
            .duplicate(first: .argument(1)), .validWithWarning(.badCheckDigit(expected: 1, found: 2)), .valid,
        ])
        #expect(plan.toSend == ["352099001761481", Self.badLuhn, "356938035643809"])
        #expect(plan.validCount == 4)
        #expect(plan.skipped.map(\.status) == ["Invalid", "Duplicate"])
        #expect(plan.skipped.map(\.deviceId) == ["bad", "352099001761481"])
        #expect(plan.skipped[0].reason == "argument 2: \"bad\" is not an IMEI: an IMEI has only digits 0-9, found \"b\"")
        #expect(plan.skipped.allSatisfy { $0.outcome == .skipped })
        #expect(plan.warnings == ["argument 4: \(Self.badLuhn): Luhn check digit is 2, expected 1 (sent anyway)"])
        #expect(plan.problems.map(\.value) == ["bad"])
        #expect(RunPlanner.batches(Array(repeating: "x", count: 250), size: 100).map(\.count) == [100, 100, 50])
    }

    @Test func theOneLuhnPolicyDecides() {
        let input = IMEIListReader.input(arguments: [Self.badLuhn])
        #expect(RunPlanner.plan(input, luhn: .warn).toSend == [Self.badLuhn])
        #expect(RunPlanner.plan(input, luhn: .ignore).devices.map(\.verdict) == [.valid])
        let strict = RunPlanner.plan(input, luhn: .error)
        #expect(strict.toSend.isEmpty)
        #expect(strict.problems.map(\.description)
                == ["argument 1: \"\(Self.badLuhn)\" is not an IMEI: Luhn check digit is 2, expected 1"])
    }

    @Test func readerProblemsBecomeInvalidEntriesInPlace() {
        let input = IMEIListReader.input(text: "352099001761481\n1,2\n352099001761481\n", path: "l.txt")
        let plan = RunPlanner.plan(input, luhn: .warn)
        #expect(plan.devices.map(\.isSent) == [true, false, false])
        #expect(plan.problems.map(\.description) == ["l.txt:2: expected one IMEI per line, found 2 values"])
        #expect(plan.skipped.map(\.status) == ["Invalid", "Duplicate"])
        #expect(plan.devices[2].verdict == .duplicate(first: .line(path: "l.txt", 1)))
    }

    @Test func aListInCodeIsPlacedByPosition() {
        let plan = RunPlanner.plan(deviceIds: ["352099001761481", "x"], luhn: .warn)
        #expect(plan.problems.map(\.description) == ["entry 2: \"x\" is not an IMEI: an IMEI has only digits 0-9, found \"x\""])
    }

    @Test func theConsolesFileReportStaysAsItWas() {
        let r = IMEIListReader.parse("352099001761481\n\(Self.badLuhn)\nx\n352099001761481\n", path: "f")
        #expect(r.imeis == ["352099001761481", Self.badLuhn, "352099001761481"])
        #expect(r.problems.map(\.description) == ["f:3: \"x\" is not an IMEI: an IMEI has only digits 0-9, found \"x\""])
        #expect(r.warnings.map(\.description) == ["f:2: \(Self.badLuhn): Luhn check digit is 2, expected 1"])
    }

    /// The engine runs the plan: one result per plan entry, in plan order, every skip with its place.
    @Test func theEngineRunsThePlanInOrder() async throws {
        try await withSimulator({ $0.devices = 20; $0.used = 0 }) { sim, client in
            let ids = Array(await sim.allDeviceIds().prefix(3))
            let text = "\(ids[0])\nnope\n\(ids[1])\n\(ids[0])\n1,2\n\(ids[2])\n"
            let plan = RunPlanner.plan(IMEIListReader.input(text: text, path: "in.txt"), luhn: .warn)
            let summary = try await finish(RunEngine(client: client, options: RunOptions(batchSize: 2)).start(.assign, plan: plan))
            #expect(summary.results.map(\.deviceId) == [ids[0], "nope", ids[1], ids[0], "", ids[2]])
            #expect(summary.results.map(\.outcome) == [.success, .skipped, .success, .skipped, .skipped, .success])
            #expect(summary.results[1].reason.hasPrefix("in.txt:2: "))
            #expect(summary.results[4].reason == "in.txt:5: expected one IMEI per line, found 2 values")
            #expect(await sim.counters().assignRequests == 2)
        }
    }

    /// The client checks only the shape; a Luhn policy of `error` stops a bad check digit in the
    /// planner, before the client, and `warn` lets the server judge it.
    @Test func luhnIsCheckedOnceByThePlanner() async throws {
        try await withSimulator({ $0.devices = 20; $0.used = 0 }) { sim, client in
            let strict = try await finish(RunEngine(client: client, options: RunOptions(luhnPolicy: .error))
                .start(.assign, deviceIds: [Self.badLuhn]))
            #expect(strict.results.map(\.status) == ["Invalid"])
            #expect(await sim.counters().assignRequests == 0)
            let lenient = try await finish(RunEngine(client: client, options: RunOptions(luhnPolicy: .warn))
                .start(.assign, deviceIds: [Self.badLuhn]))
            #expect(lenient.results.map(\.status) != ["Invalid"])
            #expect(await sim.counters().assignRequests == 1)
            await #expect(throws: ThingSpaceError.self) { _ = try await client.send(.assign, deviceIds: ["12345"]) }
            #expect(await sim.counters().assignRequests == 1)
        }
    }
}
