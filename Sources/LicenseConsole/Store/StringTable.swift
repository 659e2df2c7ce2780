/// Interned strings: make/model, firmware and reasons repeat across many devices, so each
/// device keeps a 4-byte reference instead of its own copy. Reference 0 is the empty string.
struct StringTable: Sendable {
    private(set) var strings: [String] = [""]
    private var index: [String: UInt32] = ["": 0]

    mutating func intern(_ s: String) -> UInt32 {
        if let ref = index[s] { return ref }
        let ref = UInt32(strings.count)
        strings.append(s)
        index[s] = ref
        return ref
    }

    subscript(ref: UInt32) -> String { strings[Int(ref)] }
}
