import ThingSpaceAPI

/// The documented exit codes, computed from what happened. When several apply, the highest wins.
enum ExitCodes {
    /// The code for an error that ended a command before any device result.
    static func code(for error: ThingSpaceError) -> Int32 {
        switch error.underlying {
        case .authentication: return ExitStatus.authentication
        case .invalidInput: return ExitStatus.usage
        case .cancelled: return ExitStatus.someFailed
        default: return ExitStatus.api
        }
    }

    /// Statuses of ours, for devices that never got an answer from the server.
    static let unanswered: Set<String> = ["Error", "NotSent", "Invalid", "Duplicate"]

    /// 0: every device sent ended success, alreadyLicensed or notLicensed (skipped invalid lines
    /// and duplicates do not count). 1: some failed or were left unsent. 3: authentication failed.
    /// 4: an API or network error before any device result.
    static func code(for summary: RunSummary) -> Int32 {
        var code = ExitStatus.ok
        let leftUnsent = !summary.unsent.isEmpty
        let failed = summary.results.contains { $0.outcome == .failed }
        if failed || leftUnsent { code = max(code, ExitStatus.someFailed) }
        if let fatal = summary.fatalError, fatal.underlying.isAuthentication {
            code = max(code, ExitStatus.authentication)
        }
        let sent = summary.results.filter { $0.status != "Invalid" && $0.status != "Duplicate" }
        let answered = sent.contains { !unanswered.contains($0.status) }
        if !sent.isEmpty, !answered, failed || summary.fatalError != nil {
            let error = summary.fatalError
            let authOnly = error?.underlying.isAuthentication == true
            if !authOnly && error?.underlying != .cancelled { code = max(code, ExitStatus.api) }
        }
        return code
    }
}
