import Drawing

/// What `TerminalRunner` drives: an Elm-style program that handles events, says when its
/// state changed, and renders its state into a cell grid.
@MainActor
public protocol TerminalProgram: AnyObject {
    /// Updates state for one event; may start async work (whose results arrive later on the
    /// main actor, followed by `TerminalRunner.setNeedsRender()`).
    func handle(_ event: TerminalEvent)
    /// A pure view of the current state at this size.
    func render(width: Int, height: Int) -> CellGrid
    /// True when the state changed since the last `didRender()`.
    var needsRender: Bool { get }
    /// The frame from the last `render` is on screen.
    func didRender()
    /// Set by the program on Ctrl-L; the runner repaints every cell and clears it.
    var wantsRedrawAll: Bool { get set }
    /// The runner stops (and restores the terminal) once this is true.
    var isFinished: Bool { get }
    var theme: Theme { get }
    /// Output the program wants written to the terminal besides the frame (a clipboard copy);
    /// the runner takes it after each frame's `doupdate`, on the main actor.
    func takeTerminalRequests() -> [TerminalRequest]
}

extension TerminalProgram {
    public func takeTerminalRequests() -> [TerminalRequest] { [] }
}

/// Output besides the frame, written by the runner right after a frame is drawn.
public enum TerminalRequest: Equatable, Sendable {
    /// Put the text on the terminal's clipboard (OSC 52).
    case clipboard(String)
}
