/// The generated devices of the simulated account: unique, Luhn-valid IMEIs sorted ascending
/// (the paging order). Only the IMEIs are stored (8 bytes per device); every other attribute
/// (MDN, make, model, firmware, eligibility, upgrade time, timestamp style) is derived from a
/// hash of the IMEI and the seed when needed, so a million devices cost about 8 MB here.
struct DeviceCatalog: Sendable {
    struct Model: Sendable {
        var make: String
        var model: String
        var firmware: [String]
    }

    /// Real-looking type allocation codes, each tied to one module model.
    static let tacs: [(tac: UInt64, model: Int)] = [
        (35209900, 0), (35693803, 1), (86723303, 2), (99000862, 3), (35392110, 4),
        (35397710, 0), (86140204, 2), (35882909, 1), (35174311, 3), (99001145, 4),
        (35468010, 0), (86791105, 2), (35616410, 1), (99000338, 3), (35276711, 4),
        (86965804, 2),
    ]

    static let models: [Model] = [
        Model(make: "SEQUANS COMMUNICATIONS", model: "GM01Q", firmware: ["SR1.2.0.0-10657", "SR1.2.1.0-11012", "SR1.2.2.1-12050"]),
        Model(make: "TELIT", model: "LE910C4-NF", firmware: ["25.30.226", "25.30.228", "25.30.236"]),
        Model(make: "QUECTEL", model: "BG96", firmware: ["BG96MAR02A07M1G", "BG96MAR04A02M1G", "BG96MAR04A04M1G"]),
        Model(make: "SIERRA WIRELESS", model: "HL7800", firmware: ["HL7800.4.6.9.4", "HL7800.4.7.1.0", "HL7800.5.4.4.0"]),
        Model(make: "u-blox", model: "SARA-R410M", firmware: ["L0.0.00.00.05.08", "L0.0.00.00.05.11", "L0.0.00.00.05.12"]),
    ]

    static let areaCodes: [UInt64] = [201, 212, 214, 303, 312, 404, 415, 512, 617, 646, 702, 908, 919, 973]

    let seed: UInt64
    /// Sorted ascending, unique.
    let imeis: [UInt64]
    /// Devices with hostile content (`DeviceContentFaults`), by IMEI.
    let hostile: [UInt64: DeviceContentFaults.Kind]

    var count: Int { imeis.count }

    init(count: Int, seed: UInt64, content: DeviceContentFaults = DeviceContentFaults()) {
        self.seed = seed
        let imeis = Self.generate(count: count, seed: seed)
        self.imeis = imeis
        var hostile: [UInt64: DeviceContentFaults.Kind] = [:]
        for kind in content.kinds where kind.position < imeis.count { hostile[imeis[kind.position]] = kind }
        self.hostile = hostile
    }

    /// Draws random TAC + serial pairs until `count` distinct IMEIs exist. Deterministic for a seed.
    static func generate(count: Int, seed: UInt64) -> [UInt64] {
        var rng = SplitMix64(seed: seed ^ 0x1DE0_1CE5_0000_0001)
        var result: [UInt64] = []
        result.reserveCapacity(count)
        while result.count < count {
            for _ in 0..<(count - result.count) {
                let tac = tacs[Int(rng.next() % UInt64(tacs.count))].tac
                let serial = rng.next() % 1_000_000
                result.append(IMEICheck.imei(body: tac * 1_000_000 + serial))
            }
            result.sort()
            var write = 0
            for read in result.indices where write == 0 || result[read] != result[write - 1] {
                result[write] = result[read]
                write += 1
            }
            result.removeLast(result.count - write)
        }
        return result
    }

