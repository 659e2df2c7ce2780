import Foundation
import ThingSpaceAPI

/// A ThingSpace gateway answered in the same process, from answers made beforehand: what a
/// request costs the client itself, without a network or a server.
struct InProcessTransport: HTTPTransport {
    /// Assign answers by the first IMEI of their batch.
    let assignAnswers: [String: Data]
    let devicePage: Data

    static let token = Data(#"{"access_token":"bench-token","token_type":"Bearer","expires_in":3600}"#.utf8)
    static let session = Data(#"{"sessionToken":"bench-session"}"#.utf8)

    init(batches: [[String]] = [], devicePage: Data = Data()) {
        var answers: [String: Data] = [:]
        for batch in batches {
            let lines = batch.map { #"{"deviceId":"\#($0)","status":"LicenseAssignSuccess","Reason":"Success"}"# }
            let body = #"{"accountName":"0242078689-00001","licCount":1000000,"licUsedCount":10000,"deviceList":["#
                + lines.joined(separator: ",") + "]}"
            answers[batch[0]] = Data(body.utf8)
        }
        assignAnswers = answers
        self.devicePage = devicePage
    }

    func send(_ request: HTTPRequest, timeout: Double) async throws(ThingSpaceError) -> HTTPResponse {
        let path = request.url.path
        if path.hasSuffix("/oauth2/token") { return HTTPResponse(status: 200, body: Self.token) }
        if path.hasSuffix("/session/login") { return HTTPResponse(status: 200, body: Self.session) }
        if path.contains("/devices/") { return HTTPResponse(status: 200, body: devicePage) }
        // {"deviceList":["<first IMEI>",...
        if let body = request.body, body.count > 31,
           let answer = assignAnswers[String(decoding: body[body.startIndex + 16..<body.startIndex + 31], as: UTF8.self)] {
            return HTTPResponse(status: 200, body: answer)
        }
        return HTTPResponse(status: 400, body: Data(#"{"errorCode":"INVALID_PARAMETER","errorMessage":"unknown batch"}"#.utf8))
    }

    func client() -> ThingSpaceClient {
        ThingSpaceClient(configuration: ClientConfiguration(
            baseURL: URL(string: "http://127.0.0.1:9")!, account: "0242078689-00001",
            credentials: Credentials(appKey: "key", appSecret: Secret("secret"), username: "user", password: Secret("pass"))),
            transport: self)
    }
}
