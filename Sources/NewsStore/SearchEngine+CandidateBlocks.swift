/// Searches filtered by a person, place or organisation that few articles name: only the blocks
/// holding those articles are scanned.
extension SearchEngine {
    /// A filter whose articles lie in at most this share of the blocks is driven from its side:
    /// past it, a statement per run of blocks costs more than the matches it skips.
    static let candidateBlockShare = 8

    /// Scores, with `score` (the scan's SQL and values), the matches of `expression` in the blocks
    /// that hold an article naming one of the entities asked for, found through
    /// `article_entities_by_entity`; with several entity filters (all must pass), the blocks of
    /// each that names few. No article outside those blocks can pass the filters, so the matches
    /// `score` admits are all of them. False, with nothing scored, where every entity filter names
    /// articles in too many blocks or a transaction is open. One read transaction holds the blocks
    /// and the scan to one snapshot; the first match is scored alone for the IDF the rest reuse.
    func scoreCandidateBlocks(expression: String, entities: [BlockFilter.ListColumn: Set<Int64>], positions: MatchPositions,
                              score: (String, [SQLValue]) throws -> Void) throws -> Bool {
        guard !entities.isEmpty, !connection.isInTransaction else { return false }
        return try connection.transaction(.deferred) { () throws -> Bool in
            let blockCount = try self.blockCount()
            guard let blocks = try candidateBlocks(entities: entities, limit: blockCount / Self.candidateBlockShare) else { return false }
            lastCandidateBlocks = blocks.count
            positions.knownPhraseRows = try knownPhraseRows(of: expression)
            try scoreFirstMatch(of: expression, leavingStatisticsIn: positions)
            let sql = Self.rankingScanSQL(idRange: true, filtered: true)
            for run in SearchBounds.runs(of: blocks) {
                try score(sql, [.text(expression), .integer(run.lowerBound << SearchBounds.blockShift),
                                .integer(((run.upperBound + 1) << SearchBounds.blockShift) - 1)])
            }
            return true
        }
    }

    /// The blocks (in order) that can hold an article passing every entity filter, or nil when each
    /// filter names articles in more than `limit` blocks. A filter whose names found no entity
    /// passes nothing: no block.
    func candidateBlocks(entities: [BlockFilter.ListColumn: Set<Int64>], limit: Int) throws -> [Int64]? {
        var candidates: Set<Int64>?
        for ids in entities.values {
            guard !ids.isEmpty else { return [] }
            let list = IDList(Array(ids))
            let statement = try connection.cachedStatement("""
                SELECT DISTINCT article_id >> \(SearchBounds.blockShift) FROM article_entities WHERE entity_id IN (\(list.placeholders)) LIMIT ?
                """)
            try statement.bind(list.values + [.integer(Int64(limit) + 1)])
            var blocks = Set<Int64>()
            try statement.forEachInteger(column: 0) { blocks.insert($0) }
            guard blocks.count <= limit else { continue }
            candidates = candidates.map { $0.intersection(blocks) } ?? blocks
        }
        return candidates.map { $0.sorted() }
    }
}
