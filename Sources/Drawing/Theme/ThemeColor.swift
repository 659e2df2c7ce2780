/// A colour as a theme names it: the terminal's own default, an index into the terminal
/// palette (0-7 ANSI, 8-15 bright ANSI, 16-255 the xterm 256-colour cube and grey ramp), or a
/// 24-bit colour. The terminal layer reduces colours the terminal cannot show to the nearest
/// it has (truecolor → 256 → 16 → 8).
public enum ThemeColor: Sendable, Hashable {
    case terminalDefault
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    public static let black = ThemeColor.indexed(0)
    public static let red = ThemeColor.indexed(1)
    public static let green = ThemeColor.indexed(2)
    public static let yellow = ThemeColor.indexed(3)
    public static let blue = ThemeColor.indexed(4)
    public static let magenta = ThemeColor.indexed(5)
    public static let cyan = ThemeColor.indexed(6)
    public static let white = ThemeColor.indexed(7)
    public static let brightBlack = ThemeColor.indexed(8)
    public static let brightRed = ThemeColor.indexed(9)
    public static let brightGreen = ThemeColor.indexed(10)
    public static let brightYellow = ThemeColor.indexed(11)
    public static let brightBlue = ThemeColor.indexed(12)
    public static let brightMagenta = ThemeColor.indexed(13)
    public static let brightCyan = ThemeColor.indexed(14)
    public static let brightWhite = ThemeColor.indexed(15)

    /// The names theme files may use, e.g. `"red"`, `"bright-red"`, `"default"`.
    public static let names: [String: ThemeColor] = [
        "default": .terminalDefault, "reset": .terminalDefault,
        "black": .black, "red": .red, "green": .green, "yellow": .yellow,
        "blue": .blue, "magenta": .magenta, "cyan": .cyan, "white": .white,
        "gray": .brightBlack, "grey": .brightBlack,
        "bright-black": .brightBlack, "bright-red": .brightRed, "bright-green": .brightGreen,
        "bright-yellow": .brightYellow, "bright-blue": .brightBlue,
        "bright-magenta": .brightMagenta, "bright-cyan": .brightCyan, "bright-white": .brightWhite,
    ]

    /// Parses a colour name (`"red"`, `"bright-cyan"`, `"default"`), a palette index (`"0"` to
    /// `"255"`) or `#rrggbb`. Returns nil for anything else (palette names are the theme's business).
    public init?(name: String) {
        let key = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
        if let named = ThemeColor.names[key] {
            self = named
        } else if let index = UInt8(key) {
            self = .indexed(index)
        } else if key.hasPrefix("#"), key.count == 7, let value = UInt32(key.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
        } else {
            return nil
        }
    }

    /// The colour as RGB (xterm's palette for indexes), or nil for the terminal default.
    public var rgbValue: (r: Int, g: Int, b: Int)? {
        switch self {
        case .terminalDefault: return nil
        case .indexed(let n): return ColorPalette.rgb(of: Int(n))
        case .rgb(let r, let g, let b): return (Int(r), Int(g), Int(b))
        }
    }
}
