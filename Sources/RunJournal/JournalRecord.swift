import Foundation
import ThingSpaceAPI

/// One line of a run's journal (JSON Lines). Every record has a `type` and a time `at`; the other
/// fields depend on the type, and absent ones are left out of the line:
///
/// - `start`: `runId`, `account`, `baseURL`, `apiVersion`, `operation`, `entries` (every input
///   entry in input order), `devices` (the IMEIs the run sends, in order), `skipped` (results of the
///   invalid and duplicate entries), `user`, `host`, `pid`, `profile`, `note`, `undoes`.
/// - `resume`: a later process continues the run: `devices` it sends, `user`, `host`, `pid`, `note`.
/// - `before`: `licensed`, each device's licence state before the run, where the front end knew it.
/// - `intent`: a batch about to leave: `batch`, `attempt`, `devices`.
/// - `outcome`: results as they arrived: `batch` (-1 for results of our own: not sent, no answer),
///   `results`.
/// - `end`: the process's part of the run is over: `state` (`completed`, `stopped`, `failed`),
///   `counts` (per outcome), `error`, `signal`.
///
/// No secret is ever a field: tokens and passwords never reach the journal.
public struct JournalRecord: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case start, resume, before, intent, outcome, end }

    public var type: Kind
    public var at: String

    public var runId: String?
    public var account: String?
    public var baseURL: String?
    public var apiVersion: String?
    public var operation: LicenseOperation?
    public var entries: [String]?
    public var devices: [String]?
    public var skipped: [DeviceResult]?
    public var user: String?
    public var host: String?
    public var pid: Int32?
    public var profile: String?
    public var note: String?
    public var undoes: String?

    public var licensed: [String: Bool]?

    public var batch: Int?
    public var attempt: Int?
    public var results: [DeviceResult]?

    public var state: String?
    public var counts: [String: Int]?
    public var error: String?
    public var signal: Int32?

    public init(type: Kind, at: String = JournalClock.now()) {
        self.type = type
        self.at = at
    }

    /// The record as one line, newline included.
    func line() throws -> Data {
        // A batch's intent and outcome, written by hand (the same bytes).
        if let fast = JournalLine.bytes(self) { return fast }
        var data = try JournalRecord.encoder.encode(self)
        data.append(0x0A)
        return data
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
}

/// Times in the journal: RFC 3339 in UTC with milliseconds, `2026-11-28T06:30:12.345Z`.
public enum JournalClock {
    public static func now() -> String { string(Date()) }

    public static func string(_ date: Date) -> String { date.formatted(style) }

    /// One style for every record (a formatter made per record cost more than the record).
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func date(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}

/// Who and where: the OS user and the host name, for the records and the lock.
public enum JournalIdentity {
    public static var user: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "uid \(geteuid())"
    }

    public static var host: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static var pid: Int32 { getpid() }
}
