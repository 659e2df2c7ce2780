/// Where each part of the screen goes, recomputed from the size for every frame and for
/// every cursor move (so paging knows the table height).
///
/// ```
/// 0   title: account @ host, API version, read-only mark
/// 1   licence gauge
/// 2   selection: N selected, what assign and remove would do
/// 3   list line: filter, licence filter, shown / loaded, loading progress
/// 4   table header
/// 5.. device rows
///     run panel (3 rows, once a run exists)
/// h-2 status line (or the text prompt)
/// h-1 key bar
/// ```
public struct ScreenLayout: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Below the minimum size only the "terminal too small" screen is drawn.
    public let tooSmall: Bool

    public let titleY = 0
    public let gaugeY = 1
    public let selectionY = 2
    public let listInfoY = 3
    public let tableHeaderY = 4
    public let tableY = 5
    public let tableHeight: Int
    public let runPanelY: Int
    public let runPanelHeight: Int
    public let statusY: Int
    public let keyBarY: Int
    public let columns: TableColumns

    public init(width: Int, height: Int, hasRunPanel: Bool, columns chosen: [TableColumnKind] = TableColumnKind.standard,
                content: ColumnContentWidths = ColumnContentWidths()) {
        self.width = width
        self.height = height
        tooSmall = width < ConsoleContext.minimumWidth || height < ConsoleContext.minimumHeight
        runPanelHeight = hasRunPanel ? 3 : 0
        statusY = height - 2
        keyBarY = height - 1
        runPanelY = statusY - runPanelHeight
        tableHeight = max(1, runPanelY - 5)
        columns = TableColumns(width: width, columns: chosen, content: content)
    }
}
