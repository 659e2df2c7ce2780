/// Which devices hold a licence, and since when: assign and remove, the used count, and the
/// paged views of the licences and the devices. Time comes in as `nowMs` (the state actor's
/// wall clock); failing devices come in as a predicate (the fault plan decides them).
struct LicenseLedger {
    enum Operation: Sendable { case assign, remove }

    struct DeviceOutcome: Sendable {
        var deviceId: String
        var status: String
        var reason: String
    }

    struct BatchResult: Sendable {
        var licCount: Int
        var licUsedCount: Int
        var devices: [DeviceOutcome]
    }

    struct LicensePage: Sendable {
        var totalLicenses: Int
        var assignedLicenses: Int
        var hasMoreData: Bool
        var lastSeen: UInt64
        var devices: [(imei: UInt64, assignedMs: Int64)]
    }

    struct DevicePage: Sendable {
        var hasMoreData: Bool
        var lastSeen: UInt64
        var devices: [(imei: UInt64, licensed: Bool)]
        /// Devices of this page that always fail (the fault plan's): they are listed as not
        /// FOTA-eligible, which is the reason their assignment is refused.
        var failing: Set<UInt64> = []

        /// Whether `imei` (a device of this page) is listed as FOTA-eligible.
        func isEligible(_ imei: UInt64, _ catalog: DeviceCatalog) -> Bool {
            catalog.isFotaEligible(imei) && !failing.contains(imei)
        }
    }

    // MARK: Status strings (v1)

    static let assignSuccess = "LicenseAssignSuccess"
    static let assignFailed = "LicenseAssignFailed"
    static let removeSuccess = "LicenseRemoveSuccess"
    static let removeFailed = "LicenseRemoveFailed"
    static let reasonSuccess = "Success"
    static let reasonPreexisting = "Device license preexisting"
    static let reasonNotFound = "Device Not Found"
    static let reasonNoLicenses = "No licenses available"
    static let reasonNoLicenseAttached = "No license attached to device"
    static let reasonAssignRejected = "License assignment failed: device is not eligible for a license"
    static let reasonRemoveRejected = "License removal failed: license is in use by a scheduled upgrade"

    // MARK: State

    let catalog: DeviceCatalog
    /// Licences in the subscription.
    let licenses: Int
    /// Devices per page on the paged views.
    let pageSize: Int
    /// Assignment time (ms since 1970) per catalog position; 0 = no licence.
    private var assignedMs: [Int64]
    private(set) var usedCount: Int

    /// `licensed` are the catalog positions licensed at start (at their generated assignment times).
    init(catalog: DeviceCatalog, licenses: Int, pageSize: Int, licensed: some Sequence<Int>) {
        self.catalog = catalog
        self.licenses = licenses
        self.pageSize = pageSize
        var assigned = [Int64](repeating: 0, count: catalog.count)
        var used = 0
        for position in licensed {
            assigned[position] = catalog.initialAssignmentMs(of: catalog.imeis[position])
            used += 1
        }
        self.assignedMs = assigned
        self.usedCount = used
    }

    func licensedDeviceIds() -> Set<String> {
        var result = Set<String>(minimumCapacity: usedCount)
        for (position, ms) in assignedMs.enumerated() where ms != 0 {
            result.insert(IMEICheck.string(catalog.imeis[position]))
        }
        return result
    }

    // MARK: Assign and remove

    /// Applies `operation` to every device in order, in one step.
    mutating func apply(
        _ operation: Operation, deviceIds: [String], nowMs: Int64, isFailing: (String) -> Bool
    ) -> BatchResult {
        var outcomes: [DeviceOutcome] = []
        outcomes.reserveCapacity(deviceIds.count)
        for id in deviceIds {
            outcomes.append(applyOne(operation, id: id, nowMs: nowMs, failing: isFailing(id)))
        }
        return BatchResult(licCount: licenses, licUsedCount: usedCount, devices: outcomes)
    }

    private mutating func applyOne(_ operation: Operation, id: String, nowMs: Int64, failing: Bool) -> DeviceOutcome {
        let position = UInt64(id).flatMap { catalog.position(of: $0) }
        switch operation {
        case .assign:
            guard let position else { return DeviceOutcome(deviceId: id, status: Self.assignFailed, reason: Self.reasonNotFound) }
            if failing { return DeviceOutcome(deviceId: id, status: Self.assignFailed, reason: Self.reasonAssignRejected) }
            // Already licensed: reported as a success (the device does hold a licence) with
            // reason "Device license preexisting"; the used count does not change.
            if assignedMs[position] != 0 {
                return DeviceOutcome(deviceId: id, status: Self.assignSuccess, reason: Self.reasonPreexisting)
            }
            guard usedCount < licenses else {
                return DeviceOutcome(deviceId: id, status: Self.assignFailed, reason: Self.reasonNoLicenses)
            }
            assignedMs[position] = nowMs
            usedCount += 1
            return DeviceOutcome(deviceId: id, status: Self.assignSuccess, reason: Self.reasonSuccess)
        case .remove:
            guard let position else { return DeviceOutcome(deviceId: id, status: Self.removeFailed, reason: Self.reasonNotFound) }
            if failing { return DeviceOutcome(deviceId: id, status: Self.removeFailed, reason: Self.reasonRemoveRejected) }
            guard assignedMs[position] != 0 else {
                return DeviceOutcome(deviceId: id, status: Self.removeFailed, reason: Self.reasonNoLicenseAttached)
            }
            assignedMs[position] = 0
            usedCount -= 1
            return DeviceOutcome(deviceId: id, status: Self.removeSuccess, reason: Self.reasonSuccess)
        }
    }

    // MARK: Pages

    /// Licensed devices whose IMEI is greater than `cursor`, at most `pageSize`.
    func licensePage(after cursor: UInt64) -> LicensePage {
        var devices: [(imei: UInt64, assignedMs: Int64)] = []
        var position = cursor == 0 ? 0 : catalog.firstPosition(after: cursor)
        while position < assignedMs.count, devices.count < pageSize {
            if assignedMs[position] != 0 { devices.append((catalog.imeis[position], assignedMs[position])) }
            position += 1
        }
        var more = false
        while position < assignedMs.count {
            if assignedMs[position] != 0 {
                more = true
                break
            }
            position += 1
        }
        return LicensePage(
            totalLicenses: licenses,
            assignedLicenses: usedCount,
            hasMoreData: more,
            lastSeen: more ? devices.last?.imei ?? 0 : 0,
            devices: devices
        )
    }

    /// Devices whose IMEI is greater than `cursor`, at most `pageSize`.
    func devicePage(after cursor: UInt64) -> DevicePage {
        let start = cursor == 0 ? 0 : catalog.firstPosition(after: cursor)
        let end = min(catalog.count, start + pageSize)
        var devices: [(imei: UInt64, licensed: Bool)] = []
        devices.reserveCapacity(max(0, end - start))
        if start < end {
            for position in start..<end {
                devices.append((catalog.imeis[position], assignedMs[position] != 0))
            }
        }
        let more = end < catalog.count
        return DevicePage(hasMoreData: more, lastSeen: more ? devices.last?.imei ?? 0 : 0, devices: devices)
    }
}
