/// Searches filtered by a person, place, organisation or agency that few articles name: only the
/// blocks holding those articles are scanned.
extension SearchEngine {
    /// A filter whose articles lie in at most this share of the blocks is driven from its side:
    /// past it, a statement per run of blocks costs more than the matches it skips.
    static let candidateBlockShare = 8

    /// Scores, with `score` (the scan's SQL and values), the matches of `expression` in the blocks
    /// that hold an article naming one of the entities asked for, found through
    /// `article_entities_by_entity`, or credited to one of the agencies asked for (`agencies`, as
    /// `BlockFilter.asciiLowercased` gives them), found through `article_credits_by_agency`; with
    /// several such filters (all must pass), the blocks of each that names few. No article outside
    /// those blocks can pass the filters, so the matches `score` admits are all of them. False,
    /// with nothing scored, where every such filter names articles in too many blocks or a
    /// transaction is open. One read transaction holds the blocks and the scan to one snapshot; the
    /// first match is scored alone for the IDF the rest reuse.
    /// A source or aggregator filter none of whose names the file holds passes nothing either, and
    /// is answered here with nothing scanned.
    func scoreCandidateBlocks(expression: String, settings: BlockFilter.Settings,
                              positions: MatchPositions, score: (String, [SQLValue]) throws -> Void) throws -> Bool {
        let namesNothing = settings.sources?.isEmpty == true || settings.aggregators?.isEmpty == true
        let (entities, agencies) = (settings.entities, settings.agencies)
        guard namesNothing || !entities.isEmpty || agencies != nil, !connection.isInTransaction else { return false }
        return try connection.transaction(.deferred) { () throws -> Bool in
            let blockCount = try self.blockCount()
            guard let blocks = namesNothing ? []
                    : try candidateBlocks(entities: entities, agencies: agencies, limit: blockCount / Self.candidateBlockShare)
            else { return false }
            lastCandidateBlocks = blocks.count
            // No article can pass: nothing to score (and no match to take the statistics from).
            if blocks.isEmpty { return true }
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

    /// The blocks (in order) that can hold an article passing every entity and agency filter, or
    /// nil when each filter names articles in more than `limit` blocks. A filter whose names found
    /// no entity, or no agency as any article's credit spells it, passes nothing: no block.
    func candidateBlocks(entities: [BlockFilter.ListColumn: Set<Int64>], agencies: Set<String>? = nil, limit: Int) throws -> [Int64]? {
        var candidates: Set<Int64>?
        func narrow(to blocks: Set<Int64>) {
            guard blocks.count <= limit else { return }
            candidates = candidates.map { $0.intersection(blocks) } ?? blocks
        }
        for ids in entities.values {
            guard !ids.isEmpty else { return [] }
            let list = IDList(Array(ids))
            narrow(to: try blocks("""
                SELECT DISTINCT article_id >> \(SearchBounds.blockShift) FROM article_entities WHERE entity_id IN (\(list.placeholders)) LIMIT ?
                """, list.values, limit: limit))
        }
        if let agencies {
            let spellings = try creditSpellings().filter { agencies.contains(BlockFilter.asciiLowercased($0)) }
            guard !spellings.isEmpty else { return [] }
            narrow(to: try creditedBlocks(spellings, limit: limit))
        }
        return candidates.map { $0.sorted() }
    }

    /// The blocks `sql` selects, at most `limit` + 1 of them (bound as its last value).
    private func blocks(_ sql: String, _ values: [SQLValue], limit: Int) throws -> Set<Int64> {
        let statement = try connection.cachedStatement(sql)
        try statement.bind(values + [.integer(Int64(limit) + 1)])
        var blocks = Set<Int64>()
        try statement.forEachInteger(column: 0) { blocks.insert($0) }
        return blocks
    }

    /// The blocks holding an article credited to one of `spellings`, at most `limit` + 1 of them:
    /// one seek of `article_credits_by_agency` per block, so an agency on most articles costs a
    /// few hundred seeks before it is left to the block filter, not a read of its every row.
    private func creditedBlocks(_ spellings: [String], limit: Int) throws -> Set<Int64> {
        let next = try connection.cachedStatement("SELECT article_id FROM article_credits WHERE agency = ? AND article_id >= ? ORDER BY article_id LIMIT 1")
        var blocks = Set<Int64>()
        for spelling in spellings {
            var from: Int64 = .min
            while blocks.count <= limit {
                try next.bind([.text(spelling), .integer(from)])
                guard let id = try next.step()?.int64(0) else { break }
                let block = SearchBounds.block(of: id)
                blocks.insert(block)
                from = (block + 1) << SearchBounds.blockShift
            }
            next.reset()
        }
        return blocks
    }

    /// Each agency as some article's credit spells it, one seek of `article_credits_by_agency` per
    /// spelling: a file holds a few dozen, on however many rows.
    func creditSpellings() throws -> [String] {
        let next = try connection.cachedStatement("SELECT agency FROM article_credits WHERE agency > ? ORDER BY agency LIMIT 1")
        var spellings: [String] = []
        var after = ""
        while true {
            try next.bind([.text(after)])
            guard let row = try next.step(), let agency = row.string(0) else { break }
            spellings.append(agency)
            after = agency
        }
        next.reset()
        return spellings
    }
}
