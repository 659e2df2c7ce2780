import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Routes requests by hand (not with `Router`), so unknown paths and methods answer like the
/// ThingSpace gateway (400 fault 900906) and the v1 double-slash variant (`/api/fota/v1//licenses/...`)
/// works: empty path segments are ignored.
struct SimulatorResponder: HTTPResponder {
    typealias Context = SimulatorRequestContext

    let state: SimulatorState
    let connections: ConnectionRegistry

    static let sessionHeader = HTTPField.Name("VZ-M2M-Token")!
    static let maxBodyBytes = 16 << 20

    enum Route {
        case token, login, logout
        case summary(account: Substring, index: Substring)
        case deviceList(account: Substring, index: Substring)
        case batch(LicenseLedger.Operation, account: Substring)
        case subscription(account: Substring)
        case summaryV3(account: Substring, index: Substring?)
        case deviceListV3(account: Substring)
        case deviceQueryV3(account: Substring)
        case batchV3(LicenseLedger.Operation, account: Substring)
        case unknown
    }

    static func route(method: HTTPRequest.Method, path: String) -> Route {
        let s = path.split(separator: "/", omittingEmptySubsequences: true)
        if let v3 = routeV3(method: method, segments: s) { return v3 }
        switch (method, s.count) {
        case (.post, 5) where s[0] == "api" && s[1] == "ts" && s[2] == "v1" && s[3] == "oauth2" && s[4] == "token":
            return .token
        case (.post, 5) where s[0] == "api" && s[1] == "m2m" && s[2] == "v1" && s[3] == "session" && s[4] == "login":
            return .login
        case (.post, 5) where s[0] == "api" && s[1] == "m2m" && s[2] == "v1" && s[3] == "session" && s[4] == "logout":
            return .logout
        case (.get, 7) where s[0] == "api" && s[1] == "fota" && s[2] == "v1" && s[5] == "index":
            if s[3] == "licenses" { return .summary(account: s[4], index: s[6]) }
            if s[3] == "devices" { return .deviceList(account: s[4], index: s[6]) }
            return .unknown
        case (.post, 6) where s[0] == "api" && s[1] == "fota" && s[2] == "v1" && s[3] == "licenses":
            if s[5] == "assign" { return .batch(.assign, account: s[4]) }
            if s[5] == "remove" { return .batch(.remove, account: s[4]) }
            return .unknown
        default:
            return .unknown
        }
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        connections.track(context.channel)
        if await state.isDead { return await closeWithoutAnswer(context) }
        if await state.isSilent {
            // Accepted, never answered: waits without a thread until the server stops.
            await state.countSilent()
            await state.hangUntilShutdown()
            return await closeWithoutAnswer(context)
        }
        switch Self.route(method: request.method, path: request.uri.path) {
        case .token:
            return await token(request)
        case .login:
            return await login(request)
        case .logout:
            return await logout(request)
        case .summary(let account, let index):
            await state.count(.summary)
            return await fota(request, context, account: account, isBatch: false) {
                await summary(account: account, index: index)
            }
        case .deviceList(let account, let index):
            await state.count(.deviceList)
            return await fota(request, context, account: account, isBatch: false) {
                await deviceList(account: account, index: index)
            }
        case .batch(let operation, let account):
            await state.count(operation == .assign ? .assign : .remove)
            return await fota(request, context, account: account, isBatch: true) {
                await batch(operation, request, account: account)
            }
        case .subscription, .summaryV3, .deviceListV3, .deviceQueryV3, .batchV3:
            let route = Self.route(method: request.method, path: request.uri.path)
            return await respondV3(route, request, context) ?? WireResponses.noMatchingResource
        case .unknown:
            await delay()
            return WireResponses.noMatchingResource
        }
    }

    // MARK: Auth

