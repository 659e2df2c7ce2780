/// Formats milliseconds since 1970 in the timestamp styles seen in ThingSpace responses.
enum Timestamp {
    /// `2024-03-11T16:03:42.000Z`
    static func iso(_ ms: Int64) -> String {
        let p = Parts(ms)
        return "\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2))T\(pad(p.hour, 2)):\(pad(p.minute, 2)):\(pad(p.second, 2)).\(pad(p.millisecond, 3))Z"
    }

    /// Go `time.String()` style: `2024-03-11 16:05:10.118 +0000 UTC`
    static func go(_ ms: Int64) -> String {
        let p = Parts(ms)
        return "\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2)) \(pad(p.hour, 2)):\(pad(p.minute, 2)):\(pad(p.second, 2)).\(pad(p.millisecond, 3)) +0000 UTC"
    }

    /// The v1 device-list style, unpadded time: `03/11/2024 16:3:42` (never upgraded: `01/01/1900 0:0:0`).
    static func slashed(_ ms: Int64) -> String {
        let p = Parts(ms)
        return "\(pad(p.month, 2))/\(pad(p.day, 2))/\(pad(p.year, 4)) \(p.hour):\(p.minute):\(p.second)"
    }

    static let neverUpgraded = "01/01/1900 0:0:0"

    /// 2024-03-11T16:03:42Z, the anchor for generated assignment and upgrade times.
    static let anchorMs: Int64 = 1_710_173_022_000

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private struct Parts {
        var year, month, day, hour, minute, second, millisecond: Int64

        init(_ ms: Int64) {
            let (daysRaw, msOfDayRaw) = ms.quotientAndRemainder(dividingBy: 86_400_000)
            var days = daysRaw
            var msOfDay = msOfDayRaw
            if msOfDay < 0 {
                msOfDay += 86_400_000
                days -= 1
            }
            hour = msOfDay / 3_600_000
            minute = (msOfDay / 60_000) % 60
            second = (msOfDay / 1000) % 60
            millisecond = msOfDay % 1000
            // Howard Hinnant's civil_from_days.
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            day = doy - (153 * mp + 2) / 5 + 1
            month = mp < 10 ? mp + 3 : mp - 9
            year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        }
    }
}
