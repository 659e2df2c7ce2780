import Foundation
import ThingSpaceAPI

/// Progress on standard error, only when it is a terminal. When standard output is a terminal or
/// a file, one line is rewritten in place at most ten times a second and erased only before other
/// output or at the end (`around`). When standard output is a pipe, its reader may be writing to
/// the same screen at any moment, so progress comes as whole lines, at most one every two seconds.
final class ProgressLine {
    enum Mode: Equatable {
        case off
        case inPlace
        case lines
    }

    let mode: Mode
    private var shown = false
    private var latest: String?
    private var drawn: String?
    private var lastDraw: ContinuousClock.Instant?

    var enabled: Bool { mode != .off }

    init(mode: Mode) { self.mode = mode }

    /// On when standard error is a terminal (and `enabled` allows), in place unless standard
    /// output is a pipe.
    convenience init(enabled: Bool = true) {
        guard enabled, TTY.stderrIsTerminal else { self.init(mode: .off); return }
        self.init(mode: TTY.stdoutIsPipe ? .lines : .inPlace)
    }

    private var interval: Duration { mode == .lines ? .seconds(2) : .milliseconds(100) }

    /// The newest text; drawn now if the last draw is old enough (or `force`), else at a later
    /// `update` or `tick`.
    func update(_ text: String, force: Bool = false) {
        latest = TextFormat.clean(text)
        drawIfDue(force: force)
    }

    /// Draws the newest text if it changed and the last draw is old enough.
    func tick() { drawIfDue(force: false) }

    /// Writes other output (standard output flushed, or a notice on standard error) with the
    /// progress line out of its way, then draws it again.
    func around(_ write: () -> Void) {
        guard mode == .inPlace, shown else { write(); return }
        erase()
        write()
        drawIfDue(force: true)
    }

    /// Erases the line for good (the end of the run).
    func clear() {
        guard mode == .inPlace else { return }
        erase()
    }

    private func erase() {
        guard shown else { return }
        FileOutput.write("\r\u{1B}[2K", to: STDERR_FILENO)
        shown = false
        drawn = nil
    }

    private func drawIfDue(force: Bool) {
        guard mode != .off, let text = latest else { return }
        let now = ContinuousClock.now
        if !force, let last = lastDraw, now - last < interval { return }
        if mode == .inPlace, shown, text == drawn { return }
        if mode == .lines, text == drawn { return }
        lastDraw = now
        drawn = text
        switch mode {
        case .inPlace:
            FileOutput.write("\r\u{1B}[2K\(text)", to: STDERR_FILENO)
            shown = true
        case .lines:
            FileOutput.write("\(text)\n", to: STDERR_FILENO)
        case .off:
            break
        }
    }
}
