import Testing
@testable import ThingSpaceAPI

@Suite struct IMEITests {
    @Test(arguments: ["352099001761481", "356938035643809", "990008629123451", "867233031245789"])
    func documentedValidIMEIs(_ s: String) throws {
        #expect(try IMEI(s).value == s)
        #expect(IMEI.validate(s, luhn: .error) == .valid(IMEI(unchecked: s)!))
    }

    @Test func badCheckDigitIsAWarningByDefaultAndAnErrorOnRequest() {
        let s = "990008629123452"
        #expect(IMEI.validate(s) == .validWithWarning(IMEI(unchecked: s)!, .badCheckDigit(expected: 1, found: 2)))
        #expect(IMEI.validate(s, luhn: .error) == .invalid(.badCheckDigit(expected: 1, found: 2)))
        #expect(IMEI.validate(s, luhn: .ignore) == .valid(IMEI(unchecked: s)!))
    }

    @Test(arguments: [
        ("", IMEI.Problem.empty),
        ("35209900176148", .wrongLength(14)),
        ("3520990017614810", .wrongLength(16)),
        ("35209900176148a", .nonDigit("a")),
        ("３５２０９９００１７６１４８１", .nonDigit("３")),
        ("352099 01761481", .nonDigit(" ")),
    ])
    func shapeProblems(_ input: String, _ problem: IMEI.Problem) {
        #expect(IMEI.validate(input) == .invalid(problem))
    }

    @Test func completingMakesValidIMEIs() throws {
        let imei = try #require(IMEI.completing(body: "35209900176148"))
        #expect(imei.value == "352099001761481")
        #expect(IMEI.completing(body: "1234") == nil)
    }

    @Test func accountNameFormat() {
        #expect(ClientConfiguration.accountNameProblem("0242078689-00001") == nil)
        #expect(ClientConfiguration.accountNameProblem("242078689-00001") != nil)
        #expect(ClientConfiguration.accountNameProblem("0242078689_00001") != nil)
        #expect(ClientConfiguration.accountNameProblem("0242078689-0000a") != nil)
    }

    @Test func accountPathKeepsLeadingZerosAndEscapes() {
        #expect(V1Dialect().licensePath(account: "0242078689-00001", operation: .assign) == "/api/fota/v1/licenses/0242078689-00001/assign")
        #expect(Endpoints.segment("a/b c") == "a%2Fb%20c")
    }
}
