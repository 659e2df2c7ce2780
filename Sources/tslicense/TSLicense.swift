import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ThingSpaceAPI

/// The `tslicense` executable: argument parsing and wiring only; no business logic.
@main
struct TSLicense: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tslicense",
        abstract: "See and manage Verizon ThingSpace FOTA licences from the terminal.",
        discussion: """
            Without a subcommand, opens the console for the configured account.
            `tslicense demo` opens it on an embedded simulator, touching no real account.
            """,
        version: TSLicense.version,
        subcommands: [
            ConsoleCommand.self,
            StatusCommand.self,
            DevicesCommand.self,
            AssignCommand.self,
            RemoveCommand.self,
            HistoryCommand.self,
            ResumeCommand.self,
            UndoCommand.self,
            LoginCommand.self,
            ConfigCommand.self,
            ThemesCommand.self,
            DemoCommand.self,
            SimulatorCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )

    static let version = "0.1.0"

    /// Parses, runs, and maps every failure to the documented exit codes: usage errors are 2
    /// (ArgumentParser's own is 64), `CommandFailure` carries its code.
    static func main() async {
        let code = await runCommand()
        // Every HTTP client is shut down before the process ends (a client released without it traps).
        await AsyncHTTPTransport.shutdownShared()
        exitProcess(code)
    }

    /// Runs the command and returns the exit code; messages are printed here.
    static func runCommand() async -> Int32 {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let failure as CommandFailure {
            if !failure.message.isEmpty { FileOutput.stderr(failure.message) }
            return failure.code
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { FileOutput.stdout(message) }
                return 0
            }
            if !message.isEmpty { FileOutput.stderr(message) }
            return code == .validationFailure ? ExitStatus.usage : code.rawValue
        }
    }
}

/// An error that ends the process with a message and an exit code.
struct CommandFailure: Error, CustomStringConvertible {
    var code: Int32
    var message: String
    var description: String { message }

    /// A usage or input error (exit status 2): `error: ` and what was wrong.
    static func usage(_ problem: some CustomStringConvertible) -> CommandFailure {
        CommandFailure(code: ExitStatus.usage, message: "error: \(problem)")
    }
}

/// Writes to stdout and stderr with `write(2)`. A stream that has gone away (a terminal hung up
/// under the process: EIO; a full disk) is given up silently: the process goes on to record its
/// run and exit, where Foundation's `FileHandle.write` would trap.
enum FileOutput {
    static func stderr(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n", to: STDERR_FILENO)
    }

    static func stdout(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n", to: STDOUT_FILENO)
    }

    /// Writes `text` as it is (no newline added).
    static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { _ = write(UnsafeRawBufferPointer($0), to: fd) }
    }

    /// Writes every byte unless the stream fails; true when all were written.
    @discardableResult
    static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Bool {
        guard var p = bytes.baseAddress else { return true }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(fd, p, left)
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            p += n
            left -= n
        }
        return true
    }
}

func exitProcess(_ code: Int32) -> Never {
    Foundation.exit(code)
}
