import Drawing
import Testing

@Suite struct TextSanitizerTests {
    @Test(arguments: [
        ("a\u{1B}[31mb\u{1B}[0mc", "abc"),                                      // CSI (SGR)
        ("\u{1B}[2J\u{1B}[Hx", "x"),                                             // clear screen, home
        ("\u{1B}[?1049hy", "y"),                                                 // private CSI
        ("\u{1B}]0;PWNED-TITLE\u{07}Sequans", "Sequans"),                        // OSC ended by BEL
        ("\u{1B}]52;c;cHduZWQ=\u{1B}\\ok", "ok"),                                // OSC ended by ESC backslash
        ("a\u{1B}P+q544e\u{1B}\\b", "ab"),                                        // DCS
        ("a\u{1B}Xsos\u{1B}\\b\u{1B}^pm\u{1B}\\c\u{1B}_apc\u{1B}\\d", "abcd"),  // SOS, PM, APC
        ("\u{9B}31mGM01Q\u{9B}0m", "GM01Q"),                                     // 8-bit CSI
        ("\u{9D}0;title\u{9C}x", "x"),                                           // 8-bit OSC ended by 8-bit ST
        ("\u{90}dcs\u{9C}y\u{9F}apc\u{9C}z", "yz"),                              // 8-bit DCS and APC
        ("\u{1B}]0;title\u{07}\u{9D}x\u{07}", ""),                               // 8-bit OSC ended by BEL
        ("\u{1B}(Bq\u{1B}7r\u{1B}cs", "qrs"),                                     // charset designation, short forms
        ("keep\u{1B}]0;cut off at the end", "keep"),                             // OSC cut at end of text
        ("keep\u{1B}[12;3", "keep"),                                              // CSI cut at end of text
        ("keep\u{9B}", "keep"),                                                   // 8-bit CSI alone at the end
        ("keep\u{1B}", "keep"),                                                   // lone ESC at the end
        ("a\u{1B}]0;x\u{18}b", "ab"),                                             // CAN ends a string
        ("a\u{1B}\u{1B}[1mb", "ab"),                                              // ESC ESC [
    ])
    func escapeSequencesGoWhole(input: String, expected: String) {
        #expect(TextSanitizer.clean(input) == expected)
    }

    @Test func controlsAndBidiGo() {
        #expect(TextSanitizer.clean("a\u{7}b\u{0}c\u{7F}d\u{80}e\u{9C}f") == "abcdef")
        #expect(TextSanitizer.clean("a\tb\nc\r\nd\u{85}e") == "a b c  d e")
        #expect(TextSanitizer.clean("TELIT \u{202E}DECREVER\u{202C}") == "TELIT DECREVER")
        #expect(TextSanitizer.clean("\u{2066}x\u{2069}\u{2067}y\u{2068}z\u{200E}\u{200F}\u{61C}\u{202A}\u{202B}\u{202D}")
                == "xyz")
    }

    @Test func textAndMarksStay() {
        for text in ["华为技术", "模组📡BG96", "e\u{301}", "👨‍👩‍👧", "naïve café", "a\u{200D}b", "plain ASCII 123"] {
            #expect(TextSanitizer.clean(text) == text)
        }
    }

    @Test func nothingTheSanitiserKeepsNeedsAttention() {
        let hostile = "\u{1B}]0;T\u{07}\u{9B}2J\u{202E}x\u{0}\u{7F}\u{1B}P\u{1B}\\y\u{9D}"
        let clean = TextSanitizer.clean(hostile)
        #expect(clean == "xy")
        let unsafe = clean.unicodeScalars.filter { TextSanitizer.needsAttention($0) }
        #expect(unsafe.isEmpty)
    }

    @Test func jsonKeepsTextButEscapesControls() {
        let encoded = #"{"make":"\u001b]0;T\u0007"# + "\u{9B}x\u{7F}\u{202E}y\u{2066}" + #"","n":"漢"}"#
        let safe = JSONSafety.escapingControls(encoded)
        #expect(safe == #"{"make":"\u001b]0;T\u0007\u009bx\u007f\u202ey\u2066","n":"漢"}"#)
        #expect(JSONSafety.escapingControls("[\n  \"plain\"\n]") == "[\n  \"plain\"\n]")   // structure untouched
    }

    @Test func charsetFollowsTheLocale() {
        #expect(TextCharset.from(environment: ["LANG": "C.UTF-8"]) == .utf8)
        #expect(TextCharset.from(environment: ["LANG": "en_US.utf8"]) == .utf8)
        #expect(TextCharset.from(environment: ["LANG": "C"]) == .ascii)
        #expect(TextCharset.from(environment: [:]) == .ascii)
        #expect(TextCharset.from(environment: ["LC_ALL": "C", "LANG": "C.UTF-8"]) == .ascii)
        #expect(TextCharset.from(environment: ["LC_ALL": "", "LC_CTYPE": "de_DE.UTF-8", "LANG": "C"]) == .utf8)
    }
}
