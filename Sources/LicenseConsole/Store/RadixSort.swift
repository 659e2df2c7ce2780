/// Stable sorting of device indices by 64-bit keys: a least-significant-digit radix sort over
/// the bits in which the keys differ (keys less their minimum), 12 bits per pass. A column of a
/// few thousand distinct values sorts in one pass, a million distinct 15-digit IMEIs in four;
/// no comparisons, linear in the count.
public enum RadixSort {
    static let digitBits = 12
    static let buckets = 1 << digitBits

    /// Reorders `items` (and `keys`, kept parallel) so keys ascend; equal keys keep their order.
    /// Items must not be negative.
    public static func sort(_ items: inout [Int32], keys: inout [UInt64]) {
        precondition(items.count == keys.count, "one key per item")
        let n = items.count
        guard n > 1 else { return }
        // One pass: the range of the keys, and whether they already ascend (a list read in
        // IMEI order and sorted by IMEI has nothing to move).
        var low = UInt64.max, high = UInt64.min
        var ascending = true
        keys.withUnsafeBufferPointer { k in
            var previous = k[0]
            for key in k {
                if key < low { low = key }
                if key > high { high = key }
                if key < previous { ascending = false }
                previous = key
            }
        }
        if ascending { return }
        let bits = 64 - (high - low).leadingZeroBitCount
        // Wide keys (IMEIs, MDNs): one scatter by the top digit, then small sorts in cache.
        if bits > 2 * digitBits && isAscendingItems(items), sortByTopDigit(&items, keys: &keys, low: low, bits: bits) { return }
        let passes = (bits + digitBits - 1) / digitBits
        let mask = UInt64(buckets - 1)
        // Every pass's histogram in one read.
        var counts = [Int](repeating: 0, count: passes * buckets)
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { c in
                for key in k {
                    var v = key &- low
                    for pass in 0..<passes {
                        c[pass * buckets + Int(v & mask)] += 1
                        v >>= UInt64(digitBits)
                    }
                }
            }
        }
        var tempItems = [Int32](repeating: 0, count: n)
        var tempKeys = [UInt64](repeating: 0, count: n)
        var offsets = [Int](repeating: 0, count: buckets)
        for pass in 0..<passes {
            let base = pass * buckets
            let shift = UInt64(pass * digitBits)
            // Every key has the same digit here: this pass orders nothing.
            if counts[base + Int(((keys[0] &- low) >> shift) & mask)] == n { continue }
            var running = 0
            for b in 0..<buckets {
                offsets[b] = running
                running += counts[base + b]
            }
            items.withUnsafeBufferPointer { src in
                keys.withUnsafeBufferPointer { srcKeys in
                    tempItems.withUnsafeMutableBufferPointer { dst in
                        tempKeys.withUnsafeMutableBufferPointer { dstKeys in
                            offsets.withUnsafeMutableBufferPointer { off in
                                for j in 0..<n {
                                    let key = srcKeys[j]
                                    let b = Int(((key &- low) >> shift) & mask)
                                    let to = off[b]
                                    off[b] = to + 1
                                    dst[to] = src[j]
                                    dstKeys[to] = key
                                }
                            }
                        }
                    }
                }
            }
            swap(&items, &tempItems)
            swap(&keys, &tempKeys)
        }
    }

    static func isAscendingItems(_ items: [Int32]) -> Bool {
        items.withUnsafeBufferPointer { p in
            for j in 1..<p.count where p[j] < p[j - 1] { return false }
            return true
        }
    }
}
