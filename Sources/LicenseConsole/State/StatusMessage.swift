/// The status line: the last thing that happened, in words.
public struct StatusMessage: Sendable, Equatable {
    public enum Level: Sendable, Equatable {
        case info, ok, warning, error
    }
    public var text: String
    public var level: Level

    public init(_ text: String, _ level: Level = .info) {
        self.text = text
        self.level = level
    }
}
