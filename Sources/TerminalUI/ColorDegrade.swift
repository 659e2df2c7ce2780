import Drawing

/// Turns theme colours into colour numbers a terminal with `colors` colours can show. Pure.
public enum ColorDegrade {
    /// The colour number for `color`, or -1 for the terminal default. `brighten` is set when an
    /// 8-colour terminal needs bold to approximate a bright foreground.
    public static func number(for color: ThemeColor, colors: Int,
                              defaultColorsAvailable: Bool = true,
                              isForeground: Bool) -> (number: Int16, brighten: Bool) {
        switch color {
        case .terminalDefault:
            if defaultColorsAvailable { return (-1, false) }
            return (isForeground ? 7 : 0, false)
        case .indexed(let n):
            var index = Int(n)
            if index < colors { return (Int16(index), false) }
            if index >= 16 { index = nearestANSI(index) }
            if index < colors { return (Int16(index), false) }
            // 8-colour terminal and a bright colour: the dark twin, bold for foregrounds.
            // Bright black becomes white, not black, so it stays visible on dark screens.
            if index == 8 { return (7, false) }
            if colors >= 8 { return (Int16(index - 8), isForeground) }
            return (isForeground ? 7 : 0, false)
        }
    }

    /// The xterm palette colour for a 256-colour index, as RGB.
    public static func rgb(of index: Int) -> (Int, Int, Int) {
        if index < 16 { return ansi[index] }
        if index < 232 {
            let i = index - 16
            let level = [0, 95, 135, 175, 215, 255]
            return (level[i / 36], level[(i / 6) % 6], level[i % 6])
        }
        let grey = 8 + 10 * (index - 232)
        return (grey, grey, grey)
    }

    /// The nearest of the 16 ANSI colours to a 256-colour index.
    public static func nearestANSI(_ index: Int) -> Int {
        if index < 16 { return index }
        let (r, g, b) = rgb(of: index)
        var best = 0, bestDistance = Int.max
        for (i, (ar, ag, ab)) in ansi.enumerated() {
            let d = (r - ar) * (r - ar) + (g - ag) * (g - ag) + (b - ab) * (b - ab)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    private static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}
