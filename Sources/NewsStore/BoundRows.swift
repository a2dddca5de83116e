/// The current search bounds of the words one search asks about, each word's read once: a word's
/// total (the sum of its blocks' counts) and its shares in the plan come from the same rows, which
/// for a common word are thousands (one per sealed block).
final class BoundRows {
    /// One sealed block's bounds for a word.
    struct Row {
        let block: Int64
        let articles: Int64
        let maxWeightedCount: Int64
        let minLengthPerCount: Double
        /// Which of the block's ids hold the word (`BlockTermCounter.Term.articleBits`); nil for
        /// a row sealed before the file kept them.
        let articleBits: SIMD4<UInt64>?
    }

    /// What the file's schema keeps of the bounds (a reader does not migrate an older file).
    struct Layout: Equatable {
        /// `search_bound_terms.articles_bitmap` (schema 17 on).
        var articleBits: Bool
        /// `search_bound_packs` (schema 18 on).
        var packs: Bool

        static let current = Layout(articleBits: true, packs: true)

        /// Found by statements that prepare or not: the read-only commands' authorizer refuses PRAGMAs.
        static func of(_ connection: Connection) throws -> Layout {
            func prepares(_ sql: String) throws -> Bool {
                do {
                    _ = try connection.query(sql)
                    return true
                } catch let error as SQLiteError where error.code == .error {
                    return false
                }
            }
            return Layout(articleBits: try prepares("SELECT articles_bitmap FROM search_bound_terms LIMIT 0"),
                          packs: try prepares("SELECT entries FROM search_bound_packs LIMIT 0"))
        }
    }

    let connection: Connection
    /// Blocks from 0 to the one holding the largest id.
    let blockCount: Int
    private var byTerm: [String: [Row]] = [:]
    private var generations: [Int64?]?
    private var sealedBlockCount: Int64?
    private let layout: Layout

    init(connection: Connection, blockCount: Int, layout: Layout = .current) {
        self.connection = connection
        self.blockCount = blockCount
        self.layout = layout
    }

    /// The term's rows (as the index stores it, stemmed) in blocks whose seal is current.
    func rows(of term: String) throws -> [Row] {
        if let rows = byTerm[term] { return rows }
        let rows = try read(term)
        byTerm[term] = rows
        return rows
    }

    /// Which blocks below `blockCount` are sealed (have bounds).
    func sealed() throws -> [Bool] {
        try sealGenerations().map { $0 != nil }
    }

    /// Each block's seal (its generation; nil where it is not sealed), read once: through the
    /// narrow index of Migrations/0015, about 2M instructions for a 1M file's 3,700 blocks.
    private func sealGenerations() throws -> [Int64?] {
        if let generations { return generations }
        var read = [Int64?](repeating: nil, count: blockCount)
        let statement = try connection.cachedStatement("SELECT block, generation FROM search_blocks")
        try statement.forEachRawRow { row in
            let block = row.integer(0)
            if block >= 0, block < blockCount { read[Int(block)] = row.integer(1) }
        }
        generations = read
        return read
    }

    /// A word with more rows than this has them checked against every block's seal read at once;
    /// one with fewer, each row's seal looked up (a statement each, ~2,000 instructions).
    static let rowsCheckedOneByOne = 512

    /// How many blocks are sealed, counted once. Every sealed block lies below `blockCount`: its
    /// 256 ids are all taken, and deleting one unseals it (Migrations/0009).
    private func sealedCount() throws -> Int64 {
        if let sealedBlockCount { return sealedBlockCount }
        let count = min(Int64(blockCount), try connection.scalar("SELECT count(*) FROM search_blocks")?.int64Value ?? 0)
        sealedBlockCount = count
        return count
    }

    /// The most articles `term` can be in: its rows' counts, fewer than `SearchBounds.minimumArticles`
    /// in each sealed block without a row, and every id of a block not sealed. Enough to tell that
    /// a word is too rare for a plan or for the helpers, without FTS5 counting it.
    func atMost(_ term: String) throws -> Int64 {
        let rows = try self.rows(of: term)
        let sealed = try sealedCount()
        let rowless = max(0, sealed - Int64(rows.count))
        return rows.reduce(0) { $0 + $1.articles } + rowless * Int64(SearchBounds.minimumArticles - 1)
            + (Int64(blockCount) - sealed) * SearchBounds.blockSize
    }

