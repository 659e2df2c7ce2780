import Foundation
import Testing
@testable import ThingSpaceAPI

func fixture(_ name: String) throws -> Data {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return try Data(contentsOf: url)
}

/// The reference's example bodies decode, byte for byte as documented (the files are copied verbatim
/// from THINGSPACE-API.md; `license-summary-v1.json` is the v3 example in the v1 shape the doc describes).
@Suite struct GoldenFixtureTests {
    @Test func v1AssignResponse() throws {
        let r = try JSONDecoder().decode(V1.LicenseResponse.self, from: fixture("v1-assign-response.json"))
        #expect(r.accountName == "0242078689-00001")
        #expect(r.licCount == 9000)
        #expect(r.licUsedCount == 1002)
        #expect(r.deviceList == [
            V1.DeviceStatus(deviceId: "352099001761481", status: "LicenseAssignSuccess", reason: "Success"),
            V1.DeviceStatus(deviceId: "356938035643809", status: "LicenseAssignSuccess", reason: "Success"),
        ])
        let neutral = try V1Dialect().decodeLicenseResponse(fixture("v1-assign-response.json"))
        #expect(neutral.counts == LicenseCounts(total: 9000, used: 1002))
        #expect(neutral.devices.map { DeviceResult(operation: .assign, line: $0).outcome } == [.success, .success])
    }

    @Test func v1RemoveResponseKeepsUnknownStatusesVerbatim() throws {
        let r = try V1Dialect().decodeLicenseResponse(fixture("v1-remove-response.json"))
        #expect(r.devices[1] == DeviceStatusLine(deviceId: "867233031245789", status: "LicenseRemoveFailed",
                                                 reason: "No license attached to device"))
        let outcomes = r.devices.map { DeviceResult(operation: .remove, line: $0).outcome }
        #expect(outcomes == [.success, .notLicensed])
    }

    @Test func v1AssignRequestMatchesOurEncoding() throws {
        let decoded = try JSONDecoder().decode(V1.DeviceListRequest.self, from: fixture("v1-assign-request.json"))
        #expect(decoded.deviceList == ["352099001761481", "356938035643809"])
        let ours = try JSONSerialization.jsonObject(with: JSONEncoder().encode(decoded)) as? [String: [String]]
        #expect(ours == ["deviceList": ["352099001761481", "356938035643809"]])
    }

    @Test func licenseSummaryNumericAndStringCursor() throws {
        let v1 = try V1Dialect().decodeLicenseSummary(fixture("license-summary-v1.json"))
        #expect(v1.counts == LicenseCounts(total: 5000, used: 4319))
        #expect(v1.lastSeenDeviceId == "356938035643809")
        #expect(v1.hasMoreData)
        #expect(v1.licensedDevices.map(\.assignmentTime) == ["2024-03-11T16:03:42.000Z", "2024-03-11 16:05:10.118 +0000 UTC"])
        // The documented example (v3 shape, string cursor, extra maxPageSize) also decodes: unknown fields are ignored.
        let v3shape = try V1Dialect().decodeLicenseSummary(fixture("license-summary-v3.json"))
        #expect(v3shape.lastSeenDeviceId == "356938035643809")
    }

    @Test func v1DeviceList() throws {
        let page = try V1Dialect().decodeDeviceList(fixture("v1-device-list.json"))
        #expect(page.hasMoreData == false)
        #expect(page.lastSeenDeviceId == nil)   // 0 means no more data
        #expect(page.devices == [DeviceInfo(deviceId: "352099001761481", mdn: "2025550143", make: "SEQUANS COMMUNICATIONS",
                                            model: "GM01Q", firmware: "SR1.2.0.0-10657", fotaEligible: true,
                                            licenseAssigned: true, upgradeTime: "01/01/1900 0:0:0")])
    }

    @Test func errorEnvelopes() throws {
        let fota = ResponseDecoding.error(for: HTTPResponse(status: 400, body: try fixture("fota-error.json")), redactor: Redactor(secrets: []))
        #expect(fota == .fota(status: 400, code: "INVALID_PARAMETER", message: "Invalid account name format"))
        let gw = ResponseDecoding.error(for: HTTPResponse(status: 400, body: try fixture("gateway-fault-900906.json")), redactor: Redactor(secrets: []))
        #expect(gw.code == "900906")
        #expect(gw.description.contains("No matching resource found"))
    }

    @Test func tokenAndSession() throws {
        let token = try JSONDecoder().decode(OAuthTokenResponse.self, from: fixture("oauth-token.json"))
        #expect(token.access_token == "7a2f0c4e-91b3-3d5e-b0a1-6c2e9f0d4b11")
        #expect(token.expires_in == 3600)
        let session = try JSONDecoder().decode(SessionTokenResponse.self, from: fixture("session-login-response.json"))
        #expect(session.sessionToken == "bcce3ea6-fe4f-4952-bacf-eadd80718e83")
    }

    @Test func v3AssignResponseReasonIsNotV1Reason() throws {
        // v3 calls the reason `resultReason`; the v1 decoder keeps the status and an empty reason.
        let r = try V1Dialect().decodeLicenseResponse(fixture("v3-assign-response.json"))
        #expect(r.devices.map(\.status) == ["Success", "Failure"])
        #expect(r.devices.map(\.reason) == ["", ""])
    }
}

