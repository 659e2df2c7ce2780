import CNcurses
import Drawing

extension Terminal {
    /// The colour tier for this terminal: what terminfo supports (`colors`, and `RGB` for a
    /// direct-colour entry), then `NO_COLOR` and `--colors`. Called before `start_color`, which
    /// is not called at all in the `none` tier (it would make ncurses paint white on black).
    func chooseColorTier(environment: [String: String]) -> ColorTier {
        guard has_colors() else { return .none }
        let colors = Int(ts_tigetnum("colors"))
        let supported = ColorTier.supported(terminfoColors: colors, terminfoHasRGB: ts_tigetflag("RGB") > 0)
        return ColorTier.choose(colorChoice, supported: supported, environment: environment)
    }

    /// Starts colour for the chosen tier; in `none` nothing is sent.
    func startColors(tier: ColorTier) {
        colorTier = tier
        guard tier != .none else {
            hasColors = false
            colorCount = 0
            return
        }
        start_color()
        hasColors = true
        let all = Int(ts_colors())
        switch tier {
        case .ansi8: colorCount = min(all, 8)
        case .ansi16: colorCount = min(all, 16)
        case .palette256: colorCount = min(all, 256)
        case .truecolor, .none: colorCount = all
        }
        defaultColorsAvailable = use_default_colors() == OK
    }

    /// The theme as drawn: without colour, a colour theme draws as `mono` (attributes only).
    func effectiveTheme(_ theme: Theme) -> Theme {
        theme.effective(in: colorTier)
    }

    /// Attributes and colour pair for a style; pairs are allocated on first use and shared
    /// by every style with the same colours.
    func look(for style: Style) -> (attrs: attr_t, pair: Int16) {
        if let cached = styleCache[style] { return cached }
        var attrs = ts_A_NORMAL()
        if style.attributes.contains(.bold) { attrs |= ts_A_BOLD() }
        if style.attributes.contains(.reverse) { attrs |= ts_A_REVERSE() }
        if style.attributes.contains(.underline) { attrs |= ts_A_UNDERLINE() }
        if style.attributes.contains(.dim) { attrs |= ts_A_DIM() }
        var pair: Int16 = 0
        if hasColors {
            let fg = ColorDegrade.number(for: style.fg, tier: colorTier, defaultColorsAvailable: defaultColorsAvailable,
                                         isForeground: true)
            let bg = ColorDegrade.number(for: style.bg, tier: colorTier, defaultColorsAvailable: defaultColorsAvailable,
                                         isForeground: false)
            if fg.brighten { attrs |= ts_A_BOLD() }
            pair = pairNumber(fg: fg.number, bg: bg.number)
        }
        styleCache[style] = (attrs, pair)
        return (attrs, pair)
    }

    private func pairNumber(fg: Int32, bg: Int32) -> Int16 {
        let key = PairKey(fg: fg, bg: bg)
        if let known = pairCache[key] { return known }
        // Pair 0 is the terminal default pair.
        if defaultColorsAvailable, fg == -1, bg == -1 { return 0 }
        let limit = min(Int(ts_color_pairs()), Int(Int16.max))
        guard nextPair < limit else { return 0 }
        let number = Int16(nextPair)
        guard init_extended_pair(Int32(number), fg, bg) == OK else { return 0 }
        nextPair += 1
        pairCache[key] = number
        return number
    }
}

struct PairKey: Hashable {
    var fg: Int32
    var bg: Int32
}
