/// The documented exit codes of the commands, and how they are computed from what happened.
/// When several apply, the highest wins.
public enum ExitStatus {
    /// Every device sent ended success, alreadyLicensed or notLicensed.
    public static let ok: Int32 = 0
    /// Some devices failed, got no answer (`unknown`) or were left unsent.
    public static let someFailed: Int32 = 1
    /// Usage or input error (including no terminal for the console).
    public static let usage: Int32 = 2
    /// Authentication error.
    public static let authentication: Int32 = 3
    /// API or network error before any device result.
    public static let api: Int32 = 4

    /// The code for an error that ended a command before any device result.
    public static func code(for error: ThingSpaceError) -> Int32 {
        switch error.underlying {
        case .authentication: return authentication
        case .invalidInput: return usage
        case .cancelled: return someFailed
        default: return api
        }
    }

    /// Statuses of ours, for devices that never got an answer from the server.
    static let unanswered: Set<String> = ["Error", "NotSent", "NoAnswer", "Invalid", "Duplicate"]

    /// 0: every device sent ended success, alreadyLicensed or notLicensed (skipped invalid lines
    /// and duplicates do not count). 1: some failed, got no answer or were left unsent. 3: authentication failed.
    /// 4: an API or network error before any device result.
    public static func code(for summary: RunSummary) -> Int32 {
        var code = ok
        let leftUnsent = !summary.unsent.isEmpty
        let failed = summary.results.contains { $0.outcome == .failed || $0.outcome == .unknown }
        if failed || leftUnsent { code = max(code, someFailed) }
        if let fatal = summary.fatalError, fatal.underlying.isAuthentication {
            code = max(code, authentication)
        }
        let sent = summary.results.filter { $0.status != "Invalid" && $0.status != "Duplicate" }
        let answered = sent.contains { !unanswered.contains($0.status) }
        // A device without an answer may have been changed: not "nothing happened".
        let mayHaveChanged = summary.results.contains { $0.outcome == .unknown }
        if !sent.isEmpty, !answered, !mayHaveChanged, failed || summary.fatalError != nil {
            let error = summary.fatalError
            let authOnly = error?.underlying.isAuthentication == true
            if !authOnly && error?.underlying != .cancelled { code = max(code, api) }
        }
        return code
    }
}
