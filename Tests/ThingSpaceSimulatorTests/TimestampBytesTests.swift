import Testing
@testable import ThingSpaceSimulator

/// Timestamps and MDNs are written straight into bytes; the text must be what string
/// interpolation wrote before.
@Suite struct TimestampBytesTests {
    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The three styles as they were written before, from the calendar fields.
    static func before(_ ms: Int64) -> (iso: String, go: String, slashed: String) {
        var days = ms / 86_400_000, msOfDay = ms % 86_400_000
        if msOfDay < 0 { msOfDay += 86_400_000; days -= 1 }
        let (h, mi, s, milli) = (msOfDay / 3_600_000, (msOfDay / 60_000) % 60, (msOfDay / 1000) % 60, msOfDay % 1000)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return ("\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)).\(pad(milli, 3))Z",
                "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2)) \(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)).\(pad(milli, 3)) +0000 UTC",
                "\(pad(m, 2))/\(pad(d, 2))/\(pad(y, 4)) \(h):\(mi):\(s)")
    }

    @Test func stylesAsBefore() {
        var ms: Int64 = 0
        var checked = 0
        // From 1970 to past 2100 in uneven steps, plus the anchor and the last millisecond of days.
        let samples: [Int64] = [0, 999, 86_399_999, Timestamp.anchorMs, 951_782_400_000, 4_107_542_399_999]
        while ms < 4_200_000_000_000 || checked < samples.count {
            let value = checked < samples.count ? samples[checked] : ms
            let expected = Self.before(value)
            #expect(Timestamp.iso(value) == expected.iso)
            #expect(Timestamp.go(value) == expected.go)
            #expect(Timestamp.slashed(value) == expected.slashed)
            if checked >= samples.count { ms += 7_777_777_777 }
            checked += 1
        }
        #expect(checked > 500)
    }

    @Test func mdnsAsBefore() {
        let catalog = DeviceCatalog(count: 3_000, seed: 11, content: DeviceContentFaults())
        for imei in catalog.imeis {
            let h = catalog.hash(imei, 3)
            let area = DeviceCatalog.areaCodes[Int(h % UInt64(DeviceCatalog.areaCodes.count))]
            let line = String((h >> 20) % 10_000)
            let before = String(area) + String(200 + (h >> 8) % 800) + String(repeating: "0", count: 4 - line.count) + line
            #expect(catalog.mdn(of: imei) == before)
        }
    }
}
