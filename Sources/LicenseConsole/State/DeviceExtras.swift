import ThingSpaceAPI

/// The device-list fields the table does not keep but the details dialog shows: make and model
/// apart, and the upgrade time verbatim. By store index, interned (a few bytes per device).
struct DeviceExtras: Sendable {
    private var makeRefs: [UInt32] = []
    private var modelRefs: [UInt32] = []
    private var upgradeRefs: [UInt32] = []
    private var strings = StringTable()

    var count: Int { makeRefs.count }

    /// Records the fields of the device at store index `i` (new devices arrive in index order).
    mutating func set(_ i: Int, _ device: DeviceInfo) {
        let make = strings.intern(device.make), model = strings.intern(device.model)
        let upgrade = strings.intern(device.upgradeTime ?? "")
        if i == makeRefs.count {
            makeRefs.append(make)
            modelRefs.append(model)
            upgradeRefs.append(upgrade)
        } else if i < makeRefs.count {
            makeRefs[i] = make
            modelRefs[i] = model
            upgradeRefs[i] = upgrade
        }
    }

    func make(_ i: Int) -> String? { i < count ? strings[makeRefs[i]] : nil }
    func model(_ i: Int) -> String? { i < count ? strings[modelRefs[i]] : nil }
    /// The upgrade time as the API wrote it; "" when it gave none.
    func upgradeTime(_ i: Int) -> String? { i < count ? strings[upgradeRefs[i]] : nil }
}
