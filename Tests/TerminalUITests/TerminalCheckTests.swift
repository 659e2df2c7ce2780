import CNcurses
import Testing
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

@Suite struct TerminalCheckTests {
    @Test func aPipeIsNotATerminal() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let pty = try PseudoTerminal(width: 80, height: 24)
        defer { pty.close() }

        #expect(throws: TerminalError.notATerminal(stream: "the output (file descriptor \(fds[1]))")) {
            try TerminalCheck.verify(inputFD: pty.slave, outputFD: fds[1], environment: ["TERM": "xterm"])
        }
        do {
            try TerminalCheck.verify(inputFD: fds[0], outputFD: pty.slave, environment: ["TERM": "xterm"])
            Issue.record("a pipe passed the check")
        } catch {
            #expect(error.description.hasPrefix("tslicense needs an interactive terminal:"))
            #expect(error.description.hasSuffix("is not a terminal"))
            #expect(error.exitCode == 2)
        }
        #expect(TerminalError.notATerminal(stream: "standard output").description
                == "tslicense needs an interactive terminal: standard output is not a terminal")
    }

    @Test func termMustBeSetAndNotDumb() throws {
        let pty = try PseudoTerminal(width: 80, height: 24)
        defer { pty.close() }
        try TerminalCheck.verify(inputFD: pty.slave, outputFD: pty.slave, environment: ["TERM": "xterm-256color"])
        #expect(throws: TerminalError.termNotSet) {
            try TerminalCheck.verify(inputFD: pty.slave, outputFD: pty.slave, environment: [:])
        }
        #expect(throws: TerminalError.dumbTerminal) {
            try TerminalCheck.verify(inputFD: pty.slave, outputFD: pty.slave, environment: ["TERM": "dumb"])
        }
        #expect(throws: TerminalError.dumbTerminal) {
            try TerminalCheck.verify(inputFD: pty.slave, outputFD: pty.slave, term: "dumb", environment: ["TERM": "xterm"])
        }
    }
}
