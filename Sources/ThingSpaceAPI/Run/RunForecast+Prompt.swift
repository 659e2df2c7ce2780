extension RunForecast {
    /// The question a front end asks before a run, without its last line (`Proceed?`): what
    /// changes, on `target`, and the licence counters now and after. The licence states of the
    /// devices may be unknown (every device then counts as changing), so the counts after are
    /// a bound: at most (assign) or at least (remove).
    public func confirmQuestion(target: String) -> String {
        let devicesText = TextFormat.count(devices.count, "device")
        var question = "\(operation == .assign ? "Assign licences to" : "Remove licences from") \(devicesText)\n"
        question += "  \(target)\n"
        if let before = counts, let after = countsAfter() {
            question += "  " + TextFormat.licences("licences now:", before) + "\n"
            question += "  licences after: \(operation == .assign ? "at most" : "at least") \(TextFormat.count(after.used)) of "
                + "\(TextFormat.count(after.total)) used (devices already \(operation == .assign ? "licensed" : "without one") do not change)\n"
            if excess > 0 {
                question += "  ! up to \(TextFormat.count(excess)) more than the free licences: those would fail (--dry-run shows which)\n"
            }
        }
        return question
    }

    /// The whole question a terminal front end asks, and the answer that confirms: `yes` (`y`
    /// will do), or above the policy's threshold the device count, typed.
    public func confirmPrompt(target: String, policy: RunPolicy) -> (question: String, answer: String) {
        let question = confirmQuestion(target: target)
        let n = devices.count
        if policy.needsTypedCount(n) {
            return (question + "Type \(TextFormat.count(n)) (the number of devices) and press Enter to proceed: ", String(n))
        }
        return (question + "Proceed? [y/N] ", "yes")
    }
}
