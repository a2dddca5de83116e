/// Counts per integer key in an open-addressing table with a multiplicative hash: facet counting
/// adds a dozen ids per matched article, and a Dictionary's seeded hash costs more than the rest
/// of the work together.
struct IdCounts {
    private static let empty = Int64.min
    private var keys: [Int64]
    private var counts: [Int]
    private var mask: Int
    private(set) var distinct = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: Self.empty, count: size)
        counts = Array(repeating: 0, count: size)
        mask = size - 1
    }

    mutating func add(_ key: Int64, _ amount: Int = 1) {
        let inserted = keys.withUnsafeMutableBufferPointer { keys in
            counts.withUnsafeMutableBufferPointer { counts in
                var slot = Self.slot(for: key, mask: mask)
                while true {
                    let found = keys[slot]
                    if found == key {
                        counts[slot] += amount
                        return false
                    }
                    if found == Self.empty { break }
                    slot = (slot + 1) & mask
                }
                keys[slot] = key
                counts[slot] = amount
                return true
            }
        }
        guard inserted else { return }
        distinct += 1
        if distinct * 2 > keys.count { grow() }
    }

    /// Every key with its count, in no particular order.
    var pairs: [(key: Int64, count: Int)] {
        var result: [(key: Int64, count: Int)] = []
        result.reserveCapacity(distinct)
        for slot in keys.indices where keys[slot] != Self.empty { result.append((keys[slot], counts[slot])) }
        return result
    }

    private static func slot(for key: Int64, mask: Int) -> Int {
        // Fibonacci hashing: consecutive ids spread over the table.
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func grow() {
        let old = pairs
        let size = keys.count * 2
        keys = Array(repeating: Self.empty, count: size)
        counts = Array(repeating: 0, count: size)
        mask = size - 1
        distinct = 0
        for (key, count) in old { add(key, count) }
    }
}
