import Drawing
import Testing
@testable import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// A small program: shows a message and its size, quits on `q` or Ctrl-C, asks for a full
/// redraw on Ctrl-L.
@MainActor
class ScriptedProgram: TerminalProgram {
    var events: [TerminalEvent] = []
    var message = "ready"
    var needsRender = true
    var wantsRedrawAll = false
    var isFinished = false
    var theme = Theme.default
    var renders = 0
    var width = 0, height = 0
    var afterFirstRender: (() -> Void)?

    func handle(_ event: TerminalEvent) {
        events.append(event)
        switch event {
        case .key(.char("q")), .key(.ctrl("c")): isFinished = true
        case .key(.ctrl("l")): wantsRedrawAll = true
        case .key(.char(let c)): message = "typed \(c)"
        case .resize(let w, let h): width = w; height = h
        default: break
        }
        needsRender = true
    }

    func render(width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        grid.put(message, x: 0, y: 0, role: .title)
        grid.put("size \(width)x\(height)", x: 0, y: 1, role: .normal)
        grid.put("frame", x: 0, y: 2, role: .dim)
        return grid
    }

    func didRender() {
        needsRender = false
        renders += 1
        if renders == 1, let hook = afterFirstRender {
            afterFirstRender = nil
            hook()
        }
    }
}

