extension DeviceStore {
    /// The device list says the device can take firmware upgrades (and a licence).
    /// (For the details dialog.)
    func eligibleForFOTA(_ i: Int) -> Bool { flags[i] & Flags.fotaEligible.rawValue != 0 }
}