    private func token(_ request: Request) async -> Response {
        await state.count(.token)
        await delay()
        guard let credentials = Self.basicCredentials(request.headers[.authorization]) else {
            return WireResponses.missingCredentials(basic: true)
        }
        let configuration = state.configuration
        guard credentials.key == configuration.appKey, credentials.secret == configuration.appSecret else {
            return WireResponses.invalidCredentials
        }
        let form = Self.formFields(await Self.bodyText(request) ?? "")
        guard let grant = form["grant_type"], !grant.isEmpty else {
            return WireResponses.json(
                .badRequest,
                .object([("error", .string("invalid_request")), ("error_description", .string("Missing grant_type parameter value"))])
            )
        }
        guard grant == "client_credentials" else {
            return WireResponses.json(
                .badRequest,
                .object([("error", .string("unsupported_grant_type")), ("error_description", .string("Unsupported grant_type value"))])
            )
        }
        let issued = await state.issueToken()
        return WireResponses.json(
            .ok,
            .object([
                ("access_token", .string(issued.token)),
                ("scope", .string("am_application_scope default")),
                ("token_type", .string("Bearer")),
                ("expires_in", .int(issued.expiresIn)),
            ])
        )
    }

    private struct LoginBody: Decodable {
        var username: String?
        var password: String?
    }

    private func login(_ request: Request) async -> Response {
        await state.count(.login)
        await delay()
        if let failure = await checkBearer(request) { return failure }
        guard let data = await Self.bodyData(request),
            let body = try? JSONDecoder().decode(LoginBody.self, from: data),
            let username = body.username, let password = body.password
        else {
            return WireResponses.errorEnvelope(
                "UnifiedWebService.INPUT_INVALID", "The request body must be JSON with username and password."
            )
        }
        switch await state.login(username: username, password: password) {
        case .ok(let sessionToken):
            return WireResponses.json(.ok, .object([("sessionToken", .string(sessionToken))]))
        case .badCredentials:
            return WireResponses.errorEnvelope(
                "UnifiedWebService.REQUEST_FAILED.InvalidCredentials", "Invalid username or password."
            )
        case .locked:
            return WireResponses.errorEnvelope(
                "UnifiedWebService.REQUEST_FAILED.AccountLocked",
                "The user is locked after 5 consecutive failed logins. Contact Verizon support to unlock it."
            )
        }
    }

    private func logout(_ request: Request) async -> Response {
        await state.count(.logout)
        await delay()
        if let failure = await checkBearer(request) { return failure }
        switch await state.logout(request.headers[Self.sessionHeader]) {
        case .ok(let sessionToken):
            return WireResponses.json(.ok, .object([("sessionToken", .string(sessionToken))]))
        case .missing:
            return WireResponses.sessionMissing
        case .invalid:
            return WireResponses.sessionInvalid
        case .expired:
            return WireResponses.sessionExpired
        }
    }

    private func checkBearer(_ request: Request) async -> Response? {
        switch await state.checkBearer(Self.bearerToken(request.headers[.authorization])) {
        case .ok: return nil
        case .missing: return WireResponses.missingCredentials(basic: false)
        case .invalid: return WireResponses.invalidCredentials
        case .expired: return WireResponses.expiredToken
        }
    }

    // MARK: FOTA

    /// Common steps of every FOTA request: latency, bearer (401), injected faults,
    /// session (400), account (400); then `body`.
    func fota(
        _ request: Request, _ context: Context, account: Substring, isBatch: Bool,
        body: () async -> Response
    ) async -> Response {
        await delay()
        if let failure = await checkBearer(request) { return failure }
        let decision = await state.decideFault(isBatch: isBatch)
        switch decision {
        case .none, .loseAnswer, .hangAfterApply:
            break   // the last two act after the batch is applied
        case .drop:
            return await closeWithoutAnswer(context)
        case .rateLimit(let retryAfter):
            return WireResponses.throttled(retryAfter: retryAfter)
        case .serverError(let status):
            return WireResponses.serverError(status)
        }
        switch await state.useSession(request.headers[Self.sessionHeader]) {
        case .ok: break
        case .missing: return WireResponses.sessionMissing
        case .invalid: return WireResponses.sessionInvalid
        case .expired: return WireResponses.sessionExpired
        }
        guard SimulatorConfiguration.isValidAccountName(account) else {
            return WireResponses.invalidParameter("Invalid account name format")
        }
        guard account == state.configuration.account else {
            return WireResponses.invalidParameter("Account not found: \(account)")
        }
        let response = await body()
        switch decision {
        case .loseAnswer:
            return await closeWithoutAnswer(context)
        case .hangAfterApply:
            await state.hangUntilShutdown()
            return await closeWithoutAnswer(context)
        default:
            return response
        }
    }

