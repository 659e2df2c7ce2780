/// SGR (Select Graphic Rendition) parameter lists in terminal output, for "no colour escape"
/// checks: every `ESC [ ... m`, its parameters split at `;` and `:`.
enum SGR {
    static func parameterLists(_ bytes: [UInt8]) -> [[Int]] {
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

    /// Lists that set a colour: 30-37, 40-47, 90-97, 100-107, or start an extended colour (38, 48).
    static func colourLists(_ bytes: [UInt8]) -> [[Int]] {
        parameterLists(bytes).filter { list in
            list.contains { (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0) }
        }
    }
}
