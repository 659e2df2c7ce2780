import Drawing

/// JSON strings written straight into text, the way `TextFormat.json` writes them (Foundation's
/// `JSONEncoder` with `.withoutEscapingSlashes`, then `JSONSafety`): `"` and `\` escaped, the C0
/// controls as `\b \f \n \r \t` or `\u00xx`, DEL, C1 and bidi controls as `\uxxxx`; everything
/// else as it is. One writer for a whole stream of devices instead of an encoder per device.
enum JSONText {
    static func appendString(_ value: String, to out: inout String) {
        out.unicodeScalars.append("\"")
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += value
        } else {
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
        }
        out.unicodeScalars.append("\"")
    }

    /// One device as `devices --format json` writes it: sorted keys, no spaces, `null` for a
    /// missing upgrade time.
    static func appendDevice(_ device: DeviceInfo, to out: inout String) {
        out += "{\"deviceId\":"
        appendString(device.deviceId, to: &out)
        out += ",\"firmware\":"
        appendString(device.firmware, to: &out)
        out += device.fotaEligible ? ",\"fotaEligible\":true" : ",\"fotaEligible\":false"
        out += device.licenseAssigned ? ",\"licenseAssigned\":true" : ",\"licenseAssigned\":false"
        out += ",\"make\":"
        appendString(device.make, to: &out)
        out += ",\"mdn\":"
        appendString(device.mdn, to: &out)
        out += ",\"model\":"
        appendString(device.model, to: &out)
        out += ",\"upgradeTime\":"
        if let time = device.upgradeTime { appendString(time, to: &out) } else { out += "null" }
        out += "}"
    }
}
