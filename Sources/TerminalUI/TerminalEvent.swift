import Drawing

/// What the terminal reports to the program.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// A mouse report ncurses decoded (only when the terminal was started with `mouse: true`).
    case mouse(MouseEvent)
}

/// How `TerminalRunner.run` ended.
public enum TerminalRunEnd: Equatable, Sendable {
    /// The program said `isFinished`.
    case finished
    /// SIGINT, SIGTERM or SIGHUP arrived; exit with 128 + signal.
    case signal(Int32)
    /// The terminal went away (hang-up, end of input).
    case inputClosed
    /// The task running `run` was cancelled.
    case cancelled
    /// `run` was called on a terminal that was not started (or while already running), or
    /// the terminal was stopped during the run.
    case notStarted
}
