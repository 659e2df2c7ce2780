/// The guards every front end puts in front of a run: read-only profiles, a cap on the devices
/// of one run, and a typed device count to confirm a large run.
public struct RunPolicy: Sendable, Equatable {
    public static let defaultTypeToConfirmAbove = 1000

    /// Assign and remove are refused.
    public var readonly: Bool
    /// Why, in the operator's words: `--readonly was given`, `profile "prod" is readonly (...)`.
    public var readonlyOrigin: String
    /// Runs of more devices than this are refused.
    public var maxDevices: Int?
    /// Where the limit comes from: `--max-devices`, `max_devices of profile "prod"`.
    public var maxDevicesOrigin: String
    /// Above this many devices the operator types the number to confirm.
    public var typeToConfirmAbove: Int

    public init(readonly: Bool = false, readonlyOrigin: String = "read-only mode",
                maxDevices: Int? = nil, maxDevicesOrigin: String = "max_devices",
                typeToConfirmAbove: Int = RunPolicy.defaultTypeToConfirmAbove) {
        self.readonly = readonly
        self.readonlyOrigin = readonlyOrigin
        self.maxDevices = maxDevices
        self.maxDevicesOrigin = maxDevicesOrigin
        self.typeToConfirmAbove = typeToConfirmAbove
    }

    /// Refuses any change when read-only. `target` names what would change (`account ... on host`).
    public func checkWritable(_ operation: LicenseOperation, target: String) throws(RunRefusal) {
        if readonly { throw .readonly(operation, origin: readonlyOrigin, target: target) }
    }

    /// Refuses a run of more than `maxDevices` devices.
    public func checkSize(_ operation: LicenseOperation, deviceCount: Int) throws(RunRefusal) {
        if let maxDevices, deviceCount > maxDevices {
            throw .tooManyDevices(operation, count: deviceCount, limit: maxDevices, origin: maxDevicesOrigin)
        }
    }

    /// Both checks.
    public func check(_ operation: LicenseOperation, deviceCount: Int, target: String) throws(RunRefusal) {
        try checkWritable(operation, target: target)
        try checkSize(operation, deviceCount: deviceCount)
    }

    /// The operator must type the device count (not just `y`) to confirm.
    public func needsTypedCount(_ deviceCount: Int) -> Bool { deviceCount > typeToConfirmAbove }

    /// The typed text is the device count (thousands separators and spaces ignored).
    public static func typedCountMatches(_ typed: String, deviceCount: Int) -> Bool {
        typed.filter { $0 != "," && $0 != " " } == String(deviceCount)
    }
}

/// A run a guard refused; nothing was sent.
public enum RunRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case readonly(LicenseOperation, origin: String, target: String)
    case tooManyDevices(LicenseOperation, count: Int, limit: Int, origin: String)

    public var description: String {
        switch self {
        case .readonly(let op, let origin, let target):
            return "refused: \(origin); \(op.verb) changes licences on \(target). Nothing was sent."
        case .tooManyDevices(let op, let count, let limit, let origin):
            return "refused: \(RunRefusal.grouped(count)) devices to \(op.verb), more than \(RunRefusal.grouped(limit)) "
                + "(\(origin)). Nothing was sent; split the list or raise the limit."
        }
    }

    /// `12,345`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
