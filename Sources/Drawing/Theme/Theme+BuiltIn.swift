extension Theme {
    /// The default theme: dark-terminal friendly and built only from the 16 ANSI colours, so it
    /// follows the user's palette and degrades cleanly on 8-colour terminals over SSH. Essential
    /// text never uses bright black (it vanishes in some tmux setups).
    ///
    /// Gauge and progress roles colour the *foreground* of fill characters; views draw a
    /// different character per segment (e.g. `█ ▓ ░`), so bars stay readable in `mono`.
    public static let `default` = Theme(name: "default", styles: [
        .normal: Style(),
        .dim: Style(fg: .white, attributes: .dim),
        .title: Style(fg: .brightCyan, attributes: .bold),
        .header: Style(fg: .brightWhite, bg: .blue),
        .headerAccount: Style(fg: .brightYellow, bg: .blue, attributes: .bold),
        .productionBadge: Style(fg: .brightWhite, bg: .red, attributes: .bold),

        .gaugeUsed: Style(fg: .green),
        .gaugeFree: Style(fg: .white),
        .gaugeSelected: Style(fg: .brightCyan, attributes: .bold),
        .gaugeWarning: Style(fg: .brightYellow, attributes: .bold),
        .gaugeCritical: Style(fg: .brightRed, attributes: .bold),
        .gaugeOver: Style(fg: .brightWhite, bg: .red, attributes: .bold),

        .tableHeader: Style(fg: .cyan, attributes: [.bold, .underline]),
        .row: Style(),
        .rowCursor: Style(fg: .black, bg: .cyan),
        .rowSelected: Style(fg: .brightYellow, attributes: .bold),
        .rowCursorSelected: Style(fg: .black, bg: .yellow, attributes: .bold),
        .licensed: Style(fg: .brightGreen),
        .unlicensed: Style(fg: .yellow),

        .statusOk: Style(fg: .brightGreen, attributes: .bold),
        .statusFailed: Style(fg: .brightRed, attributes: .bold),
        .statusSkipped: Style(fg: .yellow),
        .statusPending: Style(fg: .cyan),
        .statusWarn: Style(fg: .brightYellow, attributes: .bold),
        .progressDone: Style(fg: .green, attributes: .bold),
        .progressTodo: Style(fg: .white),

        .keyHint: Style(),
        .keyHintKey: Style(fg: .black, bg: .cyan, attributes: .bold),
        .keyHintDisabled: Style(fg: .white, attributes: .dim),
        .statusLine: Style(fg: .brightWhite, bg: .blue),
        .error: Style(fg: .brightWhite, bg: .red, attributes: .bold),

        .dialog: Style(fg: .black, bg: .white),
        .dialogTitle: Style(fg: .blue, bg: .white, attributes: .bold),
        .dialogDanger: Style(fg: .brightWhite, bg: .red, attributes: .bold),
        .dialogKey: Style(fg: .red, bg: .white, attributes: [.bold, .underline]),
        .input: Style(fg: .brightWhite, bg: .black, attributes: .underline),
        .border: Style(fg: .cyan),
    ])

    /// Attributes only (bold, reverse, underline, dim), no colours: for `NO_COLOR`, terminals
    /// without colour, and people who prefer it. Meaning never rests on colour alone.
    public static let mono = Theme(name: "mono", styles: [
        .normal: Style(),
        .dim: Style(attributes: .dim),
        .title: Style(attributes: .bold),
        .header: Style(attributes: .reverse),
        .headerAccount: Style(attributes: [.reverse, .bold]),
        .productionBadge: Style(attributes: [.bold, .underline]),

        .gaugeUsed: Style(attributes: .bold),
        .gaugeFree: Style(attributes: .dim),
        .gaugeSelected: Style(attributes: .underline),
        .gaugeWarning: Style(attributes: .bold),
        .gaugeCritical: Style(attributes: [.bold, .underline]),
        .gaugeOver: Style(attributes: [.bold, .reverse]),

        .tableHeader: Style(attributes: [.bold, .underline]),
        .row: Style(),
        .rowCursor: Style(attributes: .reverse),
        .rowSelected: Style(attributes: .bold),
        .rowCursorSelected: Style(attributes: [.reverse, .bold]),
        .licensed: Style(),
        .unlicensed: Style(),

        .statusOk: Style(attributes: .bold),
        .statusFailed: Style(attributes: [.bold, .reverse]),
        .statusSkipped: Style(),
        .statusPending: Style(attributes: .dim),
        .statusWarn: Style(attributes: [.bold, .underline]),
        .progressDone: Style(attributes: .bold),
        .progressTodo: Style(attributes: .dim),

        .keyHint: Style(),
        .keyHintKey: Style(attributes: [.reverse, .bold]),
        .keyHintDisabled: Style(attributes: .dim),
        .statusLine: Style(attributes: .reverse),
        .error: Style(attributes: [.reverse, .bold]),

        .dialog: Style(),
        .dialogTitle: Style(attributes: .bold),
        .dialogDanger: Style(attributes: [.reverse, .bold]),
        .dialogKey: Style(attributes: [.bold, .underline]),
        .input: Style(attributes: .underline),
        .border: Style(),
    ])
}
