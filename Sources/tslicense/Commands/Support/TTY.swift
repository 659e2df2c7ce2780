import Drawing
import Foundation
import ThingSpaceAPI

/// What is a terminal, and the conversations that need one.
enum TTY {
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    /// Standard output goes into a pipe or socket, whose reader may well be showing it on the same
    /// screen as standard error (`| tee`, `| less`): a line redrawn in place there would mix with it.
    static var stdoutIsPipe: Bool {
        var info = stat()
        guard fstat(STDOUT_FILENO, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type == S_IFIFO || type == S_IFSOCK
    }
    /// What the locale can show, for tables: not UTF-8 (`LANG=C`) means `?` for non-ASCII text.
    static var charset: TextCharset { TextCharset.from(environment: ProcessInfo.processInfo.environment) }

    /// Asks on stderr and reads the answer from stdin. `expected` is the exact answer that
    /// confirms (`y` is also accepted when `expected` is `yes`). False on anything else or EOF.
    static func confirm(_ question: String, expected: String = "yes") -> Bool {
        FileOutput.write(question, to: STDERR_FILENO)
        guard let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased() else {
            FileOutput.stderr("")
            return false
        }
        if expected == "yes" { return answer == "y" || answer == "yes" }
        // A typed count may carry thousands separators, as the question shows it.
        if expected.allSatisfy(\.isNumber) { return answer.replacingOccurrences(of: ",", with: "") == expected }
        return answer == expected.lowercased()
    }
}
