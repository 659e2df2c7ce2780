extension RadixSort {
    /// The indices `0 ..< keys.count` ordered by their keys, inverted when `descending` (so
    /// the largest comes first); equal keys keep ascending indices (stable). Also returns the
    /// bitwise OR of every key as given, so callers can tell whether a kind of key is present.
    ///
    /// One read of the keys finds their range and whether they already ascend or descend
    /// (a list read in IMEI order, sorted by IMEI either way: nothing to sort). Otherwise each
    /// key less the minimum and its index are packed into one 64-bit word and sorted by the
    /// key's bits alone, least significant digit first (digits of at most 11 bits: a histogram
    /// stays in the first-level cache); the first pass reads the keys straight from `keys`, the
    /// last writes the indices alone. Keys too wide to share a word with the index go to
    /// `sort(_:keys:)`.
    static func sortedIndices(keys: UnsafeBufferPointer<UInt64>, descending: Bool) -> (indices: [Int32], union: UInt64) {
        let n = keys.count
        let flip: UInt64 = descending ? .max : 0
        var low = UInt64.max, high = UInt64.min, union: UInt64 = 0
        for raw in keys {
            union |= raw
            low = min(low, raw ^ flip)
            high = max(high, raw ^ flip)
        }
        // Whether the keys ascend or never increase; stops at the first pair that says neither.
        var ascending = true, nonIncreasing = true
        var j = 1
        while j < n && (ascending || nonIncreasing) {
            let a = keys[j - 1] ^ flip, b = keys[j] ^ flip
            if b < a { ascending = false }
            if b > a { nonIncreasing = false }
            j += 1
        }
        if ascending || n < 2 {
            return ([Int32](unsafeUninitializedCapacity: n) { out, done in
                for j in 0..<n { out[j] = Int32(j) }
                done = n
            }, union)
        }
        if nonIncreasing { return (reversedKeepingTies(keys), union) }
        let bits = 64 - (high - low).leadingZeroBitCount
        let itemBits = max(1, 64 - UInt64(n - 1).leadingZeroBitCount)
        guard bits + itemBits <= 64 else {
            var items = [Int32](unsafeUninitializedCapacity: n) { out, done in
                for j in 0..<n { out[j] = Int32(j) }
                done = n
            }
            var flipped = [UInt64](unsafeUninitializedCapacity: n) { out, done in
                for j in 0..<n { out[j] = keys[j] ^ flip }
                done = n
            }
            sort(&items, keys: &flipped)
            return (items, union)
        }
        return (packedSort(keys, flip: flip, low: low, bits: bits, itemBits: itemBits), union)
    }

    /// Keys that never increase: the indices backwards, each run of equal keys turned back
    /// to ascending indices.
    private static func reversedKeepingTies(_ keys: UnsafeBufferPointer<UInt64>) -> [Int32] {
        let n = keys.count
        return [Int32](unsafeUninitializedCapacity: n) { out, done in
            var at = 0
            var end = n          // the run is keys[start ..< end], walked from the back
            while end > 0 {
                var start = end - 1
                while start > 0 && keys[start - 1] == keys[end - 1] { start -= 1 }
                for j in start..<end {
                    out[at] = Int32(j)
                    at += 1
                }
                end = start
            }
            done = n
        }
    }

    /// Sorts packed (key - low, index) words: one scatter by the top 11 bits of the key into
    /// 2,048 buckets (about 500 words each at a million devices: a bucket fits in the cache),
    /// then each bucket by the rest of the key, least significant digit first in digits of at
    /// most 8 bits, the last pass writing the indices alone. The scatter keeps each bucket's
    /// indices ascending and every later pass is stable, so equal keys keep ascending indices.
    static func packedSort(_ keys: UnsafeBufferPointer<UInt64>, flip: UInt64, low: UInt64,
                           bits: Int, itemBits: Int) -> [Int32] {
        let n = keys.count
        let topBits = min(bits, max(11, bits + itemBits - 64))
        let restBits = bits - topBits
        let itemShift = UInt64(itemBits)
        let topShift = UInt64(restBits)
        let tops = 1 << topBits
        // Where each top bucket starts (`starts[b] ..< starts[b + 1]`).
        var starts = [Int](repeating: 0, count: tops + 1)
        starts.withUnsafeMutableBufferPointer { c in
            for raw in keys { c[Int(((raw ^ flip) &- low) >> topShift) + 1] += 1 }
            for b in 0..<tops { c[b + 1] += c[b] }
        }
        var out = [Int32](unsafeUninitializedCapacity: n) { _, done in done = n }
        if restBits == 0 {
            // The top digit is the whole key: one stable scatter of the indices.
            var next = starts
            out.withUnsafeMutableBufferPointer { items in
                next.withUnsafeMutableBufferPointer { off in
                    for j in 0..<n {
                        let b = Int(((keys[j] ^ flip) &- low) >> topShift)
                        items[off[b]] = Int32(truncatingIfNeeded: j)
                        off[b] += 1
                    }
                }
            }
            return out
        }
        let restMask: UInt64 = (1 << UInt64(restBits)) - 1
        var words = [UInt64](unsafeUninitializedCapacity: n) { _, done in done = n }
        var largest = 0
        var next = starts
        words.withUnsafeMutableBufferPointer { dst in
            next.withUnsafeMutableBufferPointer { off in
                for j in 0..<n {
                    let v = (keys[j] ^ flip) &- low
                    let b = Int(v >> topShift)
                    dst[off[b]] = (v & restMask) << itemShift | UInt64(j)
                    off[b] += 1
                }
            }
        }
        for b in 0..<tops { largest = max(largest, starts[b + 1] - starts[b]) }
        let passes = (restBits + 7) / 8
        let digit = (restBits + passes - 1) / passes
        let buckets = 1 << digit
        let highDigit = min(restBits, BucketSort.highDigitBits)
        let spare = UnsafeMutablePointer<UInt64>.allocate(capacity: largest)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: max(passes * buckets, 1 << highDigit))
        defer {
            spare.deallocate()
            counts.deallocate()
        }
        let bucketSort = BucketSort(restBits: restBits, highDigit: highDigit, passes: passes, digit: digit,
                                    itemBits: itemBits, counts: counts, spare: spare)
        words.withUnsafeMutableBufferPointer { all in
            out.withUnsafeMutableBufferPointer { items in
                for top in 0..<tops {
                    let s = starts[top]
                    bucketSort.sort(all.baseAddress! + s, starts[top + 1] - s, into: items.baseAddress! + s)
                }
            }
        }
        return out
    }
}

