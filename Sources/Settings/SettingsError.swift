/// A setting that cannot be used: a bad value, an unreadable or unsafe config file, a failing
/// secret command. The message names the file, key, variable or flag at fault and never holds a
/// secret. The executable shows it as `error: MESSAGE` and exits with status 2.
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problem, without the leading `error: `.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
