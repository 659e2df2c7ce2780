/// Interned strings: make, model, firmware and reasons repeat across many devices, so each
/// device keeps a 4-byte reference instead of its own copy. Reference 0 is the empty string.
struct StringTable: Sendable {
    private(set) var strings: [String] = [""]
    private var index: [String: UInt32] = ["": 0]

    var count: Int { strings.count }

    mutating func intern(_ s: String) -> UInt32 {
        if let ref = index[s] { return ref }
        let ref = UInt32(strings.count)
        strings.append(s)
        index[s] = ref
        return ref
    }

    subscript(ref: UInt32) -> String { strings[Int(ref)] }
}

/// Interned (make, model) pairs: a device keeps one 4-byte reference to both; each pair holds
/// two references into the string table.
struct PairTable: Sendable {
    private var makes: [UInt32] = []
    private var models: [UInt32] = []
    private var index: [UInt64: UInt32] = [:]

    var count: Int { makes.count }

    mutating func intern(_ make: String, _ model: String, in strings: inout StringTable) -> UInt32 {
        let a = strings.intern(make), b = strings.intern(model)
        let key = UInt64(a) << 32 | UInt64(b)
        if let ref = index[key] { return ref }
        let ref = UInt32(makes.count)
        makes.append(a)
        models.append(b)
        index[key] = ref
        return ref
    }

    func make(_ ref: UInt32) -> UInt32 { makes[Int(ref)] }
    func model(_ ref: UInt32) -> UInt32 { models[Int(ref)] }
}

/// The widest text held per column (display columns), so the layout can give a column what
/// its content needs and no more.
public struct ColumnContentWidths: Equatable, Sendable {
    public var make = 0
    public var model = 0
    public var firmware = 0
    public var reason = 0

    public init(make: Int = 0, model: Int = 0, firmware: Int = 0, reason: Int = 0) {
        self.make = make
        self.model = model
        self.firmware = firmware
        self.reason = reason
    }
}
