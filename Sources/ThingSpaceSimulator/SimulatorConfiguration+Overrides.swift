extension SimulatorConfiguration {
    /// `tslicense demo`'s defaults: the bare simulator's, with some latency and a few devices that
    /// always fail.
    public static var demo: SimulatorConfiguration {
        var c = SimulatorConfiguration()
        c.latencyMs = 80
        c.jitterMs = 40
        c.faults.failingDeviceCount = 7
        return c
    }

    /// This configuration with every value `overrides` sets, validated across fields: throws
    /// every problem at once (`validationErrors()`).
    public func applying(_ o: SimulatorOverrides) throws(SimulatorConfigurationError) -> SimulatorConfiguration {
        var c = self
        if let v = o.host { c.host = v }
        if let v = o.port { c.port = v }
        if let v = o.account { c.account = v }
        if let v = o.devices { c.devices = v }
        if let v = o.licenses { c.licenses = v }
        if let v = o.used { c.used = v }
        if let v = o.pageSize { c.pageSize = v }
        if let v = o.latencyMs { c.latencyMs = v }
        if let v = o.jitterMs { c.jitterMs = v }
        if let v = o.seed { c.seed = v }
        if let v = o.appKey { c.appKey = v }
        if let v = o.appSecret { c.appSecret = v }
        if let v = o.username { c.username = v }
        if let v = o.password { c.password = v }
        if o.enforceLuhn { c.enforceLuhn = true }
        if let billing = o.billing { c.billing = billing }
        if let timestamps = o.timestamps { c.timestamps = timestamps }
        if let v = o.rateLimitRate { c.faults.rateLimitRate = v }
        if let v = o.rateLimitEvery { c.faults.rateLimitEvery = v }
        if let v = o.retryAfterSeconds { c.faults.retryAfterSeconds = v }
        if let v = o.serverErrorRate { c.faults.serverErrorRate = v }
        if let v = o.serverErrorEvery { c.faults.serverErrorEvery = v }
        if let v = o.dropRate { c.faults.dropConnectionRate = v }
        if let v = o.dropEvery { c.faults.dropConnectionEvery = v }
        if let v = o.tokenLifetimeSeconds { c.faults.tokenLifetimeSeconds = v }
        if let v = o.sessionIdleSeconds { c.faults.sessionIdleSeconds = v }
        if let v = o.failingDeviceCount { c.faults.failingDeviceCount = v }
        if !o.failingImeis.isEmpty { c.faults.failingDevices.formUnion(o.failingImeis) }
        if o.holdBatches { c.faults.holdBatches = true }
        // Hostile device content: each flag only turns its fault on.
        if o.deviceContent.invalidUTF8 { c.deviceContent.invalidUTF8 = true }
        if o.deviceContent.escapeSequences { c.deviceContent.escapeSequences = true }
        if o.deviceContent.bidiText { c.deviceContent.bidiText = true }
        if o.deviceContent.wideText { c.deviceContent.wideText = true }
        if let v = o.loseAnswerEvery { c.faults.loseAnswerEvery = v }
        if let v = o.hangAfterApplyEvery { c.faults.hangAfterApplyEvery = v }
        if o.silent { c.faults.silent = true }
        let problems = c.validationErrors()
        guard problems.isEmpty else { throw SimulatorConfigurationError(problems: problems) }
        return c
    }
}
