import Foundation

/// The OSC 52 "set selection" sequence: `ESC ] 52 ; c ; BASE64 BEL`. Terminals that allow it
/// (xterm, kitty, iTerm2, WezTerm, tmux with `set-clipboard on`) put the text on the clipboard,
/// also over SSH. tmux reads the plain sequence itself (no passthrough wrapper): it keeps the
/// text in its paste buffer and forwards it to the outer terminal when that one supports it.
public enum OSC52 {
    /// The sequence for `text`, terminated by BEL (which tmux, xterm and most others accept).
    public static func sequence(for text: String) -> [UInt8] {
        Array("\u{1b}]52;c;".utf8) + Array(Data(text.utf8).base64EncodedString().utf8) + [0x07]
    }
}