/// Sorts one top bucket of packed words (in the cache) by the key bits above the index and
/// writes the indices in order. Usually one scatter by the highest 11 of those bits, then an
/// insertion sort that only has to order the few words sharing a digit; when many share one
/// (keys crowded together), least significant digit first in digits of at most 8 bits.
private struct BucketSort {
    static let highDigitBits = 11
    /// Most words sharing a high digit for which the insertion sort is used.
    static let crowded = 24

    let restBits: Int
    let highDigit: Int
    let passes: Int
    let digit: Int
    let itemBits: Int
    let counts: UnsafeMutablePointer<Int>
    let spare: UnsafeMutablePointer<UInt64>

    func sort(_ words: UnsafeMutablePointer<UInt64>, _ m: Int, into items: UnsafeMutablePointer<Int32>) {
        let itemShift = UInt64(itemBits)
        let itemMask: UInt64 = (1 << itemShift) - 1
        if m < 2 {
            if m == 1 { items[0] = Int32(truncatingIfNeeded: words[0] & itemMask) }
            return
        }
        if scatterByHighDigit(words, m, into: items) { return }
        let buckets = 1 << digit
        let mask = UInt64(buckets - 1)
        let c = counts
        c.update(repeating: 0, count: passes * buckets)
        for j in 0..<m {
            var v = words[j] >> itemShift
            var base = 0
            for _ in 0..<passes {
                c[base + Int(v & mask)] += 1
                v >>= UInt64(digit)
                base += buckets
            }
        }
        var src = words, dst = spare
        // The last pass that orders something writes the indices; passes where every word has
        // the same digit are left out.
        var lastActive = -1
        for pass in 0..<passes where c[pass * buckets + Int((words[0] >> (itemShift + UInt64(pass * digit))) & mask)] != m {
            lastActive = pass
        }
        if lastActive < 0 {
            for j in 0..<m { items[j] = Int32(truncatingIfNeeded: words[j] & itemMask) }
            return
        }
        for pass in 0...lastActive {
            let base = pass * buckets
            let shift = itemShift + UInt64(pass * digit)
            if c[base + Int((src[0] >> shift) & mask)] == m { continue }
            var running = 0
            for d in 0..<buckets {
                let here = c[base + d]
                c[base + d] = running
                running += here
            }
            let off = c + base
            if pass == lastActive {
                for j in 0..<m {
                    let w = src[j]
                    let d = Int((w >> shift) & mask)
                    items[off[d]] = Int32(truncatingIfNeeded: w & itemMask)
                    off[d] += 1
                }
            } else {
                for j in 0..<m {
                    let w = src[j]
                    let d = Int((w >> shift) & mask)
                    dst[off[d]] = w
                    off[d] += 1
                }
                swap(&src, &dst)
            }
        }
    }

    /// One scatter by the highest digit into `spare`, an insertion sort for what shares a digit,
    /// the indices out. False (nothing written) when more than `crowded` words share a digit.
    private func scatterByHighDigit(_ words: UnsafeMutablePointer<UInt64>, _ m: Int,
                                    into items: UnsafeMutablePointer<Int32>) -> Bool {
        let shift = UInt64(itemBits + restBits - highDigit)
        let c = counts
        let size = 1 << highDigit
        c.update(repeating: 0, count: size)
        for j in 0..<m { c[Int(words[j] >> shift)] += 1 }
        var running = 0, most = 0
        for d in 0..<size {
            let here = c[d]
            c[d] = running
            running += here
            most = max(most, here)
        }
        guard most <= BucketSort.crowded else { return false }
        let a = spare
        for j in 0..<m {
            let w = words[j]
            let d = Int(w >> shift)
            a[c[d]] = w
            c[d] += 1
        }
        // Words are unique (each holds its index), so ordering them whole is stable.
        for j in 1..<m {
            let w = a[j]
            var k = j
            while k > 0 && a[k - 1] > w {
                a[k] = a[k - 1]
                k -= 1
            }
            a[k] = w
        }
        let itemMask: UInt64 = (1 << UInt64(itemBits)) - 1
        for j in 0..<m { items[j] = Int32(truncatingIfNeeded: a[j] & itemMask) }
        return true
    }
}
