import Foundation
import Testing
@testable import ThingSpaceAPI

/// `LenientUTF8.isValid` skips ASCII eight bytes at a time; it must still say what the standard
/// library's decoder says, wherever a multi-byte or broken sequence falls against those words.
@Suite struct LenientUTF8WordTests {
    /// Valid when decoding and encoding again gives the same bytes (no U+FFFD was put in).
    static func validByReference(_ bytes: [UInt8]) -> Bool {
        Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
    }

    static let pieces: [[UInt8]] = [
        Array("a".utf8), Array("plain ASCII text".utf8), Array("é".utf8), Array("华".utf8), Array("📡".utf8),
        [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x80], [0xE4, 0xB8], [0xF0, 0x9F, 0x93],
        [0x7F], [0x00],
    ]

    @Test func wordsAgreeWithTheDecoder() {
        var state: UInt64 = 0x0075_7466_38
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var valid = 0, invalid = 0
        for n in 0..<20_000 {
            // Mostly valid pieces, so that both answers are common; lengths around the 8-byte words.
            let choices = n % 2 == 0 ? 5 : Self.pieces.count
            let bytes = (0..<(next() % 12)).flatMap { _ in Self.pieces[next() % choices] }
            let expected = Self.validByReference(bytes)
            #expect(LenientUTF8.isValid(Data(bytes)) == expected, "\(bytes)")
            if expected { valid += 1 } else { invalid += 1 }
        }
        #expect(valid > 5_000 && invalid > 5_000)
    }
}
