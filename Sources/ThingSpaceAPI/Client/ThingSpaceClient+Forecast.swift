extension ThingSpaceClient {
    /// The forecast of sending `deviceIds`, with every device's licence state read from the
    /// account's licence summary (every page; none when there is nothing to send).
    public func forecast(_ operation: LicenseOperation, deviceIds: [String],
                         counts: LicenseCounts?, onRetry: RetryObserver? = nil) async throws(ThingSpaceError) -> RunForecast {
        var licensed = Set<String>()
        if !deviceIds.isEmpty {
            let wanted = Set(deviceIds)
            for try await page in licenseSummaryPages(onRetry: onRetry) {
                for d in page.licensedDevices where wanted.contains(d.deviceId) { licensed.insert(d.deviceId) }
            }
        }
        return RunForecast(operation: operation,
                           devices: deviceIds.map { RunForecast.Device(id: $0, licensedNow: licensed.contains($0)) },
                           counts: counts ?? LicenseCounts(total: 0, used: 0))
    }
}