    /// Closes the connection without writing anything. The response returned is never written:
    /// the write fails on the closed channel and Hummingbird drops it.
    private func closeWithoutAnswer(_ context: Context) async -> Response {
        try? await context.channel.close()
        return Response(status: .ok)
    }

    private func summary(account: Substring, index: Substring) async -> Response {
        let cursor: UInt64
        switch state.parseCursor(index) {
        case .success(let value): cursor = value
        case .failure(.malformed): return WireResponses.invalidParameter("Invalid device id format")
        case .failure(.unknown): return WireResponses.invalidParameter("LastSeenDeviceId Not Valid")
        }
        let page = await state.licensePage(after: cursor)
        let catalog = state.catalog
        let devices: [JSONValue] = page.devices.map { device in
            .object([
                ("deviceId", .string(IMEICheck.string(device.imei))),
                ("assignmentTime", .string(catalog.formatAssignment(device.assignedMs, imei: device.imei,
                                                                    style: state.configuration.timestamps))),
            ])
        }
        return WireResponses.json(
            .ok,
            .object([
                ("accountName", .string(String(account))),
                ("totalLicenses", .int(page.totalLicenses)),
                ("assignedLicenses", .int(page.assignedLicenses)),
                ("hasMoreData", .bool(page.hasMoreData)),
                ("lastSeenDeviceId", .int(Int64(page.lastSeen))),
                ("deviceList", .array(devices)),
            ])
        )
    }

    private func deviceList(account: Substring, index: Substring) async -> Response {
        let cursor: UInt64
        switch state.parseCursor(index) {
        case .success(let value): cursor = value
        case .failure(.malformed): return WireResponses.invalidParameter("Invalid device id format")
        case .failure(.unknown): return WireResponses.invalidParameter("LastSeenDeviceId Not Valid")
        }
        let page = await state.devicePage(after: cursor)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: state.devicePageJSON.page(account: account, page)))
    }

    private struct DeviceListBody: Decodable {
        var deviceList: [String]?
    }

    /// Wire shape of an assign/remove answer.
    enum BatchVersion { case v1, v3 }

    func batch(_ operation: LicenseLedger.Operation, _ request: Request, account: Substring,
               version: BatchVersion = .v1) async -> Response {
        guard let data = await Self.bodyData(request), !data.isEmpty,
            let body = try? JSONDecoder().decode(DeviceListBody.self, from: data)
        else {
            return WireResponses.invalidParameter("Input binding error")
        }
        guard let ids = body.deviceList, !ids.isEmpty else {
            return WireResponses.invalidParameter("Device list is empty")
        }
        let enforceLuhn = state.configuration.enforceLuhn
        for id in ids where !(enforceLuhn ? IMEICheck.isLuhnValid(id) : IMEICheck.isWellFormed(id)) {
            return WireResponses.invalidParameter("Invalid device id format")
        }
        await state.waitIfHeld()
        guard let result = await state.apply(operation, deviceIds: ids) else {
            return Response(status: .serviceUnavailable)   // dead: the caller closes the connection
        }
        let devices: [JSONValue] = result.devices.map { outcome in
            switch version {
            case .v1:
                return .object([("deviceId", .string(outcome.deviceId)), ("status", .string(outcome.status)),
                                ("Reason", .string(outcome.reason))])
            case .v3:
                // v3 (the SDK's models): Success / Failure with `resultReason`.
                let ok = outcome.status.hasSuffix("Success")
                return .object([("deviceId", .string(outcome.deviceId)), ("status", .string(ok ? "Success" : "Failure")),
                                ("resultReason", .string(outcome.reason)),
                                ("updatedTime", .string(Timestamp.iso(Timestamp.anchorMs)))])
            }
        }
        return WireResponses.json(
            .ok,
            .object([
                ("accountName", .string(String(account))),
                ("licCount", .int(result.licCount)),
                ("licUsedCount", .int(result.licUsedCount)),
                ("deviceList", .array(devices)),
            ])
        )
    }

    // MARK: Helpers

    private func delay() async {
        let ms = await state.nextDelayMs()
        if ms > 0 { try? await Task.sleep(for: .milliseconds(ms)) }
    }
}
