import ThingSpaceAPI

/// What sits over the picker and takes the keyboard.
public enum Modal: Sendable, Equatable {
    case help(scroll: Int)
    case prompt(Prompt)
    case confirm(ConfirmDialog)
    /// `q` during a run: stop after the batches in flight and quit, or keep running.
    case quitDuringRun
    /// The run stopped because the host stopped answering: try the devices not done again?
    case hostUnreachable(HostUnreachableDialog)
    case info(InfoDialog)
    /// Enter in the list: every field of a device and every attempt on it.
    case details(DeviceDetailsDialog)
    /// `H`: the journal's recent runs, and one run inspected.
    case history(HistoryState)
}

/// The host stopped answering during a run; `y` sends the devices not done again.
public struct HostUnreachableDialog: Sendable, Equatable {
    public var operation: LicenseOperation
    public var failure: HostFailure
    /// Failed, unknown and never sent devices of the stopped run, in order.
    public var retryIds: [String]
    /// Of those, the ones sent without an answer (they may have been applied).
    public var unknown: Int
}

/// A one-line text prompt.
public struct Prompt: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case loadFile
        case saveResults
        /// `w` in the history view: a recorded run's results.
        case saveRun(RunSummary)
    }
    public var purpose: Purpose
    public var text: String

    public var label: String {
        switch purpose {
        case .loadFile: return "IMEI file to select: "
        case .saveResults, .saveRun: return "Save results to (.json or .csv): "
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

    /// What the run would do (the API's forecast, shared with the commands).
    public var forecast: RunForecast
    /// A retry of the failed devices of the last run.
    public var isRetry: Bool
    /// Every device the run would send with `.sendAll`, in list order.
    public let allIds: [String]
    /// The devices sent with `.onlyFit` (assign with excess only).
    public let fitIds: [String]?
    /// Devices with a firmware upgrade scheduled (remove cancels it if not started).
    public var upgradesScheduled: Int
    /// Selected devices the current filter hides (they are sent too).
    public var hiddenByFilter: Int
    public var choice: Choice
    /// Digits typed to confirm a large run.
    public var typed: String = ""
    /// The operator pressed Enter with a wrong or missing number.
    public var typedMismatch: Bool = false
    /// A retry: devices of the last run that failed for a permanent reason (not found, not
    /// eligible), with their results; left out of the run unless `includePermanent`.
    public var permanent: [DeviceResult] = []
    /// `p` in the retry dialog: the permanent failures are sent too.
    public var includePermanent = false
    /// A resume or undo from the history view: the run it continues or reverses.
    public var followUp: RunFollowUp?
    /// An undo: devices the run may or may not have changed; left alone unless `includeUncertain`.
    public var uncertain: [String] = []
    /// The uncertain devices are sent too.
    public var includeUncertain = false

    public init(forecast: RunForecast, isRetry: Bool, upgradesScheduled: Int, hiddenByFilter: Int,
                permanent: [DeviceResult] = [], includePermanent: Bool = false) {
        self.forecast = forecast
        self.isRetry = isRetry
        self.permanent = permanent
        self.includePermanent = includePermanent
        allIds = forecast.deviceIds
        fitIds = forecast.fitIds
        self.upgradesScheduled = upgradesScheduled
        self.hiddenByFilter = hiddenByFilter
        choice = fitIds == nil ? .sendAll : .onlyFit
    }

    public var operation: LicenseOperation { forecast.operation }
    /// Devices already in the wanted state (assign: licensed; remove: not licensed), as far as the list knows.
    public var alreadyInState: Int { forecast.alreadyInState }
    /// Devices whose licence changes (assign: need one; remove: hold one).
    public var changing: Int { forecast.changing }
    /// Devices needing a licence beyond the free ones (assign).
    public var excess: Int { forecast.excess }
    /// Licence counts when the dialog opened, if read.
    public var counts: LicenseCounts? { forecast.counts }

    /// What `y` sends.
    public var deviceIds: [String] {
        let extra = includeUncertain ? uncertain : []
        if choice == .onlyFit, let fitIds { return fitIds + extra }
        return allIds + extra
    }

    /// Licences used after the run if everything that can succeed does.
    public var usedAfter: Int? { forecast.countsAfter(onlyFit: choice == .onlyFit)?.used }
}
