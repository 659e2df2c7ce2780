import Testing
@testable import ThingSpaceSimulator

@Suite("hostile device content")
struct DeviceContentFaultTests {
    @Test func overridesTurnEachFaultOn() throws {
        var o = SimulatorOverrides()
        o.deviceContent = DeviceContentFaults(escapeSequences: true, wideText: true)
        let c = try SimulatorConfiguration().applying(o)
        #expect(c.deviceContent == DeviceContentFaults(escapeSequences: true, wideText: true))
        #expect(c.deviceContent.kinds == [.escapeSequences, .wideText])
        #expect(try SimulatorConfiguration().applying(SimulatorOverrides()).deviceContent.kinds.isEmpty)
    }

    @Test func theFaultsSitAtFixedPositionsAndOnlyWhenOn() {
        let plain = DeviceCatalog(count: 50, seed: 3)
        let hostile = DeviceCatalog(count: 50, seed: 3, content: .all)
        #expect(plain.imeis == hostile.imeis)
        for kind in DeviceContentFaults.Kind.allCases {
            let imei = hostile.imeis[kind.position]
            #expect(hostile.hostile[imei] == kind)
            #expect(hostile.model(of: imei).make == DeviceContentFaults.model(for: kind).make)
            #expect(plain.model(of: imei).make != DeviceContentFaults.model(for: kind).make)
        }
        #expect(hostile.hostile.count == 4)
        #expect(hostile.model(of: hostile.imeis[0]).make == plain.model(of: plain.imeis[0]).make)
        // Fewer devices than positions: the faults beyond the list are left out.
        #expect(DeviceCatalog(count: 3, seed: 3, content: .all).hostile.count == 2)
        var configuration = SimulatorConfiguration()
        configuration.devices = 50
        configuration.seed = 3
        configuration.deviceContent = .all
        let ids = DeviceContentFaults.deviceIds(for: configuration)
        #expect(ids.count == 4)
        #expect(ids[.invalidUTF8] == IMEICheck.string(hostile.imeis[1]))
    }

    @Test func theInvalidBytesReplaceTheMarkerOnTheWire() {
        let body = JSONValue.object([("model", .string("BG96" + DeviceContentFaults.invalidMarker + "X")),
                                     ("other", .string("ok"))]).serialized
        let buffer = WireResponses.bytes(body)
        let bytes = Array(buffer.readableBytesView)
        #expect(bytes == Array(#"{"model":"BG96"#.utf8) + DeviceContentFaults.invalidBytes + Array(#"X","other":"ok"}"#.utf8))
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        #expect(Array(WireResponses.bytes("{\"plain\":1}").readableBytesView) == Array("{\"plain\":1}".utf8))
    }
}
