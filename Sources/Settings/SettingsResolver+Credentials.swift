import ThingSpaceAPI

extension Resolution {
    /// App key and username as given; secrets from the environment, the profile, or a profile's
    /// command, recorded masked.
    mutating func resolveCredentials(runCommands: Bool) throws(SettingsError) -> Credentials {
        var credentials = Credentials()
        credentials.appKey = try value(SettingsTable.appKey)?.value
        credentials.appSecret = try secret(SettingsTable.appSecret, runCommands: runCommands)
        credentials.username = try value(SettingsTable.username)?.value
        credentials.password = try secret(SettingsTable.password, runCommands: runCommands)
        credentials.accessToken = try secret(SettingsTable.accessToken, runCommands: runCommands)
        credentials.sessionToken = try secret(SettingsTable.sessionToken, runCommands: runCommands)
        return credentials
    }

    /// The environment variable, the profile's literal value, then its command (run only when
    /// `runCommands`). Only the mask is ever recorded.
    mutating func secret(_ row: SecretSetting, runCommands: Bool) throws(SettingsError) -> Secret? {
        let key = row.key
        if let name = row.description.environment, let v = env(name) {
            record(key, ResolvedSettings.mask, .environment(name))
            return Secret(v)
        }
        if let profile {
            let literal = row.literal(profile)
            let command = row.command(profile)
            let commandKey = row.description.commandKey ?? "\(key)_command"
            if literal != nil && command != nil {
                throw SettingsError("\(configPath): profiles.\(profile.name) sets both \(key) and \(commandKey); keep one")
            }
            if let literal {
                record(key, ResolvedSettings.mask, .profile(profile.name, key: key))
                return Secret(literal)
            }
            if let command {
                guard runCommands else {
                    record(key, "(from a command, not run)", .command(profile.name, key: commandKey))
                    return nil
                }
                let v = try SecretCommand.run(command, key: commandKey, profile: profile.name, environment: environment)
                record(key, ResolvedSettings.mask, .command(profile.name, key: commandKey))
                return Secret(v)
            }
        }
        record(key, "(not set)", .unset)
        return nil
    }
}
