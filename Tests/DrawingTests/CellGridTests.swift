import Drawing
import Testing

@Suite struct CellGridTests {
    @Test func putClipsToTheGridAndToMaxWidth() {
        var grid = CellGrid(width: 6, height: 2)
        #expect(grid.put("abcdefgh", x: 2, y: 0, role: .title) == 6)
        #expect(grid.put("xyz", x: 0, y: 1, role: .error, maxWidth: 2) == 2)
        #expect(grid.lines == ["  abcd", "xy    "])
        #expect(grid[2, 0] == Cell("a", .title) && grid[1, 0] == .blank)
        #expect(grid[1, 1].role == .error && grid[2, 1].role == .normal)
        // Outside the grid nothing is written.
        #expect(grid.put("zz", x: 0, y: 5, role: .normal) == 0)
        #expect(grid.put("zz", x: -1, y: 1, role: .dim) == 1)
        #expect(grid.lines[1] == "zy    ")
    }

    @Test func fillSetRoleAndRoleMap() {
        var grid = CellGrid(width: 4, height: 2)
        grid.fill(x: 1, y: 0, width: 10, height: 1, char: "#", role: .border)
        grid.setRole(.rowCursor, x: 0, y: 1, width: 2)
        #expect(grid.text == " ###\n    ")
        #expect(grid.roleMap(legend: [.normal: ".", .border: "+", .rowCursor: "C"]) == ".+++\nCC..")
        #expect(grid.row(containing: "##") == 0 && grid.row(containing: "x") == nil)
    }

    @Test func negativeSizesMakeAnEmptyGrid() {
        let grid = CellGrid(width: -3, height: 2)
        #expect(grid.width == 0 && grid.cells.isEmpty && grid.lines == ["", ""])
    }

    @Test func keysDescribeThemselves() {
        #expect(Key.char(" ").description == "Space")
        #expect(Key.ctrl("l").description == "Ctrl-L")
        #expect(Key.backTab.description == "Shift-Tab")
        #expect(Key.function(5).description == "F5")
    }
}

@Suite struct CellGridWideTests {
    @Test func wideCharactersTakeTwoCells() {
        var grid = CellGrid(width: 10, height: 1)
        #expect(grid.put("a华为b", x: 0, y: 0, role: .title) == 6)
        #expect(grid.lines == ["a华为b    "])
        #expect(grid[1, 0].char == "华" && grid[2, 0].isContinuation && grid[2, 0].role == .title)
        #expect(grid[3, 0].char == "为" && grid[4, 0].isContinuation && grid[5, 0].char == "b")
    }

    @Test func aWideCharacterThatDoesNotFitIsNotWritten() {
        var grid = CellGrid(width: 6, height: 1)
        #expect(grid.put("ab华为", x: 0, y: 0, role: .normal, maxWidth: 5) == 4)
        #expect(grid.lines == ["ab华  "])
        #expect(grid.put("华", x: 5, y: 0, role: .normal) == 5)    // the last column holds only half
        #expect(grid[5, 0] == .blank)
    }

    @Test func overwritingHalfAWideCharacterLeavesNoHalf() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("华为技", x: 0, y: 0, role: .normal)
        grid.put("x", x: 1, y: 0, role: .error)           // right half of 华
        grid.put("y", x: 2, y: 0, role: .error)           // left half of 为
        #expect(grid.lines == [" xy 技"])
        #expect(grid.cells.filter(\.isContinuation).count == 1)
        grid[5, 0] = Cell("z")                            // right half of 技 through the subscript
        #expect(grid.lines == [" xy  z"])
        #expect(grid.cells.filter { $0.isContinuation }.isEmpty)
        grid.put("技", x: 0, y: 0, role: .normal)
        grid.fill(x: 1, y: 0, width: 1, height: 1, char: "#", role: .border)
        #expect(grid.lines == [" #y  z"])
    }

    @Test func serverTextIsSanitisedOnTheWayIn() {
        var grid = CellGrid(width: 30, height: 1)
        let end = grid.put("\u{1B}]0;PWNED\u{07}Seq\u{9B}2Juans \u{202E}ok", x: 0, y: 0, role: .normal)
        #expect(grid.lines[0].hasPrefix("Sequans ok"))
        #expect(end == 10)
        let unsafe = grid.lines[0].unicodeScalars.filter { TextSanitizer.needsAttention($0) }
        #expect(unsafe.isEmpty)
    }

    @Test func setRoleCoversBothHalves() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("a华b", x: 0, y: 0, role: .normal)
        grid.setRole(.rowCursor, x: 1, y: 0, width: 1)
        #expect(grid.roleMap(legend: [.normal: ".", .rowCursor: "C"]) == ".CC...")
        grid.setRole(.error, x: 2, y: 0, width: 1)
        #expect(grid.roleMap(legend: [.normal: ".", .rowCursor: "C", .error: "E"]) == ".EE...")
    }
}
