import CNcurses
import Drawing

/// Maps what `wget_wch` returns to `Key`. Pure, so it is tested without a terminal.
public enum KeyMapping {
    /// A function-key code (`wget_wch` returned `KEY_CODE_YES`). `KEY_RESIZE` is handled by
    /// the terminal, not here. Unknown codes give nil.
    public static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_BEG, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_A3: return .pageUp
        case KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        default:
            let f0 = ts_KEY_F(0)
            if code > f0, code <= f0 + 12 { return .function(Int(code - f0)) }
            return nil
        }
    }

    /// A character code (`wget_wch` returned `OK`).
    public static func key(forCharacter code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26:
            return .ctrl(Character(Unicode.Scalar(UInt8(code) + 96)))
        case 0, 28...31, 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// A mouse report's button state (`MEVENT.bstate`) at cell (x, y): a click of the first
    /// button (its release, so a click acts once), or a wheel step. A press on its own, motion
    /// and other buttons give nil.
    public static func mouse(state: mmask_t, x: Int, y: Int) -> MouseEvent? {
        switch ts_mouse_kind(state) {
        case 1: return MouseEvent(.click, x: x, y: y)
        case 2: return MouseEvent(.wheelUp, x: x, y: y)
        case 3: return MouseEvent(.wheelDown, x: x, y: y)
        default: return nil
        }
    }

    /// Escape sequences that many terminals send but terminfo entries often lack (normal-mode
    /// cursor keys, rxvt/linux Home/End, vt100 F1-F4 ...). Defined only where the loaded
    /// terminfo entry has no binding of its own.
    static let extraSequences: [(String, Int32)] = {
        var list: [(String, Int32)] = [
            ("\u{1b}[A", KEY_UP), ("\u{1b}[B", KEY_DOWN), ("\u{1b}[C", KEY_RIGHT), ("\u{1b}[D", KEY_LEFT),
            ("\u{1b}OA", KEY_UP), ("\u{1b}OB", KEY_DOWN), ("\u{1b}OC", KEY_RIGHT), ("\u{1b}OD", KEY_LEFT),
            ("\u{1b}[H", KEY_HOME), ("\u{1b}OH", KEY_HOME), ("\u{1b}[1~", KEY_HOME), ("\u{1b}[7~", KEY_HOME),
            ("\u{1b}[F", KEY_END), ("\u{1b}OF", KEY_END), ("\u{1b}[4~", KEY_END), ("\u{1b}[8~", KEY_END),
            ("\u{1b}[5~", KEY_PPAGE), ("\u{1b}[6~", KEY_NPAGE), ("\u{1b}[3~", KEY_DC),
            ("\u{1b}[Z", KEY_BTAB), ("\u{1b}OM", KEY_ENTER),
        ]
        let f0 = ts_KEY_F(0)
        for (i, s) in ["P", "Q", "R", "S"].enumerated() { list.append(("\u{1b}O\(s)", f0 + Int32(i) + 1)) }
        let vt = [11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24]
        for (i, n) in vt.enumerated() { list.append(("\u{1b}[\(n)~", f0 + Int32(i) + 1)) }
        return list
    }()
}
