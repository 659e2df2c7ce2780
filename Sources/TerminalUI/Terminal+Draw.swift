import CNcurses
import Drawing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Terminal {
    /// Draws a frame. Each run of same-role cells in a row is written with one
    /// `waddnwstr`; then one `wnoutrefresh` + `doupdate`, so ncurses sends only the cells that
    /// differ from what the terminal shows. A frame equal to the previous one (same grid,
    /// same theme, nothing forced) is skipped without touching ncurses.
    ///
    /// Without colour support, a theme that uses colours draws as `Theme.mono`.
    public func draw(_ grid: CellGrid, theme: Theme) {
        guard isStarted, let win = ts_stdscr() else { return }
        if !forceFullDraw, let lastGrid, let lastTheme, lastTheme == theme, lastGrid == grid { return }

        let effective = (!hasColors && theme.usesColor) ? Theme.mono : theme
        let roleLooks = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, look(for: effective.style(for: $0))) })

        let screenWidth = Int(ts_getmaxx(win)), screenHeight = Int(ts_getmaxy(win))
        let width = min(grid.width, screenWidth), height = min(grid.height, screenHeight)
        let ascii = asciiOnly

        for y in 0..<height {
            var x = 0
            while x < width {
                let role = grid[x, y].role
                let runStart = x
                rowBuffer.removeAll(keepingCapacity: true)
                while x < width, grid[x, y].role == role {
                    appendCell(grid[x, y].char, ascii: ascii)
                    x += 1
                }
                let look = roleLooks[role] ?? (ts_A_NORMAL(), 0)
                ts_wattr_set(win, look.attrs, look.pair)
                rowBuffer.withUnsafeBufferPointer { buf in
                    _ = ts_mvwaddnwstr(win, Int32(y), Int32(runStart), buf.baseAddress, Int32(buf.count))
                }
            }
        }
        // Anything the grid does not cover is blank.
        ts_wattr_set(win, ts_A_NORMAL(), 0)
        if width < screenWidth {
            for y in 0..<height {
                wmove(win, Int32(y), Int32(width))
                wclrtoeol(win)
            }
        }
        if height < screenHeight {
            wmove(win, Int32(height), 0)
            wclrtobot(win)
        }
        wnoutrefresh(win)
        doupdate()

        lastGrid = grid
        lastTheme = theme
        forceFullDraw = false
    }

    func resetDrawState() {
        lastGrid = nil
        lastTheme = nil
        forceFullDraw = true
        styleCache = [:]
        pairCache = [:]
        nextPair = 1
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
            let fg = ColorDegrade.number(for: style.fg, colors: colorCount,
                                         defaultColorsAvailable: defaultColorsAvailable, isForeground: true)
            let bg = ColorDegrade.number(for: style.bg, colors: colorCount,
                                         defaultColorsAvailable: defaultColorsAvailable, isForeground: false)
            if fg.brighten { attrs |= ts_A_BOLD() }
            pair = pairNumber(fg: fg.number, bg: bg.number)
        }
        styleCache[style] = (attrs, pair)
        return (attrs, pair)
    }

    private func pairNumber(fg: Int16, bg: Int16) -> Int16 {
        let key = PairKey(fg: fg, bg: bg)
        if let known = pairCache[key] { return known }
        // Pair 0 is the terminal default pair.
        if defaultColorsAvailable, fg == -1, bg == -1 { return 0 }
        let limit = min(Int(ts_color_pairs()), Int(Int16.max))
        guard nextPair < limit else { return 0 }
        let number = Int16(nextPair)
        guard init_pair(number, fg, bg) == OK else { return 0 }
        nextPair += 1
        pairCache[key] = number
        return number
    }

    /// Appends one grid cell as wide characters, keeping it exactly one column wide:
    /// control characters become spaces, wide or zero-width characters become `?`, and in
    /// ASCII mode non-ASCII characters get their `ASCIIFallback`.
    private func appendCell(_ char: Character, ascii: Bool) {
        let ch = ascii ? ASCIIFallback.character(for: char) : char
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else {
            rowBuffer.append(0x20)
            return
        }
        let v = first.value
        if v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) {
            rowBuffer.append(0x20)
            return
        }
        if v < 0x7F {
            rowBuffer.append(wchar_t(v))
            return
        }
        guard ts_wcwidth(wchar_t(v)) == 1 else {
            rowBuffer.append(wchar_t(UInt8(ascii: "?")))
            return
        }
        rowBuffer.append(wchar_t(v))
        // Combining marks ride along in the same cell; anything else is dropped.
        for scalar in scalars.dropFirst() where ts_wcwidth(wchar_t(scalar.value)) == 0 {
            rowBuffer.append(wchar_t(scalar.value))
        }
    }
}
