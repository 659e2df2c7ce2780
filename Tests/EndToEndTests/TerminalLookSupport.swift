import Foundation

/// A private directory standing in for `$HOME` and the XDG directories, removed by `remove()`.
struct ScratchHome {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tsl-look-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("tslicense"), withIntermediateDirectories: true)
    }

    /// `NO_COLOR` is emptied (SwiftPM runs tests with `NO_COLOR=1`; empty counts as unset), so a
    /// test that wants it sets it.
    var environment: [String: String] {
        ["HOME": url.path, "XDG_CONFIG_HOME": url.path, "XDG_STATE_HOME": url.path, "NO_COLOR": ""]
    }

    /// Writes `$XDG_CONFIG_HOME/tslicense/config.toml`, private to its owner.
    func writeConfig(_ text: String) throws {
        let path = url.appendingPathComponent("tslicense/config.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
    }

    /// Where `script(1)` records the program's raw output.
    var rawPath: String { url.appendingPathComponent("raw.out").path }

    func rawBytes() -> [UInt8] { (try? Array(Data(contentsOf: URL(fileURLWithPath: rawPath)))) ?? [] }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The command under `script(1)`, which records every byte the program writes to its terminal
/// (the pseudo-terminal recorder): `-q` quiet, `-f` flush, `-e` the child's exit status.
func recorded(_ argv: [String], into rawPath: String) -> [String] {
    ["script", "-q", "-f", "-e", "-O", rawPath, "-c", argv.map(TmuxSession.shellQuote).joined(separator: " ")]
}
