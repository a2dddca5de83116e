/// Counts the terms of one block of articles as the tokenizer hands them over: per term, how many
/// articles hold it (and which of the block's ids), its largest weighted count in one article, and
/// the smallest article length per count. An open-addressed table keyed by a 64-bit hash of the term's bytes: a load seals a
/// block every 256 articles and feeds this every token, where Swift's Dictionary (SipHash, a
/// String per token) cost more than the tokenizer.
///
/// Two terms with the same hash would share a slot, which still bounds both (the larger count,
/// the smaller length per count); the slot keeps the first one's name.
final class BlockTermCounter: TokenSink {
    struct Term {
        var name: String
        var articles: Int32
        var maxWeightedCount: Int32
        var minLengthPerCount: Double
        /// Bit i set: the block's id i holds the term (bit i % 64 of word i / 64).
        var articleBits = SIMD4<UInt64>()

        /// The bits as stored (`search_bound_terms.articles_bitmap`): 32 bytes, little-endian words.
        var bitmap: [UInt8] { BlockTermCounter.bytes(of: articleBits) }
    }

    /// Bits as stored: 32 bytes, little-endian words.
    static func bytes(of bits: SIMD4<UInt64>) -> [UInt8] {
        let words = SIMD4(bits[0].littleEndian, bits[1].littleEndian, bits[2].littleEndian, bits[3].littleEndian)
        return withUnsafeBytes(of: words) { Array($0) }
    }

    /// Raw buffers: this runs once per token, and Swift arrays in a class pay for exclusivity
    /// checks on every access. Per slot: the term's hash (0: empty), its index in `terms`, its
    /// weighted count in the current article, and the last article that counted it.
    @exclusivity(unchecked) private var keys: UnsafeMutableBufferPointer<UInt64>
    @exclusivity(unchecked) private var slots: UnsafeMutableBufferPointer<Int32>
    @exclusivity(unchecked) private var countInArticle: UnsafeMutableBufferPointer<Int32>
    @exclusivity(unchecked) private var lastArticle: UnsafeMutableBufferPointer<Int32>
    @exclusivity(unchecked) private var terms: [Term] = []
    @exclusivity(unchecked) private var mask: Int
    /// Slots touched by the current article, to close it without scanning the table.
    @exclusivity(unchecked) private var touched: [Int] = []
    @exclusivity(unchecked) private var article: Int32 = 0
    @exclusivity(unchecked) private var length = 0
    /// The weight of the column being tokenized (title, lead, body).
    @exclusivity(unchecked) var weight: Int32 = 1

    init(capacity: Int = 1 << 14) {
        var size = 1
        while size < capacity * 2 { size <<= 1 }
        (keys, slots, countInArticle, lastArticle) = Self.allocate(size)
        mask = size - 1
    }

    deinit {
        keys.deallocate()
        slots.deallocate()
        countInArticle.deallocate()
        lastArticle.deallocate()
    }

    private static func allocate(_ size: Int) -> (UnsafeMutableBufferPointer<UInt64>, UnsafeMutableBufferPointer<Int32>,
                                                  UnsafeMutableBufferPointer<Int32>, UnsafeMutableBufferPointer<Int32>) {
        let keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: size)
        keys.initialize(repeating: 0)
        let slots = UnsafeMutableBufferPointer<Int32>.allocate(capacity: size)
        slots.initialize(repeating: -1)
        let counts = UnsafeMutableBufferPointer<Int32>.allocate(capacity: size)
        counts.initialize(repeating: 0)
        let last = UnsafeMutableBufferPointer<Int32>.allocate(capacity: size)
        last.initialize(repeating: -1)
        return (keys, slots, counts, last)
    }

    /// The block's terms, once every article is in.
    var counted: [Term] { terms }

    @inline(__always) private func home(_ key: UInt64) -> Int { ArticleTerms.slot(of: key, mask: mask) }

    override func consume(_ token: UnsafeRawBufferPointer) {
        length += 1
        let key = ArticleTerms.hash(token)
        count(key, weight) { String(decoding: token, as: UTF8.self) }
    }

    /// Adds a whole article counted elsewhere (on a parsing thread), the block's `offset`th id.
    func add(_ article: ArticleTerms, offset: Int) {
        for index in article.hashes.indices {
            count(article.hashes[index], article.weightedCounts[index]) { article.name(index) }
        }
        length = Int(article.length)
        endArticle(offset: offset)
    }

    @inline(__always) private func count(_ key: UInt64, _ weight: Int32, name: () -> String) {
        var slot = home(key)
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] == 0 {
            keys[slot] = key
            slots[slot] = Int32(terms.count)
            terms.append(Term(name: name(), articles: 0, maxWeightedCount: 0, minLengthPerCount: .infinity))
            if terms.count * 2 > keys.count {
                grow()
                slot = home(key)
                while keys[slot] != key { slot = (slot + 1) & mask }
            }
        }
        if lastArticle[slot] != article {
            lastArticle[slot] = article
            countInArticle[slot] = 0
            touched.append(slot)
        }
        countInArticle[slot] += weight
    }

    /// Closes the current article, the block's `offset`th id: its terms' counts go into the block's figures.
    func endArticle(offset: Int) {
        let word = offset >> 6
        let bit = UInt64(1) << UInt64(offset & 63)
        for slot in touched {
            let count = countInArticle[slot]
            let index = Int(slots[slot])
            terms[index].articles += 1
            terms[index].maxWeightedCount = max(terms[index].maxWeightedCount, count)
            terms[index].minLengthPerCount = min(terms[index].minLengthPerCount, Double(length) / Double(count))
            terms[index].articleBits[word] |= bit
        }
        touched.removeAll(keepingCapacity: true)
        length = 0
        article += 1
    }

    /// Doubles the table (a block with unusually many distinct terms), keeping the current
    /// article's counts.
    private func grow() {
        let (oldKeys, oldSlots, oldCounts, oldLast) = (keys, slots, countInArticle, lastArticle)
        let size = keys.count * 2
        (keys, slots, countInArticle, lastArticle) = Self.allocate(size)
        mask = size - 1
        var moved: [Int: Int] = [:]
        for old in oldKeys.indices where oldKeys[old] != 0 {
            var slot = home(oldKeys[old])
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[old]
            slots[slot] = oldSlots[old]
            countInArticle[slot] = oldCounts[old]
            lastArticle[slot] = oldLast[old]
            moved[old] = slot
        }
        touched = touched.map { moved[$0] ?? $0 }
        oldKeys.deallocate()
        oldSlots.deallocate()
        oldCounts.deallocate()
        oldLast.deallocate()
    }
}