    /// A deterministic selection of `count` distinct device positions (a partial seeded
    /// Fisher-Yates shuffle). The simulator licenses the first `used` of them at start and
    /// marks the next `failingDeviceCount` as failing, so both are spread over the IMEI range.
    func shuffledPositions(prefix count: Int) -> [Int] {
        let n = imeis.count
        let k = min(count, n)
        guard k > 0 else { return [] }
        var rng = SplitMix64(seed: seed ^ 0x11CE_4CE5_0000_0002)
        var positions = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n { buffer[i] = Int32(i) }
            initialized = n
        }
        for i in 0..<k {
            let j = i + Int(rng.next() % UInt64(n - i))
            positions.swapAt(i, j)
        }
        return positions[0..<k].map(Int.init)
    }

    /// Position of `imei`, if the account has it.
    func position(of imei: UInt64) -> Int? {
        let p = firstPosition(notBelow: imei)
        return p < imeis.count && imeis[p] == imei ? p : nil
    }

    /// Position of the first device whose IMEI is greater than `imei`.
    func firstPosition(after imei: UInt64) -> Int {
        imei == .max ? imeis.count : firstPosition(notBelow: imei + 1)
    }

    private func firstPosition(notBelow imei: UInt64) -> Int {
        var low = 0
        var high = imeis.count
        while low < high {
            let mid = (low + high) / 2
            if imeis[mid] < imei { low = mid + 1 } else { high = mid }
        }
        return low
    }

    // MARK: Derived attributes

    func hash(_ imei: UInt64, _ salt: UInt64) -> UInt64 {
        SplitMix64.mix(imei ^ SplitMix64.mix(seed &+ salt))
    }

    func model(of imei: UInt64) -> Model {
        if !hostile.isEmpty, let kind = hostile[imei] { return DeviceContentFaults.model(for: kind) }
        return Self.models[modelIndex(of: imei)]
    }

    /// The device's place in `models`, hostile content aside.
    func modelIndex(of imei: UInt64) -> Int {
        let tac = imei / 10_000_000
        return Self.tacs.first { $0.tac == tac }?.model ?? Int(hash(imei, 1) % UInt64(Self.models.count))
    }

    func firmware(of imei: UInt64) -> String {
        let firmware = model(of: imei).firmware
        return firmware[firmwareIndex(of: imei, count: firmware.count)]
    }

    /// Which of its model's `count` firmware versions the device runs.
    func firmwareIndex(of imei: UInt64, count: Int) -> Int {
        Int(hash(imei, 2) % UInt64(count))
    }

    func mdn(of imei: UInt64) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(10)
        appendMDN(of: imei, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The MDN's ten digits appended to `out`: area code, exchange (200...999), line (four digits).
    func appendMDN(of imei: UInt64, to out: inout [UInt8]) {
        let h = hash(imei, 3)
        let area = Self.areaCodes[Int(h % UInt64(Self.areaCodes.count))]
        DecimalDigits.append(area, minimumWidth: 1, to: &out)
        DecimalDigits.append(200 + (h >> 8) % 800, minimumWidth: 1, to: &out)
        DecimalDigits.append((h >> 20) % 10_000, minimumWidth: 4, to: &out)
    }

    func isFotaEligible(_ imei: UInt64) -> Bool {
        hash(imei, 4) % 100 < 95
    }

    /// `01/01/1900 0:0:0` for about 60% (never upgraded); otherwise a time before the anchor in
    /// one of three styles (ISO, Go, `MM/DD/YYYY H:m:s`).
    func upgradeTime(of imei: UInt64, style: TimestampStyle = .mixed) -> String {
        guard let (ms, form) = upgrade(of: imei, style: style) else { return Timestamp.neverUpgraded }
        return Timestamp.text(ms, form)
    }

    /// `upgradeTime` appended to `out` as UTF-8.
    func appendUpgradeTime(of imei: UInt64, style: TimestampStyle = .mixed, to out: inout [UInt8]) {
        guard let (ms, form) = upgrade(of: imei, style: style) else {
            out.append(contentsOf: Timestamp.neverUpgraded.utf8)
            return
        }
        Timestamp.append(ms, form, to: &out)
    }

    /// When the device was upgraded and how the time is written; nil when never.
    private func upgrade(of imei: UInt64, style: TimestampStyle) -> (Int64, Timestamp.Form)? {
        let h = hash(imei, 5)
        if h % 10 < 6 { return nil }
        let ms = Timestamp.anchorMs - Int64((h >> 8) % (400 * 86_400_000))
        if style == .rfc3339 { return (ms, .iso) }
        switch (h >> 48) % 3 {
        case 0: return (ms, .iso)
        case 1: return (ms, .go)
        default: return (ms, .slashed)
        }
    }

    /// Initial assignment time of a device licensed at start (up to a year before the anchor).
    func initialAssignmentMs(of imei: UInt64) -> Int64 {
        Timestamp.anchorMs - Int64(hash(imei, 6) % (365 * 86_400_000))
    }

    /// Devices alternate between the ISO and Go timestamp styles for `assignmentTime`.
    /// RFC 3339 only with `.rfc3339` (the default).
    func formatAssignment(_ ms: Int64, imei: UInt64, style: TimestampStyle = .mixed) -> String {
        style == .rfc3339 || hash(imei, 7) & 1 == 0 ? Timestamp.iso(ms) : Timestamp.go(ms)
    }

    /// The device's protocol as v3 lists it: mostly LWM2M, some OMADM, a few HTTP.
    func deviceProtocol(of imei: UInt64) -> String {
        switch hash(imei, 8) % 10 {
        case 0..<7: return "LWM2M"
        case 7, 8: return "OMADM"
        default: return "HTTP"
        }
    }
}
