/// Semantic roles: views speak in these, never in colours. A theme maps each role to
/// colours and attributes; the monochrome theme uses only bold, reverse, underline and dim.
public enum Role: String, Sendable, CaseIterable, Hashable, Codable {
    case normal
    case dim
    case title
    case header            // header bar background
    case headerAccount     // account name and host: always visible
    case productionBadge   // the PRODUCTION badge of a `production = true` profile
    case gaugeUsed
    case gaugeFree
    case gaugeSelected     // pending selection segment
    case gaugeWarning      // used above warning threshold
    case gaugeCritical     // used above critical threshold
    case gaugeOver         // selection needs more than the free licences
    case tableHeader
    case row
    case rowCursor
    case rowSelected
    case rowCursorSelected
    case licensed
    case unlicensed
    case statusOk
    case statusFailed
    case statusSkipped
    case statusPending
    case statusWarn
    case progressDone
    case progressTodo
    case keyHint
    case keyHintKey
    case keyHintDisabled
    case statusLine
    case error
    case dialog
    case dialogTitle
    case dialogDanger
    case dialogKey
    case input
    case border
}
