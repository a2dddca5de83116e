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
    /// Bound rows are stored by group of 64 blocks first (Migrations/0012), so a batch's rows land
    /// together; the migration's copy uses the same shift.
    static let groupShift: Int64 = 6
    static var groupSize: Int64 { 1 << groupShift }
    static func group(of block: Int64) -> Int64 { block >> groupShift }
    /// Blocks in order joined into runs of neighbours (a statement each, where they are scanned).
    static func runs(of blocks: [Int64]) -> [ClosedRange<Int64>] {
        var runs: [ClosedRange<Int64>] = []
        for block in blocks {
            if let last = runs.last, last.upperBound + 1 == block {
                runs[runs.count - 1] = last.lowerBound...block
            } else {
                runs.append(block...block)
            }
        }
        return runs
    }
    /// The rank function's column weights, as whole counts.
    static let columnWeights = (title: Int32(SearchEngine.columnWeights.title), lead: Int32(SearchEngine.columnWeights.lead),
                                body: Int32(SearchEngine.columnWeights.body))

    /// Blocks being filled by this writer: the terms of each article it stored there, counted on
    /// the parsing threads. A block whose every row came through here is sealed from these; any
    /// other (begun by an earlier load, text changed, a batch rolled back) from its stored text.
    private struct OpenBlock {
        let counter = BlockTermCounter()
        var ids = Set<Int64>()
        var spoiled = false
    }
    private var openBlocks: [Int64: OpenBlock] = [:]
    /// Blocks sealed from their stored text rather than from counts made on the parsing threads.
    private(set) var sealedFromStoredText = 0

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

    /// An article this writer stored, with its terms (nil: counted from the text at sealing).
    func stored(id: Int64, terms: ArticleTerms?) {
        let block = Self.block(of: id)
        var open = openBlocks[block] ?? OpenBlock()
        if let terms, !open.spoiled, open.ids.insert(id).inserted {
            open.counter.add(terms, offset: Int(id - (block << Self.blockShift)))
        } else {
            open.spoiled = true
        }
        openBlocks[block] = open
    }

    /// A stored article's text changed (a title filled in): its block is sealed from the text.
    func textChanged(id: Int64) {
        openBlocks[Self.block(of: id), default: OpenBlock()].spoiled = true
    }

    /// Seals every block below the next free id that is not sealed yet: the ones this batch
    /// filled, and any whose text changed since (or that an older version of newsdb never sealed).
    func sealCompleteBlocks() throws {
        for block in try Self.fullBlocks(withoutRowIn: "search_blocks", connection: connection) {
            try seal(block)
        }
        try fillMissingLengths()
        try BoundPacks.packFullGroups(connection: connection)
    }

    /// Blocks sealed before the file kept lengths (migration 0013) get them now.
    private func fillMissingLengths() throws {
        let missing = try connection.query("SELECT block FROM search_blocks WHERE lengths IS NULL").compactMap { $0.int64(0) }
        let update = try connection.cachedStatement("UPDATE search_blocks SET lengths = ? WHERE block = ?")
        for block in missing {
            try update.bind([.blob(try Self.lengths(of: block, connection: connection)), .integer(block)])
            try update.run()
        }
    }

    /// A length the index has no docsize row for.
    static let unknownLength = UInt32.max

    /// Each id's token count in the block, as FTS5 stores it (its docsize row's varints, one per
    /// column, summed), as little-endian 32-bit numbers: the layout of `search_blocks.lengths`.
    static func lengths(of block: Int64, connection: Connection) throws -> [UInt8] {
        let first = block << blockShift
        var lengths = [UInt32](repeating: unknownLength, count: Int(blockSize))
        let rows = try connection.cachedStatement("SELECT id, sz FROM articles_fts_docsize WHERE id BETWEEN ? AND ?")
        try rows.bind([.integer(first), .integer(first + blockSize - 1)])
        try rows.forEachRawRow { row in
            lengths[Int(row.integer(0) - first)] = UInt32(clamping: sumOfVarints(row.blob(1)))
        }
        return lengths.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    }

    /// FTS5 stores each column's size as a SQLite varint: big-endian groups of seven bits.
    static func sumOfVarints(_ bytes: UnsafeRawBufferPointer) -> Int {
        var total = 0
        var value = 0
        for byte in bytes {
            value = (value << 7) | Int(byte & 0x7f)
            if byte & 0x80 == 0 {
                total += value
                value = 0
            }
        }
        return total
    }

    /// The blocks below the next free id (every id of them taken) that have no row in `table`
    /// (keyed by `block`): the ones a batch filled, and any whose row was dropped since.
    static func fullBlocks(withoutRowIn table: String, connection: Connection) throws -> [Int64] {
        let maxID = try connection.scalar("SELECT coalesce(max(id), 0) FROM articles")?.int64Value ?? 0
        let full = block(of: maxID + 1)
        let present = try connection.scalar("SELECT count(*) FROM \(table) WHERE block < ?", [.integer(full)])?.int64Value ?? 0
        guard present < full else { return [] }
        let rows = Set(try connection.query("SELECT block FROM \(table) WHERE block < ?", [.integer(full)]).compactMap { $0.int64(0) })
        return (0..<full).filter { !rows.contains($0) }
    }

    private func seal(_ block: Int64) throws {
        let first = block << Self.blockShift
        let last = first + Self.blockSize - 1
        defer { openBlocks[block] = nil }
        let counter: BlockTermCounter
        if let open = openBlocks[block], !open.spoiled,
           Int64(open.ids.count) == (try connection.scalar("SELECT count(*) FROM articles WHERE id BETWEEN ? AND ?", [.integer(first), .integer(last)])?.int64Value) {
            counter = open.counter
        } else {
            counter = try countStoredText(first: first, last: last)
            sealedFromStoredText += 1
        }
        try connection.execute("UPDATE newsdb_state SET search_generation = search_generation + 1")
        let generation = try connection.scalar("SELECT search_generation FROM newsdb_state")?.int64Value ?? 0
        // An upsert, not INSERT OR REPLACE: a replace may delete a row first, so it opens a
        // statement journal (see `ArticleWriter.insertMention`), here once per term and block.
        let insert = try connection.cachedStatement("""
            INSERT INTO search_bound_terms (term, block, generation, articles, max_weighted_tf, min_length_per_tf, block_group, articles_bitmap)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET generation = excluded.generation, articles = excluded.articles,
                max_weighted_tf = excluded.max_weighted_tf, min_length_per_tf = excluded.min_length_per_tf,
                articles_bitmap = excluded.articles_bitmap
            """)
        for term in counter.counted where term.articles >= Self.minimumArticles {
            try insert.bind([.text(term.name), .integer(block), .integer(generation), .integer(Int64(term.articles)),
                             .integer(Int64(term.maxWeightedCount)), .real(term.minLengthPerCount), .integer(Self.group(of: block)),
                             .blob(term.bitmap)])
            try insert.run()
        }
        try connection.execute("""
            INSERT INTO search_blocks (block, generation, lengths) VALUES (?, ?, ?)
            ON CONFLICT DO UPDATE SET generation = excluded.generation, lengths = excluded.lengths
            """,
                               [.integer(block), .integer(generation), .blob(try Self.lengths(of: block, connection: connection))])
    }

    /// A block's terms counted from its stored text, as the full-text index read it.
    private func countStoredText(first: Int64, last: Int64) throws -> BlockTermCounter {
        let weights = [Self.columnWeights.title, Self.columnWeights.lead, Self.columnWeights.body]
        let counter = BlockTermCounter()
        let rows = try connection.cachedStatement("SELECT title, lead, body, id FROM articles WHERE id BETWEEN ? AND ?")
        try rows.bind([.integer(first), .integer(last)])
        defer { rows.reset() }
        try rows.forEachRawRow { row in
            for column in 0..<3 {
                counter.weight = weights[column]
                tokenizer.tokenize(row.text(column), into: counter)
            }
            counter.endArticle(offset: Int(row.integer(3) - first))
        }
        return counter
    }
}
