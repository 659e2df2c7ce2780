/// How licence counters move during a run.
extension LicenseCounts {
    /// Counters seen during a run of `operation`, merged with the ones shown before: responses can
    /// arrive out of order and lag, so during an assign the used count never goes down, during a
    /// remove never up. The total is the newer one's.
    public func merged(with newer: LicenseCounts, during operation: LicenseOperation) -> LicenseCounts {
        let used: Int
        switch operation {
        case .assign: used = Swift.max(self.used, newer.used)
        case .remove: used = Swift.min(self.used, newer.used)
        }
        return LicenseCounts(total: newer.total, used: used)
    }

    /// The counters after `devices` licences moved the way `operation` moves them (bounded by
    /// zero and the total).
    public func moved(by devices: Int, during operation: LicenseOperation) -> LicenseCounts {
        switch operation {
        case .assign: return LicenseCounts(total: total, used: Swift.min(total, used + devices))
        case .remove: return LicenseCounts(total: total, used: Swift.max(0, used - devices))
        }
    }
}
