import ThingSpaceAPI

extension APIConsoleServices {
    /// Pages of the licence summary searched for one device's assignment time (the API has no
    /// per-device call for it); beyond them the details say the time was not found.
    static let assignmentSearchPages = 50

    /// v3's own record of the device (v1 has none: its list holds all it knows), and for a
    /// licensed device its assignment time from the licence summary; attempts in earlier runs
    /// from the run journal (its last `earlierRunLimit` runs).
    public func lookUpDevice(_ deviceId: String, licensed: Bool) async throws(ThingSpaceError) -> DeviceLookup {
        var lookup = DeviceLookup()
        if let journal {
            let session = session
            lookup.earlierAttempts = await Task.detached { APIConsoleServices.earlierAttempts(deviceId, store: journal, session: session) }.value
        }
        lookup.details = try await client.deviceDetails(deviceId)
        guard licensed else { return lookup }
        lookup.assignmentSearched = true
        var pages = 0
        for try await page in client.licenseSummaryPages() {
            if let found = page.licensedDevices.first(where: { $0.deviceId == deviceId }) {
                lookup.assignmentTime = found.assignmentTime
                break
            }
            pages += 1
            if pages >= APIConsoleServices.assignmentSearchPages || Task.isCancelled { break }
        }
        return lookup
    }
}
