import Foundation

/// Where the journals live: `STATE/runs/` (real accounts) or `STATE/demo-runs/` (the demo), one
/// `RUN.jsonl` per run and, while a process works on it, a `RUN.lock`. `STATE` is
/// `$XDG_STATE_HOME/tslicense` (default `~/.local/state/tslicense`). The directories are created
/// owner-only (0700), the files 0600.
public struct JournalStore: Sendable, Equatable {
    /// The journal directory itself.
    public let directory: String
    public let demo: Bool

    /// The store under a state directory (`…/tslicense`).
    public init(stateDirectory: String, demo: Bool = false) {
        self.demo = demo
        directory = (stateDirectory as NSString).appendingPathComponent(demo ? "demo-runs" : "runs")
    }

    public func journalPath(_ runId: String) -> String {
        (directory as NSString).appendingPathComponent("\(runId).jsonl")
    }

    public func lockPath(_ runId: String) -> String {
        (directory as NSString).appendingPathComponent("\(runId).lock")
    }

    /// The run ids with a journal here, newest first (ids sort as time does).
    public func runIds() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(".jsonl".count)) }
            .sorted(by: >)
    }

    public func exists(_ runId: String) -> Bool {
        JournalStore.isPlainRunId(runId) && FileManager.default.fileExists(atPath: journalPath(runId))
    }

    /// A run id names a file here: no path separators, no leading dot.
    public static func isPlainRunId(_ id: String) -> Bool {
        !id.isEmpty && !id.hasPrefix(".") && !id.contains("/") && !id.contains("\0")
    }

    /// Creates the directory (and its parents) owner-only; an existing one is made owner-only.
    public func prepare() throws(JournalError) {
        let parent = (directory as NSString).deletingLastPathComponent
        for dir in [parent, directory] {
            if mkdir(dir, 0o700) != 0 && errno != EEXIST {
                do {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                            attributes: [.posixPermissions: 0o700])
                } catch {
                    throw .io("cannot create the journal directory \(dir): \(error.localizedDescription)")
                }
            }
        }
        if chmod(directory, 0o700) != 0 {
            throw .io("cannot make \(directory) owner-only: \(String(cString: strerror(errno)))")
        }
    }
}

/// A journal problem, in words for the operator.
public enum JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file could not be created, written or synced.
    case io(String)
    /// No journal for this run id.
    case unknownRun(String, directory: String)
    /// Another live process holds the run.
    case running(runId: String, holder: LockHolder)
    /// The run cannot be resumed or undone as asked.
    case refused(String)

    public var description: String {
        switch self {
        case .io(let text), .refused(let text): return text
        case .unknownRun(let id, let directory):
            return "no run \(id) in \(directory) (tslicense history lists the runs)"
        case .running(let id, let holder):
            return "run \(id) is still running (process \(holder.pid) on \(holder.host), lock refreshed \(holder.refreshedAt)); "
                + "wait for it to finish, or stop that process first"
        }
    }
}
