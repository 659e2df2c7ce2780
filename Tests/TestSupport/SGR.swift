/// SGR parameter lists in terminal output (`ESC [ ... m`), split at `;` and `:`. tmux's
/// `capture-pane -e` adds resets of its own (0, 39, 49), so checks look at the parameters.
public enum SGR {
    public static func parameterLists(_ bytes: [UInt8]) -> [[Int]] {
        var lists: [[Int]] = []
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == 0x1B, bytes[i + 1] == UInt8(ascii: "[") else { i += 1; continue }
            var j = i + 2
            while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x3F { j += 1 }
            while j < bytes.count, bytes[j] >= 0x20, bytes[j] <= 0x2F { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "m") {
                let text = String(decoding: bytes[(i + 2)..<j], as: UTF8.self)
                lists.append(text.split(omittingEmptySubsequences: false) { $0 == ";" || $0 == ":" }.map { Int($0) ?? 0 })
            }
            i = j + 1
        }
        return lists
    }

    /// Lists that set a colour: 30-37, 40-47, 90-97, 100-107, or an extended colour (38, 48).
    public static func colourLists(_ bytes: [UInt8]) -> [[Int]] {
        parameterLists(bytes).filter { list in
            list.contains { (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0) }
        }
    }

    /// True when some list sets a red background: 41, 101, or 48;5;N with N a red of the 256 palette.
    public static func hasRedBackground(_ bytes: [UInt8]) -> Bool {
        parameterLists(bytes).contains { list in
            if list.contains(41) || list.contains(101) { return true }
            if let i = list.firstIndex(of: 48), i + 2 < list.count, list[i + 1] == 5 { return [1, 9, 124, 160, 196].contains(list[i + 2]) }
            return false
        }
    }
}
