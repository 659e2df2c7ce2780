import Foundation

/// Resident bytes of the process (`/proc/self/statm`): the difference around building a store is
/// an upper bound of what it holds (memory freed while building may stay resident).
enum HeapBytes {
    static func inUse() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
