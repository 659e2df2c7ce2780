/// The xterm palette and nearest-colour reduction (truecolor → 256 → 16). Pure.
public enum ColorPalette {
    /// The xterm palette colour for a 256-colour index, as RGB.
    public static func rgb(of index: Int) -> (r: Int, g: Int, b: Int) {
        if index < 16 { return ansi[max(0, index)] }
        if index < 232 {
            let i = index - 16
            return (cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
        }
        let grey = 8 + 10 * (index - 232)
        return (grey, grey, grey)
    }

    /// The nearest of the first `count` palette entries (16 or 256) to an RGB colour.
    public static func nearest(r: Int, g: Int, b: Int, among count: Int) -> Int {
        var best = 0, bestDistance = Int.max
        for i in 0..<min(256, max(1, count)) {
            let c = rgb(of: i)
            let d = (r - c.r) * (r - c.r) + (g - c.g) * (g - c.g) + (b - c.b) * (b - c.b)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    /// The nearest of the 16 ANSI colours to a 256-colour index.
    public static func nearestANSI(_ index: Int) -> Int {
        if index < 16 { return index }
        let c = rgb(of: index)
        return nearest(r: c.r, g: c.g, b: c.b, among: 16)
    }

    /// The nearest 256-palette index (16-255, the fixed cube and grey ramp, not the user's 16) to RGB.
    public static func nearest256(r: Int, g: Int, b: Int) -> Int {
        var best = 16, bestDistance = Int.max
        for i in 16..<256 {
            let c = rgb(of: i)
            let d = (r - c.r) * (r - c.r) + (g - c.g) * (g - c.g) + (b - c.b) * (b - c.b)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    static let ansi: [(r: Int, g: Int, b: Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}
