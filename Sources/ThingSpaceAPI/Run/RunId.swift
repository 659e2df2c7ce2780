import Foundation

/// The one format of run ids and of the time stamps in file names: `20261128T063012Z`.
public enum RunId {
    /// `yyyyMMdd'T'HHmmss'Z'` in UTC: sorts as time does.
    public static func timestamp(_ date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: date)
    }

    /// A sortable, unique run id: the time stamp and six random hex digits, `20261128T063012Z-1a2b3c`.
    public static func make(now: Date = Date()) -> String {
        let suffix = String(UInt32.random(in: 0...0xFFFFFF), radix: 16)
        return "\(timestamp(now))-\(String(repeating: "0", count: max(0, 6 - suffix.count)))\(suffix)"
    }
}
