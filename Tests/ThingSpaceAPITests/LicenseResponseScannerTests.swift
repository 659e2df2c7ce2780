import Foundation
import Testing
@testable import ThingSpaceAPI

/// The one-pass reader of assign/remove answers reads what `JSONDecoder` reads, and leaves
/// everything else to it.
@Suite struct LicenseResponseScannerTests {
    static let line = #"{"deviceId":"350000000000001","status":"LicenseAssignSuccess","Reason":"Success"}"#

    static let accepted: [String] = [
        #"{"accountName":"0242078689-00001","licCount":30000,"licUsedCount":100,"deviceList":[\#(line)]}"#,
        #"{"accountName":"a","licCount":0,"licUsedCount":-1,"deviceList":[]}"#,
        " \n{ \"deviceList\" : [ \(line) , \(line) ] ,\t\"licUsedCount\" : 7 , \"licCount\":9,\"accountName\":\"x\" }\r\n",
        // unknown fields of every kind, nested
        #"{"extra":{"a":[1,-2.5e+3,0.5,1E9,true,false,null,"x",{}],"b":[]},"n":0,"accountName":"a","licCount":1,"licUsedCount":0,"deviceList":[{"deviceId":"1","status":"s","more":{"k":[null]},"Reason":"r"}]}"#,
        // Reason null, missing, or spelt in lower case (not the field: ignored)
        #"{"accountName":"a","licCount":1,"licUsedCount":0,"deviceList":[{"deviceId":"1","status":"s","Reason":null},{"deviceId":"2","status":"s"},{"deviceId":"3","status":"s","reason":"lower"}]}"#,
        // escapes and non-ASCII text
        #"{"accountName":"a\/b","licCount":1,"licUsedCount":0,"deviceList":[{"deviceId":"1","status":"q\"b\\s\/n\nt\tr\rb\bf\f","Reason":"\u00e9\u4e2d\uD83C\uDF89 \u0001 é中🎉"}]}"#,
    ]

    static let refused: [String] = [
        #"{"accountName":"a","licCount":"5","licUsedCount":0,"deviceList":[]}"#,          // a string for a number
        #"{"accountName":"a","licCount":5.0,"licUsedCount":0,"deviceList":[]}"#,          // a fraction
        #"{"accountName":"a","licCount":1e3,"licUsedCount":0,"deviceList":[]}"#,          // an exponent
        #"{"accountName":"a","licCount":1234567890123456789,"licUsedCount":0,"deviceList":[]}"#,
        #"{"licCount":1,"licUsedCount":0,"deviceList":[]}"#,                              // no account
        #"{"accountName":"a","licCount":1,"licUsedCount":0,"deviceList":[{"status":"s"}]}"#, // no device id
        #"{"accountName":"a","licCount":1,"licUsedCount":0,"deviceList":[]}x"#,           // trailing text
        #"{"accountName":"a","accountName":"b","licCount":1,"licUsedCount":0,"deviceList":[]}"#,
        #"{"accountName":"\uD800","licCount":1,"licUsedCount":0,"deviceList":[]}"#,       // a lone surrogate
        #"{"accountName":"\uD83C \uDF89","licCount":1,"licUsedCount":0,"deviceList":[]}"#,
        #"{"accountName":"\q","licCount":1,"licUsedCount":0,"deviceList":[]}"#,           // an unknown escape
        "{\"accountName\":\"tab\there\",\"licCount\":1,\"licUsedCount\":0,\"deviceList\":[]}", // a raw control character
        #"{"x":01,"accountName":"a","licCount":1,"licUsedCount":0,"deviceList":[]}"#,     // not a JSON number
        #"{"x":-,"accountName":"a","licCount":1,"licUsedCount":0,"deviceList":[]}"#,
        #"{"x":tru,"accountName":"a","licCount":1,"licUsedCount":0,"deviceList":[]}"#,
        #"{"accountName":"a","licCount":1,"licUsedCount":0,"deviceList":[{"deviceId":"1","status":"s","Reason":5}]}"#,
        #"[]"#, "", "null",
    ]

    @Test(arguments: accepted)
    func readsWhatTheDecoderReads(_ body: String) throws {
        let data = Data(body.utf8)
        let decoded = try JSONDecoder().decode(V1.LicenseResponse.self, from: data)
        let scanned = try #require(LicenseResponseScanner.response(data), "read in one pass")
        #expect(scanned == decoded)
    }

    @Test(arguments: refused)
    func leavesEverythingElseToTheDecoder(_ body: String) {
        #expect(LicenseResponseScanner.response(Data(body.utf8)) == nil)
    }

    @Test func aRefusedAnswerStillGetsTheDecodersVerdict() throws {
        // A fraction the scanner leaves alone: the decoder's reading stands.
        let fraction = Data(#"{"accountName":"a","licCount":5.0,"licUsedCount":0,"deviceList":[]}"#.utf8)
        if let decoded = try? JSONDecoder().decode(V1.LicenseResponse.self, from: fraction) {
            #expect(try V1Dialect().decodeLicenseResponse(fraction).counts == LicenseCounts(total: decoded.licCount, used: 0))
        } else {
            #expect(throws: ThingSpaceError.self) { try V1Dialect().decodeLicenseResponse(fraction) }
        }
        // A wrong type: the decoder's error names the field.
        do {
            _ = try V1Dialect().decodeLicenseResponse(Data(Self.refused[0].utf8))
            Issue.record("a string licCount was accepted")
        } catch {
            #expect("\(error)".contains("licCount"))
        }
    }
}