@Suite struct DecodingErrorTests {
    @Test func malformedJSONNamesTheProblem() {
        #expect(throws: ThingSpaceError.decoding(what: "the licence response", detail: "the body is not valid JSON")) {
            try V1Dialect().decodeLicenseResponse(Data("{\"accountName\": ".utf8))
        }
    }

    @Test func missingFieldIsNamed() {
        let body = Data(#"{"accountName":"0242078689-00001","licCount":9000,"deviceList":[]}"#.utf8)
        #expect(throws: ThingSpaceError.decoding(what: "the licence response", detail: "field \"licUsedCount\" is missing")) {
            try V1Dialect().decodeLicenseResponse(body)
        }
    }

    @Test func wrongTypeIsNamedWithItsPath() {
        let body = Data(#"{"accountName":"a","licCount":1,"licUsedCount":1,"deviceList":[{"deviceId":352099001761481,"status":"x"}]}"#.utf8)
        do {
            _ = try V1Dialect().decodeLicenseResponse(body)
            Issue.record("decoded a numeric deviceId")
        } catch {
            #expect(error.description.contains("deviceList[0].deviceId"))
            #expect(error.description.contains("not a string"))
        }
    }

    @Test func hostileErrorTextIsCleanedAndBounded() {
        let evil = "{\"errorCode\":\"X\",\"errorMessage\":\"\u{1b}[2J\u{1b}]0;pwned\u{07}" + String(repeating: "A", count: 5000) + "\"}"
        let e = ResponseDecoding.error(for: HTTPResponse(status: 400, body: Data(evil.utf8)), redactor: Redactor(secrets: []))
        #expect(!e.description.contains("\u{1b}"))
        #expect(!e.description.contains("\u{07}"))
        #expect(e.description.count < 400)
    }

    @Test func unknownBodyGivesStatusAndExcerpt() {
        let e = ResponseDecoding.error(for: HTTPResponse(status: 502, body: Data("<html>Bad gateway</html>".utf8)), redactor: Redactor(secrets: []))
        #expect(e == .http(status: 502, excerpt: "<html>Bad gateway</html>"))
        #expect(e.isTransient)
    }

    @Test func secretsAreRedactedFromServerText() {
        let body = Data(#"{"errorCode":"E","errorMessage":"bad token s3cr3t-value here"}"#.utf8)
        let e = ResponseDecoding.error(for: HTTPResponse(status: 400, body: body), redactor: Redactor(secrets: ["s3cr3t-value"]))
        #expect(!e.description.contains("s3cr3t-value"))
    }

    @Test func sessionExpiredMatchesCodeNotMessage() {
        #expect(ThingSpaceError.fota(status: 400, code: "UnifiedWebService.REQUEST_FAILED.SessionToken.Expired", message: "").isSessionExpired)
        #expect(ThingSpaceError.fota(status: 400, code: "REQUEST_FAILED.SessionToken.Expired", message: "x").isSessionExpired)
        #expect(!ThingSpaceError.fota(status: 400, code: "INVALID_PARAMETER", message: "The Session has expired.").isSessionExpired)
    }
}
