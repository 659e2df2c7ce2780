import ThingSpaceAPI

/// What sits over the picker and takes the keyboard.
public enum Modal: Sendable, Equatable {
    case help(scroll: Int)
    case prompt(Prompt)
    case confirm(ConfirmDialog)
    /// `q` during a run: stop after the batches in flight and quit, or keep running.
    case quitDuringRun
    case info(InfoDialog)
}

/// A one-line text prompt.
public struct Prompt: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case loadFile
        case saveResults
    }
    public var purpose: Purpose
    public var text: String

    public var label: String {
        switch purpose {
        case .loadFile: return "IMEI file to select: "
        case .saveResults: return "Save results to (.json or .csv): "
        }
    }
}

/// A message the operator acknowledges: file load report, API error.
public struct InfoDialog: Sendable, Equatable {
    public var title: String
    public var lines: [String]
    public var isError: Bool
}

/// The confirm dialog of an assign, remove or retry: everything it will do, before it does it.
public struct ConfirmDialog: Sendable, Equatable {
    public enum Choice: Sendable, Equatable {
        /// Send only as many devices needing a licence as there are free licences.
        case onlyFit
        /// Send every device; the ones beyond the free licences fail.
        case sendAll
    }

    public var operation: LicenseOperation
    /// A retry of the failed devices of the last run.
    public var isRetry: Bool
    /// Every device the run would send with `.sendAll`, in list order.
    public var allIds: [String]
    /// The devices sent with `.onlyFit` (assign with excess only).
    public var fitIds: [String]?
    /// Devices already in the wanted state (assign: licensed; remove: not licensed), as far as the list knows.
    public var alreadyInState: Int
    /// Devices whose licence changes (assign: need one; remove: hold one).
    public var changing: Int
    /// Devices needing a licence beyond the free ones (assign).
    public var excess: Int
    /// Devices with a firmware upgrade scheduled (remove cancels it if not started).
    public var upgradesScheduled: Int
    /// Licence counts when the dialog opened, if read.
    public var counts: LicenseCounts?
    /// Selected devices the current filter hides (they are sent too).
    public var hiddenByFilter: Int = 0
    public var choice: Choice
    /// Digits typed to confirm a large run.
    public var typed: String
    /// The operator pressed `y` with a wrong or missing number.
    public var typedMismatch: Bool

    /// What `y` sends.
    public var deviceIds: [String] {
        if choice == .onlyFit, let fitIds { return fitIds }
        return allIds
    }

    /// Licences used after the run if everything that can succeed does.
    public var usedAfter: Int? {
        guard let counts else { return nil }
        switch operation {
        case .assign:
            let gained = choice == .onlyFit ? min(changing, counts.free) : changing
            return min(counts.total, counts.used + gained)
        case .remove:
            return max(0, counts.used - changing)
        }
    }
}
