/// Formats milliseconds since 1970 in the timestamp styles seen in ThingSpace responses. Each is
/// written straight into bytes (`append`, for the device pages); the strings are those bytes.
enum Timestamp {
    enum Form: Sendable { case iso, go, slashed }

    /// `2024-03-11T16:03:42.000Z`
    static func iso(_ ms: Int64) -> String { text(ms, .iso) }

    /// Go `time.String()` style: `2024-03-11 16:05:10.118 +0000 UTC`
    static func go(_ ms: Int64) -> String { text(ms, .go) }

    /// The v1 device-list style, unpadded time: `03/11/2024 16:3:42` (never upgraded: `01/01/1900 0:0:0`).
    static func slashed(_ ms: Int64) -> String { text(ms, .slashed) }

    static let neverUpgraded = "01/01/1900 0:0:0"

    /// 2024-03-11T16:03:42Z, the anchor for generated assignment and upgrade times.
    static let anchorMs: Int64 = 1_710_173_022_000

    static func text(_ ms: Int64, _ form: Form) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(40)
        append(ms, form, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `ms` in `form`, appended to `out` as UTF-8 (ASCII).
    static func append(_ ms: Int64, _ form: Form, to out: inout [UInt8]) {
        let p = Parts(ms)
        switch form {
        case .iso, .go:
            pad(p.year, 4, &out); out.append(UInt8(ascii: "-")); pad(p.month, 2, &out); out.append(UInt8(ascii: "-"))
            pad(p.day, 2, &out); out.append(form == .iso ? UInt8(ascii: "T") : UInt8(ascii: " "))
            pad(p.hour, 2, &out); out.append(UInt8(ascii: ":")); pad(p.minute, 2, &out); out.append(UInt8(ascii: ":"))
            pad(p.second, 2, &out); out.append(UInt8(ascii: ".")); pad(p.millisecond, 3, &out)
            out.append(contentsOf: (form == .iso ? "Z" : " +0000 UTC").utf8)
        case .slashed:
            pad(p.month, 2, &out); out.append(UInt8(ascii: "/")); pad(p.day, 2, &out); out.append(UInt8(ascii: "/"))
            pad(p.year, 4, &out); out.append(UInt8(ascii: " "))
            pad(p.hour, 1, &out); out.append(UInt8(ascii: ":")); pad(p.minute, 1, &out); out.append(UInt8(ascii: ":"))
            pad(p.second, 1, &out)
        }
    }

    private static func pad(_ value: Int64, _ width: Int, _ out: inout [UInt8]) {
        DecimalDigits.append(value, minimumWidth: width, to: &out)
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
