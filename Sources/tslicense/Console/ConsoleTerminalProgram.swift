import Drawing
import LicenseConsole
import TerminalUI

/// Lets `TerminalRunner` drive the console: terminal events become keys and sizes, frames
/// come from the program, and background changes ask the runner for a frame.
@MainActor
final class ConsoleTerminalProgram: TerminalProgram {
    let program: ConsoleProgram

    init(_ program: ConsoleProgram, runner: TerminalRunner) {
        self.program = program
        program.onChange = { [weak runner] in runner?.setNeedsRender() }
    }

    func handle(_ event: TerminalEvent) {
        switch event {
        case .key(let key): program.handle(key: key)
        case .resize(let width, let height): program.resize(width: width, height: height)
        case .mouse(let event): program.send(.mouse(event))
        }
    }

    func takeTerminalRequests() -> [TerminalRequest] { program.takeClipboardRequests().map(TerminalRequest.clipboard) }

    func render(width: Int, height: Int) -> CellGrid { program.render(width: width, height: height) }
    var needsRender: Bool { program.needsRender }
    func didRender() { program.didRender() }
    var wantsRedrawAll: Bool {
        get { program.wantsRedrawAll }
        set { program.wantsRedrawAll = newValue }
    }
    var isFinished: Bool { program.isFinished }
    var theme: Theme { program.theme }
}
