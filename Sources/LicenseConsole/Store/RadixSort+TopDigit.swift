extension RadixSort {
    /// Top digit first: one scatter of packed (rest of key, item) words into 4,096 buckets,
    /// then each bucket (a few hundred words at a million devices, in cache) sorted on its own,
    /// equal keys by ascending item. Fewer passes over memory than the digit-by-digit sort for
    /// wide keys (IMEIs). Only when the rest of the key and the item fit in 64 bits together;
    /// returns false (nothing changed) otherwise.
    static func sortByTopDigit(_ items: inout [Int32], keys: inout [UInt64], low: UInt64, bits: Int) -> Bool {
        let n = items.count
        let itemBits = 64 - UInt64(max(1, items.max() ?? 1)).leadingZeroBitCount
        let top = min(bits, 12)
        let restBits = bits - top
        guard restBits + itemBits <= 64 else { return false }
        let buckets = 1 << top
        let restMask: UInt64 = restBits == 0 ? 0 : (UInt64.max >> UInt64(64 - restBits))
        var counts = [Int](repeating: 0, count: buckets + 1)
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { c in
                for key in k { c[Int((key &- low) >> UInt64(restBits)) + 1] += 1 }
            }
        }
        for b in 0..<buckets { counts[b + 1] += counts[b] }
        var packed = [UInt64](repeating: 0, count: n)
        var next = counts
        items.withUnsafeBufferPointer { src in
            keys.withUnsafeBufferPointer { k in
                packed.withUnsafeMutableBufferPointer { dst in
                    next.withUnsafeMutableBufferPointer { off in
                        for j in 0..<n {
                            let v = k[j] &- low
                            let b = Int(v >> UInt64(restBits))
                            dst[off[b]] = (v & restMask) << UInt64(itemBits) | UInt64(UInt32(bitPattern: src[j]))
                            off[b] += 1
                        }
                    }
                }
            }
        }
        let itemMask: UInt64 = (1 << UInt64(itemBits)) - 1
        packed.withUnsafeMutableBufferPointer { p in
            items.withUnsafeMutableBufferPointer { out in
                keys.withUnsafeMutableBufferPointer { outKeys in
                    for b in 0..<buckets {
                        let s = counts[b], e = counts[b + 1]
                        if e - s > 1 { var slice = UnsafeMutableBufferPointer(rebasing: p[s..<e]); slice.sort() }
                        let head = UInt64(b) << UInt64(restBits)
                        for j in s..<e {
                            let w = p[j]
                            out[j] = Int32(truncatingIfNeeded: w & itemMask)
                            outKeys[j] = low &+ (head | (w >> UInt64(itemBits)))
                        }
                    }
                }
            }
        }
        return true
    }
}
