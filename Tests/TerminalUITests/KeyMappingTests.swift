import CNcurses
import Drawing
import Testing
import TerminalUI

@Suite struct KeyMappingTests {
    @Test func functionKeyCodes() {
        #expect(KeyMapping.key(forKeyCode: KEY_UP) == .up)
        #expect(KeyMapping.key(forKeyCode: KEY_DOWN) == .down)
        #expect(KeyMapping.key(forKeyCode: KEY_LEFT) == .left)
        #expect(KeyMapping.key(forKeyCode: KEY_RIGHT) == .right)
        #expect(KeyMapping.key(forKeyCode: KEY_PPAGE) == .pageUp)
        #expect(KeyMapping.key(forKeyCode: KEY_NPAGE) == .pageDown)
        #expect(KeyMapping.key(forKeyCode: KEY_HOME) == .home)
        #expect(KeyMapping.key(forKeyCode: KEY_END) == .end)
        #expect(KeyMapping.key(forKeyCode: KEY_ENTER) == .enter)
        #expect(KeyMapping.key(forKeyCode: KEY_BACKSPACE) == .backspace)
        #expect(KeyMapping.key(forKeyCode: KEY_DC) == .delete)
        #expect(KeyMapping.key(forKeyCode: KEY_BTAB) == .backTab)
        for n in 1...12 {
            #expect(KeyMapping.key(forKeyCode: ts_KEY_F(Int32(n))) == .function(n))
        }
        #expect(KeyMapping.key(forKeyCode: ts_KEY_F(13)) == nil)
        #expect(KeyMapping.key(forKeyCode: KEY_MOUSE) == nil)
    }

    @Test func characterCodes() {
        #expect(KeyMapping.key(forCharacter: 13) == .enter)
        #expect(KeyMapping.key(forCharacter: 10) == .enter)
        #expect(KeyMapping.key(forCharacter: 9) == .tab)
        #expect(KeyMapping.key(forCharacter: 127) == .backspace)
        #expect(KeyMapping.key(forCharacter: 8) == .backspace)
        #expect(KeyMapping.key(forCharacter: 27) == .escape)
        #expect(KeyMapping.key(forCharacter: 3) == .ctrl("c"))
        #expect(KeyMapping.key(forCharacter: 1) == .ctrl("a"))
        #expect(KeyMapping.key(forCharacter: 12) == .ctrl("l"))
        #expect(KeyMapping.key(forCharacter: 26) == .ctrl("z"))
        #expect(KeyMapping.key(forCharacter: 0) == nil)
        #expect(KeyMapping.key(forCharacter: 0x1F) == nil)
        #expect(KeyMapping.key(forCharacter: 32) == .char(" "))
        #expect(KeyMapping.key(forCharacter: UInt32(UInt8(ascii: "q"))) == .char("q"))
        #expect(KeyMapping.key(forCharacter: 0xE9) == .char("é"))
        #expect(KeyMapping.key(forCharacter: 0x85) == nil)
    }
}
