/// Hostile device content, each a flag: text that once broke clients, carried by devices at
/// fixed positions of the account's list (position 0 is the lowest IMEI, the first of the first
/// page), so tests can find them. A fault whose position is beyond the account's devices is
/// left out.
///
/// - `invalidUTF8` (position 1): the model holds bytes that are not UTF-8 (a lone `0xFF`, a
///   truncated two-byte sequence, an encoded surrogate) inside an otherwise valid page.
/// - `escapeSequences` (position 2): the make retitles the terminal (OSC `ESC ] 0 ; … BEL`) and
///   clears the screen (CSI `ESC [ 2 J`); the model uses 8-bit CSI and OSC (`0x9B`, `0x9D` …
///   `0x9C`); the firmware ends with an OSC 52 clipboard write ended by `ESC \`.
/// - `bidiText` (position 3): right-to-left overrides and isolates (U+202E, U+2066–U+2069) in
///   make, model and firmware.
/// - `wideText` (position 4): CJK make, a model with CJK and an emoji, firmware with an emoji
///   and a combining accent.
public struct DeviceContentFaults: Sendable, Equatable {
    public var invalidUTF8 = false
    public var escapeSequences = false
    public var bidiText = false
    public var wideText = false

    public init(invalidUTF8: Bool = false, escapeSequences: Bool = false, bidiText: Bool = false, wideText: Bool = false) {
        self.invalidUTF8 = invalidUTF8
        self.escapeSequences = escapeSequences
        self.bidiText = bidiText
        self.wideText = wideText
    }

    /// Every fault on.
    public static let all = DeviceContentFaults(invalidUTF8: true, escapeSequences: true, bidiText: true, wideText: true)

    public enum Kind: Int, CaseIterable, Sendable {
        case invalidUTF8 = 1, escapeSequences, bidiText, wideText

        /// The device's position in the account's list (ascending IMEI).
        public var position: Int { rawValue }
    }

    /// The faults that are on.
    public var kinds: [Kind] {
        Kind.allCases.filter { kind in
            switch kind {
            case .invalidUTF8: return invalidUTF8
            case .escapeSequences: return escapeSequences
            case .bidiText: return bidiText
            case .wideText: return wideText
            }
        }
    }

    /// The IMEI of the device carrying each fault that is on, for `configuration`'s account.
    public static func deviceIds(for configuration: SimulatorConfiguration) -> [Kind: String] {
        let kinds = configuration.deviceContent.kinds
        guard !kinds.isEmpty else { return [:] }
        let catalog = DeviceCatalog(count: configuration.devices, seed: configuration.seed, content: configuration.deviceContent)
        var ids: [Kind: String] = [:]
        for (imei, kind) in catalog.hostile { ids[kind] = IMEICheck.string(imei) }
        return ids
    }

    // MARK: The text

    /// Stands for the invalid bytes in the model until the response is written (a Swift string
    /// cannot hold them): `WireResponses.json` swaps it for `invalidBytes`.
    static let invalidMarker = "\u{F8FF}INVALID-UTF8\u{F8FF}"
    static let invalidBytes: [UInt8] = [0xFF, 0xC3, 0x2D, 0xED, 0xA0, 0x80]

    static func model(for kind: Kind) -> DeviceCatalog.Model {
        switch kind {
        case .invalidUTF8:
            return DeviceCatalog.Model(make: "QUECTEL", model: "BG96" + invalidMarker + "X", firmware: ["BG96MAR04A02M1G"])
        case .escapeSequences:
            return DeviceCatalog.Model(
                make: "\u{1B}]0;PWNED-TITLE\u{07}Sequans \u{1B}[2J\u{1B}[H\u{1B}[0m",
                model: "\u{9B}31mGM01Q\u{9B}0m\u{9D}0;PWNED-8BIT\u{9C}",
                firmware: ["SR1.2.0.0\u{1B}]52;c;UFdORUQ=\u{1B}\\"])
        case .bidiText:
            return DeviceCatalog.Model(make: "TELIT \u{202E}DECREVER\u{202C}", model: "LE910\u{2066}C4\u{2069}-NF",
                                       firmware: ["\u{202E}25.30.226"])
        case .wideText:
            return DeviceCatalog.Model(make: "华为技术", model: "模组📡BG96", firmware: ["固件-1.0✅ e\u{301}"])
        }
    }
}