    /// A stored bitmap's 32 bytes as four words; nil when there is none.
    static func articleBits(_ bytes: UnsafeRawBufferPointer) -> SIMD4<UInt64>? {
        guard bytes.count == 32 else { return nil }
        var bits = SIMD4<UInt64>()
        for word in 0..<4 { bits[word] = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self)) }
        return bits
    }

    /// The groups of blocks up to the one bound as its parameter.
    private static let blockGroups = "WITH RECURSIVE block_groups (number) AS (SELECT 0 UNION ALL SELECT number + 1 FROM block_groups WHERE number < ?)"

    /// A term's packs (one row per packed group, `BoundPacks`), then its rows in groups not packed
    /// or blocks sealed since: both are keyed by group of blocks first (Migrations/0012, 0018), so
    /// a statement seeks each group once. An entry or row counts only where its generation is its
    /// block's seal: joined in SQL, the check cost a common word's read about a fifth of its time.
    private func read(_ term: String) throws -> [Row] {
        guard blockCount > 0 else { return [] }
        // Room for a row per block at once: a common word has one in nearly every block, and
        // grown row by row its array was copied a dozen times (a twentieth of a `said` search).
        var rows: [Row] = []
        var generations: [Int64] = []
        rows.reserveCapacity(blockCount)
        generations.reserveCapacity(blockCount)
        if layout.packs {
            let packs = try connection.cachedStatement("""
                \(Self.blockGroups) SELECT p.block_group, p.entries FROM search_bound_packs p WHERE p.block_group IN block_groups AND p.term = ?
                """)
            try packs.bind([.integer(SearchBounds.group(of: Int64(blockCount - 1))), .text(term)])
            defer { packs.reset() }
            try packs.forEachRawRow { row in
                BoundPacks.forEachEntry(in: row.blob(1), group: row.integer(0)) { entry in
                    guard entry.row.block < blockCount else { return }
                    rows.append(entry.row)
                    generations.append(entry.generation)
                }
            }
        }
        let statement = try connection.cachedStatement("""
            \(Self.blockGroups) SELECT t.block, t.generation, t.articles, t.max_weighted_tf, t.min_length_per_tf, \(layout.articleBits ? "t.articles_bitmap" : "NULL")
            FROM search_bound_terms t WHERE t.block_group IN block_groups AND t.term = ?
            """)
        try statement.bind([.integer(SearchBounds.group(of: Int64(blockCount - 1))), .text(term)])
        defer { statement.reset() }
        // One row per sealed block of a common word: read without a Row made for each.
        try statement.forEachRawRow { row in
            let block = row.integer(0)
            guard block >= 0, block < blockCount else { return }
            rows.append(Row(block: block, articles: row.integer(2), maxWeightedCount: row.integer(3), minLengthPerCount: row.real(4),
                            articleBits: Self.articleBits(row.blob(5))))
            generations.append(row.integer(1))
        }
        // A block's packed entry and its row differ in generation: at most one of them counts.
        // The rows that do are moved to the front, in place.
        var kept = 0
        if rows.count > Self.rowsCheckedOneByOne {
            let seals = try sealGenerations()
            for index in rows.indices where seals[Int(rows[index].block)] == generations[index] {
                rows[kept] = rows[index]
                kept += 1
            }
        } else {
            let lookup = try connection.cachedStatement("SELECT generation FROM search_blocks WHERE block = ?")
            for index in rows.indices {
                try lookup.bind([.integer(rows[index].block)])
                var seal: Int64?
                try lookup.forEachInteger(column: 0) { seal = $0 }
                guard seal == generations[index] else { continue }
                rows[kept] = rows[index]
                kept += 1
            }
        }
        rows.removeLast(rows.count - kept)
        return rows
    }
}
