import HTTPTypes
import Hummingbird
import NIOCore

/// Response bodies, written from literal ThingSpace field names.
enum WireResponses {
    static func json(_ status: HTTPResponse.Status, _ value: JSONValue, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: bytes(value.utf8)))
    }

    /// The body's bytes; where a device carries the invalid-UTF-8 fault, its marker becomes the
    /// invalid bytes (`DeviceContentFaults`), which no Swift string can hold.
    static func bytes(_ text: String) -> ByteBuffer { bytes(Array(text.utf8)) }

    static func bytes(_ utf8: [UInt8]) -> ByteBuffer {
        let marker = Array(DeviceContentFaults.invalidMarker.utf8)
        guard utf8.contains(marker[0]), let first = utf8.firstRange(of: marker) else { return ByteBuffer(bytes: utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var rest = utf8[...]
        var range: Range<Int>? = first
        while let r = range {
            out += rest[..<r.lowerBound]
            out += DeviceContentFaults.invalidBytes
            rest = rest[r.upperBound...]
            range = rest.firstRange(of: marker)
        }
        out += rest
        return ByteBuffer(bytes: out)
    }

    /// WSO2 gateway fault: `{"fault":{"code":"900901","message":...,"description":...}}` (code is a string).
    static func gatewayFault(_ status: Int, code: String, message: String, description: String, headers: HTTPFields = [:]) -> Response {
        json(
            HTTPResponse.Status(code: status),
            .object([
                ("fault", .object([("code", .string(code)), ("message", .string(message)), ("description", .string(description))]))
            ]),
            headers: headers
        )
    }

    /// The FOTA / UWS error envelope: HTTP 400 `{"errorCode":...,"errorMessage":...}`.
    static func errorEnvelope(_ code: String, _ message: String, status: Int = 400) -> Response {
        json(HTTPResponse.Status(code: status), .object([("errorCode", .string(code)), ("errorMessage", .string(message))]))
    }

    static func invalidParameter(_ message: String) -> Response {
        errorEnvelope("INVALID_PARAMETER", message)
    }

    static func missingCredentials(basic: Bool) -> Response {
        gatewayFault(
            401, code: "900902", message: "Missing Credentials",
            description: basic
                ? "Required OAuth credentials not provided. Make sure your token request has a header: 'Authorization: Basic base64(key:secret)'"
                : "Required OAuth credentials not provided. Make sure your API invocation call has a header: 'Authorization: Bearer ACCESS_TOKEN'"
        )
    }

    static let invalidCredentials = gatewayFault(
        401, code: "900901", message: "Invalid Credentials",
        description: "Access failure for API, version. Make sure you have given the correct access token"
    )

    static let expiredToken = gatewayFault(
        401, code: "900903", message: "Access Token Expired",
        description: "Access failure for API, version. The access token has expired; request a new one"
    )

    static let noMatchingResource = gatewayFault(
        400, code: "900906", message: "No matching resource found in the API for the given request",
        description: "Access failure for API. Check the API documentation and add a proper REST resource path to the invocation URL"
    )

    static func throttled(retryAfter: Int) -> Response {
        var headers = HTTPFields()
        headers[HTTPField.Name("Retry-After")!] = String(retryAfter)
        return gatewayFault(
            429, code: "900800", message: "Message throttled out",
            description: "You have exceeded your quota. Retry after \(retryAfter) seconds", headers: headers
        )
    }

    static func serverError(_ status: Int) -> Response {
        if status == 503 {
            return gatewayFault(503, code: "101503", message: "Runtime Error", description: "Error connecting to the back end")
        }
        return errorEnvelope("INTERNAL_SERVER_ERROR", "Internal server error (simulated)", status: status)
    }

    static let sessionMissing = errorEnvelope(
        "UnifiedWebService.REQUEST_FAILED.SessionToken.Invalid", "The session token is missing. Send the VZ-M2M-Token header."
    )
    static let sessionInvalid = errorEnvelope(
        "UnifiedWebService.REQUEST_FAILED.SessionToken.Invalid", "The session token is invalid."
    )
    static let sessionExpired = errorEnvelope(
        "UnifiedWebService.REQUEST_FAILED.SessionToken.Expired", "The Session has expired."
    )
}
