import Drawing

/// The status line, or the text prompt when one is open.
enum StatusView {
    static func draw(_ state: ConsoleState, _ layout: ScreenLayout, into grid: inout CellGrid) {
        let y = layout.statusY
        if case .prompt(let prompt) = state.modal {
            grid.fill(x: 0, y: y, width: layout.width, height: 1, role: .input)
            // Keep the end of a long path visible.
            let room = layout.width - prompt.label.displayWidth - 1
            let text = prompt.text.displayWidth > room ? String(prompt.text.suffix(max(0, room))) : prompt.text
            grid.put([Span(prompt.label, .input), Span(text + "_", .input)], x: 0, y: y, maxWidth: layout.width)
            return
        }
        grid.fill(x: 0, y: y, width: layout.width, height: 1, role: .statusLine)
        guard let status = state.status else { return }
        let role: Role
        switch status.level {
        case .info: role = .statusLine
        case .ok: role = .statusOk
        case .warning: role = .statusWarn
        case .error: role = .error
        }
        grid.put(status.text, x: 0, y: y, role: role, maxWidth: layout.width)
    }
}

/// The bottom bar: the keys that apply now, from the action registry.
enum KeyBarView {
    static func draw(_ state: ConsoleState, _ layout: ScreenLayout, into grid: inout CellGrid) {
        let y = layout.keyBarY
        grid.fill(x: 0, y: y, width: layout.width, height: 1, role: .keyHint)
        let hints = state.registry.keyBar(for: state)
        // Globals (help, quit) go last but are always kept; context hints fill what is left.
        let globals = hints.filter(\.isGlobal)
        let locals = hints.filter { !$0.isGlobal }
        func width(_ h: ActionRegistry.KeyHint) -> Int { h.key.displayWidth + 1 + h.label.displayWidth + 2 }
        var room = layout.width - globals.reduce(0) { $0 + width($1) }
        var shown: [ActionRegistry.KeyHint] = []
        for hint in locals {
            if width(hint) > room { continue }
            shown.append(hint)
            room -= width(hint)
        }
        shown += globals
        var x = 0
        for hint in shown {
            x = grid.put(hint.key, x: x, y: y, role: .keyHintKey)
            x = grid.put(" " + hint.label + "  ", x: x, y: y, role: .keyHint)
        }
    }
}
