#if canImport(Glibc)
import Glibc
#endif

/// Bytes the C heap holds for the program (small blocks and mmapped large ones).
enum HeapBytes {
    static func inUse() -> Int {
        #if canImport(Glibc)
        let info = mallinfo2()
        return Int(info.uordblks) + Int(info.hblkhd)
        #else
        return 0
        #endif
    }
}
