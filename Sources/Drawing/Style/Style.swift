/// How one role looks: foreground, background and text attributes.
public struct Style: Sendable, Hashable {
    public var fg: ThemeColor
    public var bg: ThemeColor
    public var attributes: TextAttributes

    public init(fg: ThemeColor = .terminalDefault, bg: ThemeColor = .terminalDefault,
                attributes: TextAttributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    /// Terminal default colours, no attributes.
    public static let plain = Style()

    /// True when the style names any colour (false for attribute-only styles).
    public var usesColor: Bool { fg != .terminalDefault || bg != .terminalDefault }
}
