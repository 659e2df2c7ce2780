import Drawing

/// Turns theme colours into colour numbers a terminal can show, reducing each to the nearest
/// the tier has: truecolor → 256 → 16 → 8. Pure.
public enum ColorDegrade {
    /// The colour number for `color` in `tier`, or -1 for the terminal default. `brighten` is set
    /// when an 8-colour terminal needs bold to approximate a bright foreground. In the truecolor
    /// tier (a direct-colour terminfo entry) numbers 0-7 are the ANSI colours and anything else is
    /// `0xRRGGBB`.
    public static func number(for color: ThemeColor, tier: ColorTier, defaultColorsAvailable: Bool = true,
                              isForeground: Bool) -> (number: Int32, brighten: Bool) {
        if case .terminalDefault = color {
            if defaultColorsAvailable { return (-1, false) }
            return (isForeground ? 7 : 0, false)
        }
        switch tier {
        case .none:
            return (-1, false)
        case .truecolor:
            if case .indexed(let n) = color, n < 8 { return (Int32(n), false) }
            guard let c = color.rgbValue else { return (-1, false) }
            // 0x000000-0x000007 would read as ANSI colours: black becomes ANSI black.
            let packed = Int32(c.r << 16 | c.g << 8 | c.b)
            return (packed < 8 ? 0 : packed, false)
        case .palette256:
            switch color {
            case .indexed(let n): return (Int32(n), false)
            case .rgb(let r, let g, let b): return (Int32(ColorPalette.nearest256(r: Int(r), g: Int(g), b: Int(b))), false)
            case .terminalDefault: return (-1, false)
            }
        case .ansi16, .ansi8:
            let index: Int
            switch color {
            case .indexed(let n): index = ColorPalette.nearestANSI(Int(n))
            case .rgb(let r, let g, let b): index = ColorPalette.nearest(r: Int(r), g: Int(g), b: Int(b), among: 16)
            case .terminalDefault: return (-1, false)
            }
            if tier == .ansi16 || index < 8 { return (Int32(index), false) }
            // 8-colour terminal and a bright colour: the dark twin, bold for foregrounds.
            // Bright black becomes white, not black, so it stays visible on dark screens.
            if index == 8 { return (7, false) }
            return (Int32(index - 8), isForeground)
        }
    }

    /// The colour number for a terminal with `colors` colours (8, 16, 256; fewer is no colour).
    public static func number(for color: ThemeColor, colors: Int, defaultColorsAvailable: Bool = true,
                              isForeground: Bool) -> (number: Int16, brighten: Bool) {
        let tier = ColorTier.supported(terminfoColors: colors, terminfoHasRGB: false)
        if tier == .none, case .indexed = color { return (isForeground ? 7 : 0, false) }
        let r = number(for: color, tier: tier, defaultColorsAvailable: defaultColorsAvailable, isForeground: isForeground)
        return (Int16(clamping: r.number), r.brighten)
    }

    /// The xterm palette colour for a 256-colour index, as RGB.
    public static func rgb(of index: Int) -> (Int, Int, Int) {
        let c = ColorPalette.rgb(of: index)
        return (c.r, c.g, c.b)
    }

    /// The nearest of the 16 ANSI colours to a 256-colour index.
    public static func nearestANSI(_ index: Int) -> Int { ColorPalette.nearestANSI(index) }
}
