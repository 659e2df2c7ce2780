import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the console cannot run on this terminal. The executable prints `description` to
/// standard error and exits with `exitCode` (2).
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `stream` is "standard input" or "standard output".
    case notATerminal(stream: String)
    case termNotSet
    case dumbTerminal
    /// `newterm` refused the name: no terminfo entry, or a hard-copy/generic one.
    case unknownTerminal(term: String)
    /// The terminfo entry has no `cup` (cursor addressing) capability.
    case cannotAddressCursor(term: String)
    case alreadyStarted

    public var exitCode: Int32 { 2 }

    public var description: String {
        switch self {
        case .notATerminal(let stream):
            return "tslicense needs an interactive terminal: \(stream) is not a terminal"
        case .termNotSet:
            return "tslicense needs an interactive terminal: TERM is not set (try TERM=xterm-256color)"
        case .dumbTerminal:
            return "tslicense needs a terminal that can move the cursor: TERM=dumb cannot (try TERM=xterm-256color)"
        case .unknownTerminal(let term):
            return "tslicense cannot use terminal type TERM=\(term): terminfo has no usable screen entry for it (try TERM=xterm-256color)"
        case .cannotAddressCursor(let term):
            return "tslicense needs a terminal that can move the cursor: TERM=\(term) has no cursor addressing (cup)"
        case .alreadyStarted:
            return "the terminal is already started"
        }
    }
}

/// The checks made before taking over the screen.
public enum TerminalCheck {
    /// Throws unless `inputFD` and `outputFD` are terminals and the terminal type is usable.
    /// `term` overrides `environment["TERM"]` (nil environment: the process environment). The remaining check, that the terminfo entry
    /// can address the cursor, happens in `Terminal.start()` once ncurses has loaded it.
    public static func verify(inputFD: Int32 = STDIN_FILENO, outputFD: Int32 = STDOUT_FILENO,
                              term: String? = nil,
                              environment: [String: String]? = nil) throws(TerminalError) {
        guard isatty(inputFD) == 1 else { throw .notATerminal(stream: streamName(inputFD, fallback: "the input")) }
        guard isatty(outputFD) == 1 else { throw .notATerminal(stream: streamName(outputFD, fallback: "the output")) }
        _ = try terminalName(term: term, environment: environment)
    }

    /// The terminal type to load: `term`, else `TERM`; refuses unset and `dumb`.
    static func terminalName(term: String?, environment: [String: String]?) throws(TerminalError) -> String {
        let fromEnvironment = environment.map { $0["TERM"] } ?? getenv("TERM").map { String(cString: $0) }
        guard let name = term ?? fromEnvironment, !name.isEmpty else { throw .termNotSet }
        guard name != "dumb" else { throw .dumbTerminal }
        return name
    }

    private static func streamName(_ fd: Int32, fallback: String) -> String {
        switch fd {
        case STDIN_FILENO: return "standard input"
        case STDOUT_FILENO: return "standard output"
        case STDERR_FILENO: return "standard error"
        default: return "\(fallback) (file descriptor \(fd))"
        }
    }
}
