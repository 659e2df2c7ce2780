import Foundation

/// Runs a profile's `app_secret_command` / `password_command`: `/bin/sh -c COMMAND`, standard
/// input closed, standard error passed through (a password manager may ask for a passphrase), and
/// the standard output, less its trailing newline, is the secret. The output never appears in a
/// message; failures name the key and the profile only.
enum SecretCommand {
    static let timeoutSeconds: Double = 120

    static func run(_ command: String, key: String, profile: String,
                    environment: [String: String]) throws(SettingsError) -> String {
        let what = "\(key) of profile \"\(profile)\""
        func fail(_ reason: String) -> SettingsError {
            SettingsError("\(what) \(reason)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw fail("could not be started: \((error as NSError).localizedDescription)")
        }
        // Read to the end first (a full pipe would block the child), bounded in time.
        let reader = output.fileHandleForReading
        let deadline = DispatchTime.now() + timeoutSeconds
        let box = OutputBox()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            box.data = reader.readDataToEndOfFile()
            done.signal()
        }
        if done.wait(timeout: deadline) == .timedOut {
            process.terminate()
            throw fail("did not finish within \(Int(timeoutSeconds)) s")
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exit status \(process.terminationStatus)"
                : "signal \(process.terminationStatus)"
            throw fail("failed (\(how)); its output is not shown")
        }
        guard var secret = String(data: box.data, encoding: .utf8) else { throw fail("printed something that is not UTF-8 text") }
        while let last = secret.last, last == "\n" || last == "\r" { secret.removeLast() }
        if secret.isEmpty { throw fail("printed nothing") }
        if secret.contains("\n") { throw fail("printed more than one line; it must print only the secret (add `| head -n 1` if the first line is the secret)") }
        return secret
    }

    /// Written by one reader thread before the semaphore is signalled, read after it.
    private final class OutputBox: @unchecked Sendable {
        var data = Data()
    }
}
