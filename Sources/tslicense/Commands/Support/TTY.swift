import Drawing
import Foundation
import ThingSpaceAPI

/// What is a terminal, and the conversations that need one.
enum TTY {
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    /// What the locale can show, for tables: not UTF-8 (`LANG=C`) means `?` for non-ASCII text.
    static var charset: TextCharset { TextCharset.from(environment: ProcessInfo.processInfo.environment) }

    /// Asks on stderr and reads the answer from stdin. `expected` is the exact answer that
    /// confirms (`y` is also accepted when `expected` is `yes`). False on anything else or EOF.
    static func confirm(_ question: String, expected: String = "yes") -> Bool {
        FileHandle.standardError.write(Data(question.utf8))
        guard let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased() else {
            FileOutput.stderr("")
            return false
        }
        if expected == "yes" { return answer == "y" || answer == "yes" }
        return answer == expected.lowercased()
    }
}

/// A one-line progress display on stderr, drawn only when stderr is a terminal. Lines printed
/// to stdout go through `aboveProgress` so the two never mix on one screen line.
final class ProgressLine {
    let enabled: Bool
    private var shown = false
    private var lastDraw = ContinuousClock.now - .seconds(1)

    init(enabled: Bool = TTY.stderrIsTerminal) { self.enabled = enabled }

    /// Redraws, at most about 20 times a second unless `force`.
    func update(_ text: String, force: Bool = false) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard force || now - lastDraw > .milliseconds(50) else { return }
        lastDraw = now
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(TextFormat.clean(text))".utf8))
        shown = true
    }

    func clear() {
        guard enabled, shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        shown = false
    }
}
