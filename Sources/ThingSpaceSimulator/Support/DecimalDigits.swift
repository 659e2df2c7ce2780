/// Decimal text written straight into bytes, for the answers the simulator builds by hand
/// (device pages, MDNs, timestamps): no `String` in between.
enum DecimalDigits {
    /// `value` in decimal, zeros in front up to `minimumWidth` digits (at most 20).
    static func append(_ value: UInt64, minimumWidth: Int, to out: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let width = min(minimumWidth, 20)
        var count = 0
        var n = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0 || count < width
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// A signed value: a negative one (which no generated time has) as its plain decimal text,
    /// zeros in front when that is shorter than `minimumWidth`.
    static func append(_ value: Int64, minimumWidth: Int, to out: inout [UInt8]) {
        guard value < 0 else { return append(UInt64(value), minimumWidth: minimumWidth, to: &out) }
        let digits = String(value).utf8
        if digits.count < minimumWidth { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: minimumWidth - digits.count)) }
        out.append(contentsOf: digits)
    }
}
