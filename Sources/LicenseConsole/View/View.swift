import Drawing

/// Draws the whole screen for `state` into a `width` x `height` grid. Pure; touches only
/// the rows on screen, never all devices.
public func view(_ state: ConsoleState, width: Int, height: Int) -> CellGrid {
    var grid = CellGrid(width: width, height: height)
    let layout = state.layout(width: width, height: height)
    if layout.tooSmall {
        TooSmallView.draw(state, into: &grid)
        return grid
    }
    HeaderView.draw(state, layout, into: &grid)
    PickerView.draw(state, layout, into: &grid)
    if state.run != nil { RunPanelView.draw(state, layout, into: &grid) }
    StatusView.draw(state, layout, into: &grid)
    KeyBarView.draw(state, layout, into: &grid)
    switch state.modal {
    case .help(let scroll): HelpView.draw(state, scroll: scroll, into: &grid)
    case .confirm, .quitDuringRun, .hostUnreachable, .info, .details: DialogView.draw(state, into: &grid)
    case .history(let history): HistoryView.draw(state, history, into: &grid)
    case .prompt, nil: break
    }
    return grid
}

enum TooSmallView {
    static func draw(_ state: ConsoleState, into grid: inout CellGrid) {
        let need = "need at least \(ConsoleContext.minimumWidth)x\(ConsoleContext.minimumHeight), have \(grid.width)x\(grid.height)"
        let lines: [(String, Role)] = [
            ("Terminal too small", .error),
            (need, .normal),
            ("enlarge it, or \(state.registry.keyName(.quit)) to quit", .dim),
        ]
        let top = max(0, (grid.height - lines.count) / 2)
        for (n, (text, role)) in lines.enumerated() {
            let x = max(0, (grid.width - text.displayWidth) / 2)
            grid.put(text, x: x, y: top + n, role: role)
        }
    }
}
