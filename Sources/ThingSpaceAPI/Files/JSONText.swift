import Drawing

/// JSON strings written straight into text, the way `TextFormat.json` writes them (Foundation's
/// `JSONEncoder` with `.withoutEscapingSlashes`, then `JSONSafety`): `"` and `\` escaped, the C0
/// controls as `\b \f \n \r \t` or `\u00xx`, DEL, C1 and bidi controls as `\uxxxx`; everything
/// else as it is. One writer for a whole stream of devices instead of an encoder per device.
enum JSONText {
    /// `value` as a JSON string (quotes included), appended to `out` as UTF-8. Printable ASCII
    /// without `"` or `\` (nearly all server text) is copied as it is.
    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        let plain = value.withUTF8 { bytes -> Bool in
            for b in bytes where b < 0x20 || b >= 0x7F || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if !plain { out.append(contentsOf: escaped(value).utf8) }
        out.append(UInt8(ascii: "\""))
    }

    /// The inside of a JSON string for `value`, every character that needs it escaped.
    static func escaped(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || JSONSafety.needsEscape(scalar) {
                    out += JSONSafety.escape(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// One device as `devices --format json` writes it: sorted keys, no spaces, `null` for a
    /// missing upgrade time.
    static func appendDevice(_ device: DeviceInfo, to out: inout [UInt8]) {
        out.append(contentsOf: "{\"deviceId\":".utf8)
        appendString(device.deviceId, to: &out)
        out.append(contentsOf: ",\"firmware\":".utf8)
        appendString(device.firmware, to: &out)
        out.append(contentsOf: (device.fotaEligible ? ",\"fotaEligible\":true" : ",\"fotaEligible\":false").utf8)
        out.append(contentsOf: (device.licenseAssigned ? ",\"licenseAssigned\":true" : ",\"licenseAssigned\":false").utf8)
        out.append(contentsOf: ",\"make\":".utf8)
        appendString(device.make, to: &out)
        out.append(contentsOf: ",\"mdn\":".utf8)
        appendString(device.mdn, to: &out)
        out.append(contentsOf: ",\"model\":".utf8)
        appendString(device.model, to: &out)
        out.append(contentsOf: ",\"upgradeTime\":".utf8)
        if let time = device.upgradeTime { appendString(time, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(UInt8(ascii: "}"))
    }
}
