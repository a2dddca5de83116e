import Foundation

/// One article's terms as the full-text index will hold them: each distinct term once, with its
/// weighted count (title x5, lead x2, body x1) and the article's length in tokens. Counted on the
/// parsing threads (`PreparedArticle`), so the writer, which a load waits for, only adds these
/// into its block's bounds (`SearchBounds`) instead of tokenizing the text again.
public struct ArticleTerms: Sendable {
    /// FNV-1a hashes of the terms' bytes (never 0), in first-seen order.
    var hashes: [UInt64] = []
    var weightedCounts: [Int32] = []
    /// The terms' bytes one after the other, term i ending at `nameEnds[i]`: one buffer, not a
    /// String per term (the writer makes a String only for a term new to its block).
    var nameBytes: [UInt8] = []
    var nameEnds: [Int32] = []
    var length: Int32 = 0

    func name(_ index: Int) -> String {
        let start = index == 0 ? 0 : Int(nameEnds[index - 1])
        return String(decoding: nameBytes[start..<Int(nameEnds[index])], as: UTF8.self)
    }

    /// The terms of `title`, `lead` and `body`, as `articles_fts` tokenizes them; nil when this
    /// SQLite has no FTS5 (then nothing is sealed, and searches score every match).
    static func of(title: String?, lead: String, body: String) -> ArticleTerms? {
        TokenizerPool.shared.withTokenizer { tokenizer, counter in
            let weights = SearchBounds.columnWeights
            counter.weight = weights.title
            if let title { tokenizer.tokenize(title, into: counter) }
            counter.weight = weights.lead
            tokenizer.tokenize(lead, into: counter)
            counter.weight = weights.body
            tokenizer.tokenize(body, into: counter)
            return counter.take()
        }
    }

    /// The hash `ArticleTerms` and `BlockTermCounter` both key terms by.
    @inline(__always) static func hash(_ token: UnsafeRawBufferPointer) -> UInt64 {
        var key: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in token { key = (key ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return key == 0 ? 1 : key
    }

    /// Where a term hash starts probing in an open-addressed table of `mask + 1` slots (Fibonacci
    /// hashing: the multiplied key's high bits).
    @inline(__always) static func slot(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9e37_79b9_7f4a_7c15) >> 32) & mask
    }
}

/// Gathers one article's `ArticleTerms` from the tokenizer, in an open-addressed table of raw
/// buffers kept from article to article (it runs once per token of every article loaded).
final class ArticleTermCounter: TokenSink {
    @exclusivity(unchecked) var weight: Int32 = 1
    @exclusivity(unchecked) private var terms = ArticleTerms()
    @exclusivity(unchecked) private var keys: UnsafeMutableBufferPointer<UInt64>
    @exclusivity(unchecked) private var positions: UnsafeMutableBufferPointer<Int32>
    @exclusivity(unchecked) private var mask: Int
    @exclusivity(unchecked) private var used: [Int] = []

    override init() {
        let size = 2048
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0)
        positions = .allocate(capacity: size)
        positions.initialize(repeating: 0)
        mask = size - 1
    }

    deinit {
        keys.deallocate()
        positions.deallocate()
    }

    override func consume(_ token: UnsafeRawBufferPointer) {
        terms.length += 1
        let key = ArticleTerms.hash(token)
        var slot = ArticleTerms.slot(of: key, mask: mask)
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] == key {
            terms.weightedCounts[Int(positions[slot])] += weight
            return
        }
        keys[slot] = key
        positions[slot] = Int32(terms.hashes.count)
        used.append(slot)
        terms.hashes.append(key)
        terms.weightedCounts.append(weight)
        terms.nameBytes.append(contentsOf: token)
        terms.nameEnds.append(Int32(terms.nameBytes.count))
        if used.count * 2 > keys.count { grow() }
    }

    /// The article's terms; the counter is empty again for the next article.
    func take() -> ArticleTerms {
        for slot in used { keys[slot] = 0 }
        used.removeAll(keepingCapacity: true)
        defer { terms = ArticleTerms() }
        return terms
    }

    private func grow() {
        let size = keys.count * 2
        keys.deallocate()
        positions.deallocate()
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0)
        positions = .allocate(capacity: size)
        positions.initialize(repeating: 0)
        mask = size - 1
        used.removeAll(keepingCapacity: true)
        for (index, key) in terms.hashes.enumerated() {
            var slot = ArticleTerms.slot(of: key, mask: mask)
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            positions[slot] = Int32(index)
            used.append(slot)
        }
    }
}

/// FTS5 tokenizers for the parsing threads, each with a counter: one pair is lent to a thread at a
/// time (a tokenizer keeps state while it runs), each tokenizer made on an in-memory database of its own.
final class TokenizerPool: @unchecked Sendable {
    // @unchecked Sendable: `idle` is touched only under `lock`; a tokenizer is used by one thread
    // at a time, between taking it from `idle` and putting it back.
    static let shared = TokenizerPool()

    private let lock = NSLock()
    private var idle: [(FTSTokenizer, ArticleTermCounter)] = []
    private var unavailable = false

    func withTokenizer<T>(_ body: (FTSTokenizer, ArticleTermCounter) -> T) -> T? {
        lock.lock()
        var lent = idle.popLast()
        let missing = unavailable
        lock.unlock()
        if lent == nil, !missing {
            lent = (try? Connection(path: ":memory:")).flatMap { FTSTokenizer(connection: $0) }.map { ($0, ArticleTermCounter()) }
            if lent == nil {
                lock.lock()
                unavailable = true
                lock.unlock()
            }
        }
        guard let lent else { return nil }
        defer {
            lock.lock()
            idle.append(lent)
            lock.unlock()
        }
        return body(lent.0, lent.1)
    }
}
