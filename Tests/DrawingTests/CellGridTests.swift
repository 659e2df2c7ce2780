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
