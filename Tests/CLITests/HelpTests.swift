import Foundation
import Testing

@Suite("help, version and completions")
struct HelpTests {
    @Test func versionIsPrinted() async throws {
        try await withSandbox { box in
            let r = try await box.run(["--version"])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        }
    }

    @Test(arguments: [["status"], ["devices"], ["assign"], ["remove"], ["login"], ["config"], ["config", "show"],
                       ["history"], ["resume"], ["undo"]])
    func everyCommandHasExamples(_ command: [String]) async throws {
        try await withSandbox { box in
            let r = try await box.run(command + ["--help"])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout.contains("Examples:"), "\(r)")
            #expect(r.stdout.contains("tslicense \(command.joined(separator: " "))"), "\(r)")
        }
    }

    @Test func secretsAreNeverFlags() async throws {
        try await withSandbox { box in
            for command in ["status", "devices", "assign", "remove", "login"] {
                let r = try await box.run([command, "--help"])
                for word in ["--password", "--app-secret", "--secret", "--access-token", "--session-token"] {
                    #expect(!r.stdout.contains(word), "\(command) has \(word)")
                }
            }
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(_ shell: String) async throws {
        try await withSandbox { box in
            let r = try await box.run(["--generate-completion-script", shell])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout.contains("assign"))
            #expect(r.stdout.contains("from-file"))
        }
    }
}
