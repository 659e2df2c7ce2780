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
    /// In the `none` colour tier (`NO_COLOR`, `--colors none`, a terminal without colour), a theme
    /// that uses colours draws as `Theme.mono`.
    public func draw(_ grid: CellGrid, theme: Theme) {
        guard isStarted, let win = ts_stdscr() else { return }
        if !forceFullDraw, let lastGrid, let lastTheme, lastTheme == theme, lastGrid == grid { return }

        let effective = effectiveTheme(theme)
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
