extension ConsoleState {
    /// A line for the status line as the console opens (an interrupted run of this account).
    public mutating func announce(_ text: String) {
        status = StatusMessage(text, .warning)
    }
}
