import CNcurses
import Drawing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Terminal {
    /// Draws a frame. Each run of same-role cells in a row is written with one
    /// `waddnwstr` (ncursesw's wide-character call: a wide character fills its cell and the
    /// continuation cell after it); then one `wnoutrefresh` + `doupdate`, so ncurses sends only the cells that
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
                while x < width, grid[x, y].role == role || (x > runStart && grid[x, y].isContinuation) {
                    let cell = grid[x, y]
                    if cell.isContinuation {
                        // Drawn by the wide character before it; alone (never made by CellGrid), a blank.
                        if x == runStart { rowBuffer.append(0x20) }
                        x += 1
                        continue
                    }
                    let wide = x + 1 < grid.width && grid[x + 1, y].isContinuation
                    appendCell(cell.char, wide: wide, fits: x + 1 < width, ascii: ascii)
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

    /// Appends one grid cell as wide characters, taking exactly the columns the grid gives it
    /// (two for a wide character, else one): control characters become spaces; a character
    /// whose width the C library sees differently becomes `?` per column; in ASCII mode a wide
    /// character is `??` and any other non-ASCII one gets its `ASCIIFallback`. `fits` is false
    /// when the right half of a wide character is beyond the screen: it then shows as a space.
    private func appendCell(_ char: Character, wide: Bool, fits: Bool, ascii: Bool) {
        let question = wchar_t(UInt8(ascii: "?"))
        if wide {
            if !fits {
                rowBuffer.append(0x20)
            } else if ascii || !appendScalars(of: char, width: 2) {
                rowBuffer.append(question)
                rowBuffer.append(question)
            }
            return
        }
        let ch = ascii ? ASCIIFallback.character(for: char) : char
        if let v = ch.unicodeScalars.first?.value, v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) {
            rowBuffer.append(0x20)
            return
        }
        if !appendScalars(of: ch, width: 1) { rowBuffer.append(question) }
    }

    /// Appends `char`'s first scalar and the combining marks after it when the C library gives
    /// the first scalar `width` columns and each mark none; false (nothing appended) otherwise.
    private func appendScalars(of char: Character, width: Int32) -> Bool {
        let scalars = char.unicodeScalars
        guard let first = scalars.first else { return false }
        if first.value < 0x7F, width == 1 {
            rowBuffer.append(wchar_t(first.value))
            return true
        }
        guard ts_wcwidth(wchar_t(first.value)) == width else { return false }
        rowBuffer.append(wchar_t(first.value))
        // Combining marks ride along in the same cell (at most DisplayWidth.maximumMarks).
        for scalar in scalars.dropFirst().prefix(DisplayWidth.maximumMarks) where ts_wcwidth(wchar_t(scalar.value)) == 0 {
            rowBuffer.append(wchar_t(scalar.value))
        }
        return true
    }
}
