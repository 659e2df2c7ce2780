extension ThingSpaceClient {
    /// The licence counters (from the first page) and every licensed device, reading every page
    /// of the licence summary.
    public func licensedDevices(onRetry: RetryObserver? = nil) async throws(ThingSpaceError)
        -> (counts: LicenseCounts, devices: [LicensedDevice]) {
        var counts: LicenseCounts?
        var devices: [LicensedDevice] = []
        for try await page in licenseSummaryPages(onRetry: onRetry) {
            if counts == nil { counts = page.counts }
            devices += page.licensedDevices
        }
        return (counts ?? LicenseCounts(total: 0, used: 0), devices)
    }
}