extension NcursesTests {
    @Suite(.timeLimit(.minutes(1))) @MainActor struct Runner {
        /// Runs `program` on a fresh pty; `script` runs detached with the master fd (it plays the
        /// user: reads the screen, types keys). It always ends by typing `q` so a failing test
        /// cannot hang.
        @MainActor
        func run(_ program: ScriptedProgram, width: Int = 80, height: Int = 24,
                 configure: (TerminalRunner, PseudoTerminal) -> Void = { _, _ in },
                 script: @escaping @Sendable (Int32) async -> Void) async throws -> (TerminalRunner, String) {
            let pty = try PseudoTerminal(width: width, height: height)
            defer { pty.close() }
            let terminal = Terminal(inputFD: pty.slave, outputFD: pty.slave, term: "xterm-256color",
                                    locale: "C.UTF-8", environment: [:])
            try terminal.start()
            defer { terminal.stop() }
            let runner = TerminalRunner(terminal: terminal)
            configure(runner, pty)
            let master = pty.master
            let user = Task.detached {
                await script(master)
                try? await Task.sleep(for: .seconds(5))
                if !Task.isCancelled { typeInto(fd: master, "q") }
            }
            await runner.run(program)
            // The user task must be done with the fd before the pty is closed.
            user.cancel()
            await user.value
            #expect(!terminal.isStarted, "run returns with the terminal restored")
            return (runner, pty.drain().visibleText)
        }

        @Test func mainActorTasksRunWhileTheLoopIsActive() async throws {
            let program = ScriptedProgram()
            let (runner, _) = try await run(program, configure: { runner, _ in
                program.afterFirstRender = {
                    Task { @MainActor in
                        program.message = "background done"
                        program.needsRender = true
                        runner.setNeedsRender()
                    }
                }
            }, script: { master in
                let screen = readScreen(fd: master, until: "background done")
                if screen.contains("background done") { typeInto(fd: master, "q") }
            })
            #expect(runner.endReason == .finished)
            #expect(program.message == "background done")
            #expect(program.renders >= 2)
            #expect(program.events.first == .resize(width: 80, height: 24))
            #expect(program.events.last == .key(.char("q")))
        }

        @Test func keysReachTheProgramAndFramesFollow() async throws {
            let program = ScriptedProgram()
            let (runner, _) = try await run(program, script: { master in
                guard readScreen(fd: master, until: "ready").contains("ready") else { return }
                typeInto(fd: master, "x")
                guard readScreen(fd: master, until: "typed x").contains("typed x") else { return }
                typeInto(fd: master, "\u{3}")
            })
            #expect(runner.endReason == .finished)
            #expect(program.events.contains(.key(.char("x"))))
            #expect(program.events.last == .key(.ctrl("c")))
        }

        @Test func windowChangeSignalDeliversResize() async throws {
            let program = ScriptedProgram()
            let (runner, _) = try await run(program, configure: { _, pty in
                program.afterFirstRender = {
                    pty.resize(width: 100, height: 40)
                    kill(getpid(), SIGWINCH)
                }
            }, script: { master in
                if readScreen(fd: master, until: "100x40").contains("100x40") {
                    typeInto(fd: master, "q")
                }
            })
            #expect(runner.endReason == .finished)
            #expect(program.events.contains(.resize(width: 100, height: 40)))
            #expect(program.width == 100 && program.height == 40)
        }

        /// The process's signal watch ends the runner with `end(signal:)` (the console's launcher
        /// wires it; the watch itself is tested with real signals in SignalWatchTests).
        @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
        func endBySignalEndsTheRunCleanly(signal: Int32) async throws {
            let program = ScriptedProgram()
            let (runner, _) = try await run(program, configure: { runner, _ in
                program.afterFirstRender = { runner.end(signal: signal) }
            }, script: { _ in })
            #expect(runner.endReason == .signal(signal))
            #expect(!program.isFinished)
        }

        @Test func aSignalBeforeTheRunEndsItAtOnce() async throws {
            let program = ScriptedProgram()
            let (runner, _) = try await run(program, configure: { runner, _ in
                runner.end(signal: SIGHUP)
            }, script: { _ in })
            #expect(runner.endReason == .signal(SIGHUP))
            #expect(program.events.isEmpty, "the program never started")
        }

        @Test func hangUpEndsTheRun() async throws {
            let program = ScriptedProgram()
            var runnerRef: TerminalRunner?
            let (runner, _) = try await run(program, configure: { runner, pty in
                runnerRef = runner
                program.afterFirstRender = { pty.hangUp() }
            }, script: { _ in })
            #expect(runner === runnerRef)
            #expect(runner.endReason == .inputClosed)
        }

        @Test func ctrlLRepaintsEverything() async throws {
            let program = ScriptedProgram()
            let (runner, screen) = try await run(program, script: { master in
                guard readScreen(fd: master, until: "frame").contains("frame") else { return }
                typeInto(fd: master, "\u{c}")
                // The full repaint shows every line again, though nothing changed.
                if readScreen(fd: master, until: "frame").contains("size 80x24") { typeInto(fd: master, "q") }
            })
            #expect(runner.endReason == .finished)
            #expect(program.events.contains(.key(.ctrl("l"))))
            #expect(!program.wantsRedrawAll)
            _ = screen
        }

        @Test func framesAreCappedAtThirtyPerSecond() async throws {
            let program = ScriptedProgram()
            var updateSeconds = 0.0
            let (runner, _) = try await run(program, configure: { runner, _ in
                program.afterFirstRender = {
                    Task { @MainActor in
                        let start = ContinuousClock.now
                        var n = 0
                        while ContinuousClock.now - start < .milliseconds(500) {
                            n += 1
                            program.message = "update \(n)"
                            program.needsRender = true
                            runner.setNeedsRender()
                            try? await Task.sleep(for: .milliseconds(2))
                        }
                        let elapsed = ContinuousClock.now - start
                        updateSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                        program.message = "updates done after \(n)"
                        program.needsRender = true
                        runner.setNeedsRender()
                    }
                }
            }, script: { master in
                if readScreen(fd: master, until: "done after").contains("done after") {
                    typeInto(fd: master, "q")
                }
            })
            print("[frames] \(runner.framesRendered) frames for \(program.message) state changes in \(updateSeconds) s")
            #expect(runner.endReason == .finished)
            // First frame, the capped frames while updating, the final one (and slack for one
            // timer landing late). The lower bound stays loose: a loaded machine starves the
            // main actor.
            #expect(runner.framesRendered >= 2)
            #expect(Double(runner.framesRendered) <= updateSeconds * 30 + 3)
            #expect(program.message.hasPrefix("updates done"))
        }

        @Test func programThatFinishesAtOnce() async throws {
            final class Quitter: ScriptedProgram {
                override func handle(_ event: TerminalEvent) { isFinished = true }
            }
            let program = Quitter()
            let (runner, _) = try await run(program, script: { _ in })
            #expect(runner.endReason == .finished)
            #expect(program.renders == 0)
        }

        @Test func runNeedsAStartedTerminal() async throws {
            let terminal = Terminal(inputFD: 0, outputFD: 1, term: "xterm", environment: [:])
            let runner = TerminalRunner(terminal: terminal)
            await runner.run(ScriptedProgram())
            #expect(runner.endReason == .notStarted)
        }
    }
}
