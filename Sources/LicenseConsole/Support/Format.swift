import Drawing
import Foundation
import ThingSpaceAPI

/// Locale-independent formatting for the console, so snapshots do not depend on the
/// machine's locale.
public enum Format {
    /// `1003` -> `1,003`; never abbreviated.
    public static func count(_ n: Int) -> String {
        if n < 0 { return "-" + count(-n) }
        let digits = String(n)
        guard digits.count > 3 else { return digits }
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// `1 device`, `2,000 devices`: the count with thousands separators and the noun in the
    /// right number (`plural` defaults to the noun plus `s`).
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count(n)) \(n == 1 ? noun : (plural ?? noun + "s"))"
    }

    /// `part / whole` as a percentage with one decimal, `11.1%`; `0.0%` when whole is 0.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0.0%" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// Seconds as `m:ss` or `h:mm:ss`.
    public static func duration(_ seconds: Double) -> String {
        let s = max(0, Int(seconds.rounded(.down)))
        let h = s / 3600, m = (s / 60) % 60, sec = s % 60
        let ss = sec < 10 ? "0\(sec)" : "\(sec)"
        if h > 0 {
            let mm = m < 10 ? "0\(m)" : "\(m)"
            return "\(h):\(mm):\(ss)"
        }
        return "\(m):\(ss)"
    }

    /// A rate with at most one decimal below 10, whole numbers above.
    public static func rate(_ perSecond: Double) -> String {
        guard perSecond.isFinite, perSecond > 0 else { return "0" }
        if perSecond >= 10 { return count(Int(perSecond.rounded())) }
        let tenths = Int((perSecond * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Wall-clock time `HH:MM:SS` in `timeZone`.
    public static func clock(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute, .second], from: date)
        func two(_ v: Int?) -> String { let v = v ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }

    /// Words for an error: its description, with the error code and HTTP status added when
    /// the description does not already name them.
    public static func error(_ error: ThingSpaceError) -> String {
        var text = error.description
        var extra: [String] = []
        if let code = error.code, !text.contains(code) { extra.append("code \(code)") }
        if let status = error.httpStatus, !text.contains(String(status)) { extra.append("HTTP \(status)") }
        if !extra.isEmpty { text += " (" + extra.joined(separator: ", ") + ")" }
        return text
    }

    /// Greedy word wrap to `width` columns of display width (server text sanitised first);
    /// words longer than a line are cut.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in TextWidth.display(text).split(separator: " ", omittingEmptySubsequences: true) {
            var w = String(word)
            while w.displayWidth > width {
                if !line.isEmpty { lines.append(line); line = "" }
                let head = TextWidth.clip(w, to: max(width, 2))   // a wide character needs two columns
                lines.append(head)
                w = String(w.dropFirst(head.count))
            }
            if line.isEmpty { line = w }
            else if line.displayWidth + 1 + w.displayWidth <= width { line += " " + w }
            else { lines.append(line); line = w }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Pads or cuts `text` to exactly `width` columns.
    static func fit(_ text: String, _ width: Int) -> String {
        TextWidth.fit(text, to: width)
    }
}
