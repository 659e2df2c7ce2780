/// A device identifier as ThingSpace uses it: exactly 15 ASCII digits
/// (8-digit TAC, 6-digit serial, 1 Luhn check digit, 3GPP TS 23.003).
public struct IMEI: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: String

    /// What is wrong with a candidate IMEI.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case wrongLength(Int)
        case nonDigit(Character)
        case badCheckDigit(expected: Int, found: Int)

        public var description: String {
            switch self {
            case .empty: return "empty device id"
            case .wrongLength(let n): return "an IMEI has 15 digits, this has \(n) characters"
            case .nonDigit(let c): return "an IMEI has only digits 0-9, found \(c.debugDescription)"
            case .badCheckDigit(let expected, let found):
                return "Luhn check digit is \(found), expected \(expected)"
            }
        }
    }

    /// How a bad Luhn check digit is treated. Verizon's own examples often fail Luhn,
    /// so the default is a warning.
    public enum LuhnPolicy: String, Sendable, CaseIterable {
        case warn, error, ignore
    }

    /// Result of validating one candidate.
    public enum Validation: Equatable, Sendable {
        case valid(IMEI)
        case validWithWarning(IMEI, Problem)
        case invalid(Problem)

        public var imei: IMEI? {
            switch self {
            case .valid(let i), .validWithWarning(let i, _): return i
            case .invalid: return nil
            }
        }
    }

    /// Accepts any 15-digit string without the Luhn check (for values read from the server).
    public init?(unchecked value: String) {
        guard IMEI.shapeProblem(value) == nil else { return nil }
        self.value = value
    }

    /// Validates strictly (shape and Luhn check digit).
    public init(_ value: String) throws(Problem) {
        if let problem = IMEI.shapeProblem(value) { throw problem }
        let expected = IMEI.checkDigit(body: value.utf8.prefix(14))
        let found = Int(value.utf8.last! - UInt8(ascii: "0"))
        if expected != found { throw Problem.badCheckDigit(expected: expected, found: found) }
        self.value = value
    }

    public static func validate(_ raw: String, luhn: LuhnPolicy = .warn) -> Validation {
        if let problem = shapeProblem(raw) { return .invalid(problem) }
        let imei = IMEI(unchecked: raw)!
        if luhn == .ignore { return .valid(imei) }
        let expected = checkDigit(body: raw.utf8.prefix(14))
        let found = Int(raw.utf8.last! - UInt8(ascii: "0"))
        if expected == found { return .valid(imei) }
        let problem = Problem.badCheckDigit(expected: expected, found: found)
        return luhn == .error ? .invalid(problem) : .validWithWarning(imei, problem)
    }

    static func shapeProblem(_ raw: String) -> Problem? {
        if raw.isEmpty { return .empty }
        for c in raw where !(c.isASCII && c.isNumber) { return .nonDigit(c) }
        if raw.utf8.count != 15 { return .wrongLength(raw.count) }
        return nil
    }

    /// Luhn check digit for a 14-digit body given as ASCII bytes.
    public static func checkDigit<C: Collection>(body: C) -> Int where C.Element == UInt8 {
        var sum = 0
        // From the right, the rightmost body digit is doubled.
        for (offset, byte) in body.reversed().enumerated() {
            var d = Int(byte - UInt8(ascii: "0"))
            if offset % 2 == 0 {
                d *= 2
                if d > 9 { d -= 9 }
            }
            sum += d
        }
        return (10 - sum % 10) % 10
    }

    /// Makes a Luhn-valid IMEI from a 14-digit body.
    public static func completing(body: String) -> IMEI? {
        guard body.utf8.count == 14, body.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return IMEI(unchecked: body + String(checkDigit(body: body.utf8)))
    }

    public var description: String { value }
    public static func < (a: IMEI, b: IMEI) -> Bool { a.value < b.value }
}
