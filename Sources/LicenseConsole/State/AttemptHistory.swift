import Foundation
import ThingSpaceAPI

/// One attempt on a device: a run's result for it, as the details dialog lists it.
public struct DeviceAttempt: Sendable, Equatable {
    /// When the result arrived (the console's clock).
    public var time: Date
    public var operation: LicenseOperation
    public var outcome: DeviceOutcome
    /// The server's status verbatim, or ours for devices never answered (`NotSent`, `NoAnswer`).
    public var status: String
    /// The full reason, verbatim (sanitised only when drawn).
    public var reason: String
    /// Times the device's batch was sent in that run (0: never sent).
    public var attempts: Int

    public init(time: Date, operation: LicenseOperation, outcome: DeviceOutcome, status: String, reason: String, attempts: Int) {
        self.time = time
        self.operation = operation
        self.outcome = outcome
        self.status = status
        self.reason = reason
        self.attempts = attempts
    }
}

/// Every attempt on each device since the console started, newest last. Bounded: the last
/// `perDevice` attempts of a device, and at most `deviceLimit` devices (the device that entered
/// the history first leaves it first).
public struct AttemptHistory: Sendable {
    public static let perDevice = 10
    public static let defaultDeviceLimit = 200_000

    public let deviceLimit: Int
    private var byDevice: [String: [DeviceAttempt]] = [:]
    /// Device ids in the order they entered the history; `head` is the oldest still in it.
    private var order: [String] = []
    private var head = 0

    public init(deviceLimit: Int = AttemptHistory.defaultDeviceLimit) {
        self.deviceLimit = max(1, deviceLimit)
    }

    /// Devices with at least one attempt kept.
    public var deviceCount: Int { byDevice.count }

    /// The attempts kept for `deviceId`, oldest first.
    public func attempts(for deviceId: String) -> [DeviceAttempt] { byDevice[deviceId] ?? [] }

    public mutating func add(_ attempt: DeviceAttempt, for deviceId: String) {
        if var list = byDevice[deviceId] {
            list.append(attempt)
            if list.count > AttemptHistory.perDevice { list.removeFirst(list.count - AttemptHistory.perDevice) }
            byDevice[deviceId] = list
            return
        }
        while byDevice.count >= deviceLimit, head < order.count {
            byDevice[order[head]] = nil
            head += 1
        }
        if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        byDevice[deviceId] = [attempt]
        order.append(deviceId)
    }
}
