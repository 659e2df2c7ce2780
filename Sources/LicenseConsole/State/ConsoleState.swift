import Drawing
import Foundation
import ThingSpaceAPI

/// Everything the console shows, changed only by `update`. Keep one value and mutate it in
/// place: the device store is large and copies of the state copy it.
public struct ConsoleState: Sendable {
    public let context: ConsoleContext
    /// The action registry; replace or rebind before the first key to apply a user keymap.
    public var registry: ActionRegistry

    public internal(set) var width: Int
    public internal(set) var height: Int
    /// The clock, as the last `tick` said.
    public internal(set) var now: Date

    /// Licence counters as shown (during a run they only move one way).
    public internal(set) var counts: LicenseCounts?
    /// How the account pays: an event-based account needs no licences.
    public internal(set) var billing: Billing = .unknown
    /// When the counters were last read from the API.
    public internal(set) var countsReadAt: Date?
    /// False when the counters shown could not be read again (the host stopped answering, or a
    /// batch went unanswered): they are the last values seen.
    public internal(set) var countsCurrent = true

    public internal(set) var store = DeviceStore()
    public internal(set) var picker = PickerState()
    public internal(set) var load = LoadState()
    /// The active run, or the last finished one.
    public internal(set) var run: RunProgress?
    public internal(set) var modal: Modal?
    public internal(set) var status: StatusMessage?
    /// The operator chose to quit once the stopping run finishes.
    public internal(set) var quitWhenRunEnds = false
    /// Every attempt on each device since the console started (the details dialog lists them).
    public internal(set) var history = AttemptHistory()
    /// Device-list fields only the details dialog shows, by store index.
    var extras = DeviceExtras()

    var nextRunTag = 1
    var nextGeneration = 1
    /// Selection and outcomes of devices carried over a refresh, by device id.
    var carried: [String: CarriedDevice] = [:]
    /// IMEIs from a file that were not loaded yet when the file was read.
    var pendingFileSelect: Set<String> = []
    var pendingFilePath: String?

    struct CarriedDevice: Sendable {
        var selected: Bool
        var last: LastOutcome
        var reason: String
    }

    public init(context: ConsoleContext, registry: ActionRegistry = .standard, now: Date = Date(timeIntervalSince1970: 0),
                width: Int = 80, height: Int = 24) {
        self.context = context
        self.registry = registry
        self.now = now
        self.width = width
        self.height = height
    }

    // MARK: Derived

    /// Where keys go now.
    public var keyContext: KeyContext {
        switch modal {
        case .help: return .help
        case .prompt: return .prompt
        case .history: return .history
        case .confirm, .quitDuringRun, .hostUnreachable, .info, .details: return .dialog
        case nil: return picker.editingFilter ? .filterInput : .picker
        }
    }

    public var isRunActive: Bool { run?.isActive ?? false }

    /// The glyphs views draw with (Unicode or ASCII).
    public var glyphs: Glyphs { Glyphs.for(context.charset) }

    /// Devices the picker shows now.
    public var shownCount: Int { picker.shownCount(in: store) }

    /// Store index under the cursor, nil when nothing is shown.
    public var cursorDevice: Int? {
        let n = shownCount
        guard n > 0 else { return nil }
        return picker.storeIndex(at: min(picker.cursor, n - 1), in: store)
    }

    /// The screen's layout for the current size.
    public var layout: ScreenLayout { layout(width: width, height: height) }

    /// The screen's layout for a size: the table's columns follow the chosen ones and the text held.
    public func layout(width: Int, height: Int) -> ScreenLayout {
        ScreenLayout(width: width, height: height, hasRunPanel: run != nil, columns: context.columns, content: store.contentWidths)
    }

    /// Whether the effect runner should keep sending ticks (elapsed time and ETA move).
    public var wantsTicks: Bool { isRunActive }
}
