import Foundation
import Testing
import ThingSpaceAPI

/// `devices --format json` writes every device with one writer for the whole stream; the text
/// must be what an encoder per device (`TextFormat.json`, as before) wrote.
@Suite struct DeviceStreamWriterTests {
    /// The device as it was encoded before: every key, `null` for a missing upgrade time.
    struct EncodedBefore: Encodable {
        var device: DeviceInfo
        enum CodingKeys: String, CodingKey {
            case deviceId, mdn, make, model, firmware, fotaEligible, licenseAssigned, upgradeTime
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(device.deviceId, forKey: .deviceId)
            try c.encode(device.mdn, forKey: .mdn)
            try c.encode(device.make, forKey: .make)
            try c.encode(device.model, forKey: .model)
            try c.encode(device.firmware, forKey: .firmware)
            try c.encode(device.fotaEligible, forKey: .fotaEligible)
            try c.encode(device.licenseAssigned, forKey: .licenseAssigned)
            try c.encode(device.upgradeTime, forKey: .upgradeTime)
        }
    }

    static func before(_ pages: [[DeviceInfo]], filter: DeviceListWriter.Filter) -> String {
        var text = "["
        var shown = 0
        for device in pages.joined() where filter.includes(device) {
            text += (shown == 0 ? "\n  " : ",\n  ") + TextFormat.json(EncodedBefore(device: device), pretty: false)
            shown += 1
        }
        return text + (shown == 0 ? "]\n" : "\n]\n")
    }

    /// Every C0 control, quotes, backslashes, slashes, DEL, C1, bidi controls, CJK, emoji, combining marks.
    static let hostile: [String] = {
        var texts = (0..<0x20).map { "a\(Character(Unicode.Scalar(UInt8($0))))b" }
        texts += ["\"quoted\"", "back\\slash", "a/b//c", "del\u{7F}", "c1\u{85}\u{9B}31m\u{9D}0;x\u{9C}",
                  "\u{202E}rev\u{202C} \u{2066}iso\u{2069} \u{200E}\u{200F}\u{061C}", "华为技术", "模组📡BG96",
                  "e\u{301}", "👩‍👩‍👧", "\u{1B}]52;c;UFdORUQ=\u{1B}\\", "\u{FFFD}", "plain ASCII 0-9 ~"]
        return texts
    }()

    static func devices() -> [[DeviceInfo]] {
        var all: [DeviceInfo] = []
        for (n, text) in hostile.enumerated() {
            all.append(DeviceInfo(deviceId: String(352099001761481 + n * 10), mdn: text, make: text, model: "M\(n) " + text,
                                  firmware: text + "!", fotaEligible: n % 3 != 0, licenseAssigned: n % 2 == 0,
                                  upgradeTime: n % 4 == 0 ? nil : text))
        }
        return [Array(all[..<10]), [], Array(all[10...])]
    }

    @Test("JSON: the same text as one encoder per device, for hostile text, in every filter",
          arguments: [DeviceListWriter.Filter.all, .licensed, .unlicensed])
    func sameJSON(filter: DeviceListWriter.Filter) throws {
        let pages = Self.devices()
        var writer = DeviceListWriter(format: .json, filter: filter)
        var text = writer.opening
        for page in pages { text += writer.write(page) }
        text += writer.closing
        #expect(text == Self.before(pages, filter: filter))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.count == pages.joined().filter(filter.includes).count)
    }

    @Test("JSON: no devices at all is an empty array, as before")
    func emptyJSON() {
        var writer = DeviceListWriter(format: .json)
        let text = writer.opening + writer.write([]) + writer.closing
        #expect(text == Self.before([[]], filter: .all))
        #expect(text == "[]\n")
    }
}
