import Testing
import TerminalUI

@Suite struct ASCIIFallbackTests {
    @Test func boxDrawing() {
        #expect(ASCIIFallback.string("┌──┬─┐") == "+--+-+")
        #expect(ASCIIFallback.string("│ ┃ ║") == "| | |")
        #expect(ASCIIFallback.string("╭─╮╰─╯") == "+-++-+")
        #expect(ASCIIFallback.string("├┤┼╋═") == "++++-")
    }

    @Test func blocksArrowsAndPunctuation() {
        #expect(ASCIIFallback.string("█▉▌▀▄") == "#####")
        #expect(ASCIIFallback.string("░▒▓") == ".:%")
        #expect(ASCIIFallback.string("←→↑↓") == "<>^v")
        #expect(ASCIIFallback.string("▲▼◀▶") == "^v<>")
        #expect(ASCIIFallback.string("…") == "~")
        #expect(ASCIIFallback.string("✓✗•–—“”’") == "vx*--\"\"'")
        #expect(ASCIIFallback.string("Zoë Müller") == "Zoe Muller")
        #expect(ASCIIFallback.string("⠋") == "*")
        #expect(ASCIIFallback.string("日") == "?")
    }

    @Test func asciiPassesThroughAndControlsBecomeSpaces() {
        let printable = String((0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) })
        #expect(ASCIIFallback.string(printable) == printable)
        #expect(ASCIIFallback.string("a\tb\u{7}") == "a b ")
    }

    @Test func everyResultIsOnePrintableASCIICharacter() {
        let ranges: [ClosedRange<UInt32>] = [0x80...0x2FF, 0x2000...0x2BFF, 0x3000...0x30FF, 0x1F300...0x1F3FF]
        for range in ranges {
            for v in range {
                guard let scalar = Unicode.Scalar(v) else { continue }
                let mapped = ASCIIFallback.character(for: Character(scalar))
                let ascii = mapped.asciiValue
                #expect(ascii != nil && ascii! >= 0x20 && ascii! < 0x7F, "U+\(String(v, radix: 16))")
            }
        }
    }
}
