import Foundation

extension ThingSpaceClient {
    /// The account's subscription (retried as any read). Some accounts may not read it: a 400,
    /// 403 or 404 gives nil, and the account is then treated as monthly with billing `unknown`.
    public func subscription(onRetry: RetryObserver? = nil) async throws(ThingSpaceError) -> Subscription? {
        let path = dialect.subscriptionPath(account: account)
        do {
            return try await reading("subscription", observer: onRetry) { () async throws(ThingSpaceError) in
                let response = try await authorized(method: "GET", path: path, body: nil)
                return try dialect.decodeSubscription(response.body)
            }
        } catch {
            if let status = error.httpStatus, [400, 403, 404].contains(status), !error.isSessionExpired { return nil }
            throw error
        }
    }

    /// The account's billing: `.unknown` when the subscription cannot be read.
    public func billing(onRetry: RetryObserver? = nil) async throws(ThingSpaceError) -> Billing {
        try await subscription(onRetry: onRetry)?.billing ?? .unknown
    }

    /// One device's details, read on demand: v3 lists protocol, status and software. Nil when
    /// the account has no such device, or the API version has no such call (v1: the device list
    /// holds all it knows).
    public func deviceDetails(_ deviceId: String, onRetry: RetryObserver? = nil) async throws(ThingSpaceError) -> DeviceDetails? {
        guard let request = dialect.deviceDetailsRequest(account: account, deviceId: deviceId) else { return nil }
        return try await reading("details of \(deviceId)", observer: onRetry) { () async throws(ThingSpaceError) in
            let response = try await authorized(method: request.method, path: request.path, body: request.body)
            return try dialect.decodeDeviceDetails(response.body, deviceId: deviceId)
        }
    }
}
