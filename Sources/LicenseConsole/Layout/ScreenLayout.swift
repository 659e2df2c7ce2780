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

    public init(width: Int, height: Int, hasRunPanel: Bool) {
        self.width = width
        self.height = height
        tooSmall = width < ConsoleContext.minimumWidth || height < ConsoleContext.minimumHeight
        runPanelHeight = hasRunPanel ? 3 : 0
        statusY = height - 2
        keyBarY = height - 1
        runPanelY = statusY - runPanelHeight
        tableHeight = max(1, runPanelY - 5)
        columns = TableColumns(width: width)
    }
}

/// Columns of the device table: x and width of each; a width of 0 hides the column.
public struct TableColumns: Equatable, Sendable {
    public struct Column: Equatable, Sendable {
        public var x: Int
        public var width: Int
    }
    public let mark: Column
    public let imei: Column
    public let mdn: Column
    public let makeModel: Column
    public let firmware: Column
    public let licence: Column
    public let outcome: Column

    /// Width of the outcome words before the reason.
    public static let outcomeWordsWidth = 16

    public init(width: Int) {
        let mdnWidth = width >= 80 ? 11 : 10
        let fixed = 4 + 16 + (mdnWidth + 1) + 4
        let avail = max(0, width - fixed)
        let fw = avail >= 60 ? 14 : (avail >= 40 ? 10 : 0)
        let rem = avail - (fw > 0 ? fw + 1 : 0)
        let mm = min(28, max(8, rem - TableColumns.outcomeWordsWidth - 1))
        let outcomeWidth = max(0, rem - mm - 1)
        var x = 0
        mark = Column(x: x, width: 4); x += 4
        imei = Column(x: x, width: 15); x += 16
        mdn = Column(x: x, width: mdnWidth); x += mdnWidth + 1
        makeModel = Column(x: x, width: mm); x += mm + 1
        if fw > 0 { firmware = Column(x: x, width: fw); x += fw + 1 } else { firmware = Column(x: x, width: 0) }
        licence = Column(x: x, width: 3); x += 4
        outcome = Column(x: x, width: outcomeWidth)
    }
}
