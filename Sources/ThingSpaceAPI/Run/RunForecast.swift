/// What a run would do, before it is sent: the one forecast behind the console's confirm dialog,
/// the commands' confirm prompt and `--dry-run`.
public struct RunForecast: Equatable, Sendable {
    /// One device to send and what is known of it.
    public struct Device: Equatable, Sendable {
        public var id: String
        /// Whether it holds a licence now; nil when unknown (it then counts as changing).
        public var licensedNow: Bool?

        public init(id: String, licensedNow: Bool?) {
            self.id = id
            self.licensedNow = licensedNow
        }
    }

    public let operation: LicenseOperation
    /// Every device the run would send, in order.
    public let devices: [Device]
    /// The licence counters now, if read.
    public let counts: LicenseCounts?

    /// Devices whose licence changes (assign: need one; remove: hold one).
    public let changing: Int

    public init(operation: LicenseOperation, devices: [Device], counts: LicenseCounts?) {
        self.operation = operation
        self.devices = devices
        self.counts = counts
        changing = devices.lazy.filter { RunForecast.changes($0, operation) }.count
    }

    /// Every device with an unknown licence state (it counts as changing).
    public init(operation: LicenseOperation, deviceIds: [String], counts: LicenseCounts?) {
        self.init(operation: operation, devices: deviceIds.map { Device(id: $0, licensedNow: nil) }, counts: counts)
    }

    static func changes(_ device: Device, _ operation: LicenseOperation) -> Bool {
        guard let now = device.licensedNow else { return true }
        return operation == .assign ? !now : now
    }

    /// The device's licence would change.
    public func changes(_ device: Device) -> Bool { RunForecast.changes(device, operation) }

    /// Whether the device holds a licence after the run, if everything succeeds.
    public var licensedAfter: Bool { operation == .assign }

    public var deviceIds: [String] { devices.map(\.id) }

    /// Devices already in the wanted state (assign: licensed; remove: not licensed).
    public var alreadyInState: Int { devices.count - changing }

    /// Devices needing a licence beyond the free ones (assign; 0 when the counts are unknown).
    public var excess: Int {
        guard operation == .assign, let counts else { return 0 }
        return RunForecast.excess(needing: changing, counts: counts)
    }

    /// Licences needed beyond the free ones when `needing` devices without one are assigned: the
    /// one rule, also for views that know only how many selected devices lack a licence.
    public static func excess(needing: Int, counts: LicenseCounts) -> Int {
        Swift.max(0, needing - counts.free)
    }

    /// With an excess: every device already in the wanted state plus as many needing a licence as
    /// there are free ones, in order. Nil without an excess.
    public var fitIds: [String]? {
        guard excess > 0, let counts else { return nil }
        var room = counts.free
        var fit: [String] = []
        fit.reserveCapacity(devices.count - excess)
        for device in devices {
            if !changes(device) {
                fit.append(device.id)
            } else if room > 0 {
                fit.append(device.id)
                room -= 1
            }
        }
        return fit
    }

    /// The counters after the run if everything that can succeed does; `onlyFit` sends only the
    /// devices that fit the free licences. Nil when the counts are unknown.
    public func countsAfter(onlyFit: Bool = false) -> LicenseCounts? {
        guard let counts else { return nil }
        let moving = operation == .assign && onlyFit ? Swift.min(changing, counts.free) : changing
        return counts.moved(by: moving, during: operation)
    }
}
