/// IMEI helpers: 15 digits = 8-digit TAC + 6-digit serial + 1 Luhn check digit.
enum IMEICheck {
    /// Check digit for a 14-digit IMEI body: from the right, double every second digit
    /// starting with the rightmost, subtract 9 from results above 9, sum, then
    /// `(10 - sum % 10) % 10`.
    static func checkDigit(body: UInt64) -> UInt64 {
        var n = body
        var sum: UInt64 = 0
        var double = true
        for _ in 0..<14 {
            var digit = n % 10
            n /= 10
            if double {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
            double.toggle()
        }
        return (10 - sum % 10) % 10
    }

    /// The full IMEI for a 14-digit body.
    static func imei(body: UInt64) -> UInt64 {
        body * 10 + checkDigit(body: body)
    }

    /// Exactly 15 ASCII digits.
    static func isWellFormed(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 15 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// 15 ASCII digits whose last digit is the Luhn check digit of the first 14.
    static func isLuhnValid(_ text: some StringProtocol) -> Bool {
        guard isWellFormed(text), let value = UInt64(text) else { return false }
        return checkDigit(body: value / 10) == value % 10
    }

    /// A 15-digit IMEI as a zero-padded string.
    static func string(_ imei: UInt64) -> String {
        let digits = String(imei)
        return digits.count >= 15 ? digits : String(repeating: "0", count: 15 - digits.count) + digits
    }
}
