import Foundation

/// Seals blocks of articles for pruned ranking (Migrations/0009_search_bounds.sql): for each block
/// of `blockSize` ids whose every id is taken, and each term in at least `minimumArticles` of its
/// articles, the largest weighted count of the term in one article and the smallest article length
/// per count. `PrunedRanking` turns the two into a bound on the term's BM25 share in any article of
/// the block.
///
/// The writer calls it inside its batch transaction, after the batch is in the full-text index, so
/// a block's bounds commit with its last articles or not at all.
final class SearchBounds {
    static let blockShift: Int64 = 8
    static var blockSize: Int64 { 1 << blockShift }
    /// Terms in fewer articles of a block get no row: BM25's ceiling bounds them, and a search of
    /// such a rare term has few matches to score anyway. Fewer rows keep the file and the load small.
    static let minimumArticles = 4

    static func block(of id: Int64) -> Int64 { id >> blockShift }

    private let connection: Connection
    private let tokenizer: FTSTokenizer

    /// Nil when the connection's SQLite has no FTS5 tokenizer to count with.
    init?(connection: Connection) {
        guard let tokenizer = FTSTokenizer(connection: connection) else { return nil }
        self.connection = connection
        self.tokenizer = tokenizer
    }

    /// Before a batch: no sealed block may lie at or past the next free id (its ids could be
    /// taken again only after rows were deleted, but then its bounds would describe other text).
    func unsealBlocks(from nextID: Int64) throws {
        try connection.execute("DELETE FROM search_blocks WHERE block >= ?", [.integer(Self.block(of: nextID))])
    }

    /// Seals every block below the next free id that is not sealed yet: the ones this batch
    /// filled, and any whose text changed since (or that an older version of newsdb never sealed).
    func sealCompleteBlocks() throws {
        let maxID = try connection.scalar("SELECT coalesce(max(id), 0) FROM articles")?.int64Value ?? 0
        let complete = Self.block(of: maxID + 1)
        let sealedCount = try connection.scalar("SELECT count(*) FROM search_blocks WHERE block < ?", [.integer(complete)])?.int64Value ?? 0
        guard sealedCount < complete else { return }
        let sealed = Set(try connection.query("SELECT block FROM search_blocks WHERE block < ?", [.integer(complete)]).compactMap { $0.int64(0) })
        for block in 0..<complete where !sealed.contains(block) {
            try seal(block)
        }
    }

    /// What one term is seen doing in one block.
    private struct TermBounds {
        var articles = 0
        var maxWeightedCount = 0
        var minLengthPerCount = Double.infinity
    }

    private func seal(_ block: Int64) throws {
        let first = block << Self.blockShift
        let last = first + Self.blockSize - 1
        let weights = [Int(SearchEngine.columnWeights.title), Int(SearchEngine.columnWeights.lead), Int(SearchEngine.columnWeights.body)]
        // Terms are told apart by a 64-bit hash of their bytes: a collision would merge two terms'
        // counts, which still bounds both (the larger count, the smaller length per count).
        var terms: [UInt64: TermBounds] = [:]
        var names: [UInt64: String] = [:]
        var counts: [UInt64: Int] = [:]
        let rows = try connection.cachedStatement("SELECT title, lead, body FROM articles WHERE id BETWEEN ? AND ?")
        try rows.bind([.integer(first), .integer(last)])
        defer { rows.reset() }
        while let row = try rows.step() {
            var length = 0
            counts.removeAll(keepingCapacity: true)
            for column in 0..<3 {
                guard let text = row.string(column) else { continue }
                let weight = weights[column]
                tokenizer.forEachToken(in: text) { token in
                    let key = Self.hash(token)
                    counts[key, default: 0] += weight
                    length += 1
                    if names[key] == nil { names[key] = String(decoding: token, as: UTF8.self) }
                }
            }
            for (key, count) in counts {
                terms[key, default: TermBounds()].articles += 1
                terms[key]!.maxWeightedCount = max(terms[key]!.maxWeightedCount, count)
                terms[key]!.minLengthPerCount = min(terms[key]!.minLengthPerCount, Double(length) / Double(count))
            }
        }
        try connection.execute("UPDATE newsdb_state SET search_generation = search_generation + 1")
        let generation = try connection.scalar("SELECT search_generation FROM newsdb_state")?.int64Value ?? 0
        let insert = try connection.cachedStatement("""
            INSERT OR REPLACE INTO search_bound_terms (term, block, generation, max_weighted_tf, min_length_per_tf)
            VALUES (?, ?, ?, ?, ?)
            """)
        for (key, bounds) in terms where bounds.articles >= Self.minimumArticles {
            try insert.bind([.text(names[key] ?? ""), .integer(block), .integer(generation),
                             .integer(Int64(bounds.maxWeightedCount)), .real(bounds.minLengthPerCount)])
            try insert.run()
        }
        try connection.execute("INSERT OR REPLACE INTO search_blocks (block, generation) VALUES (?, ?)", [.integer(block), .integer(generation)])
    }

    /// FNV-1a over the token's bytes.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return value
    }
}
