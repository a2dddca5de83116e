/// Searches by words sorted by date, newest or oldest first.
extension SearchEngine {
    /// The page of a words search sorted by date, found from the facet blocks' `days` column: each
    /// match's day is read from its block, not from its long row in `articles`, and only the
    /// matches that can reach the page (those on the page's last day or better, and those whose
    /// day the blocks cannot give) have their `published` read to order them exactly as SQL would
    /// (`published IS NULL`, then `published`, then the id). Only the page's hits are scored.
    /// Nil, with nothing done, on a file without facet blocks (an older schema).
    func datedPage(expression: String, request: SearchRequest, start: ContinuousClock.Instant,
                   clock: ContinuousClock) throws -> SearchResult? {
        guard request.sort != .relevance, try hasFacetBlocks() else { return nil }
        let newest = request.sort == .newest
        let filter = request.query.filters.isEmpty ? nil : try blockFilter(for: request.query.filters, exact: true)
        // One snapshot for the matches, their days and rows, and the page's scores.
        func page() throws -> (ids: [Int64], hits: [SearchHit]) {
            var ids = try matchIDs(expression)
            if let filter { ids = ids.filter(filter.admits) }
            let wanted = request.offset + request.limit
            let candidates = try DayColumn(connection: connection).candidates(among: ids, count: wanted, newest: newest)
            var published: [Int64: [UInt8]] = [:]
            for start in stride(from: 0, to: candidates.count, by: 512) {
                let chunk = IDList(Array(candidates[start..<min(start + 512, candidates.count)]))
                let statement = try connection.cachedStatement("SELECT id, published FROM articles WHERE id IN (\(chunk.placeholders))")
                try statement.bind(chunk.values)
                try statement.forEachRawRow { row in
                    if !row.isNull(1) { published[row.integer(0)] = Array(row.text(1)) }
                }
            }
            // As SQL orders them: dated first, then by `published` as bytes, then by id.
            let ordered = candidates.sorted { a, b in
                switch (published[a], published[b]) {
                case (nil, nil): return newest ? a > b : a < b
                case (nil, _): return false
                case (_, nil): return true
                case let (x?, y?):
                    if x != y { return newest ? y.lexicographicallyPrecedes(x) : x.lexicographicallyPrecedes(y) }
                    return newest ? a > b : a < b
                }
            }
            let pageIDs = Array(ordered.dropFirst(request.offset).prefix(request.limit))
            return (ids, try hits(pageIDs, expression: expression, request: request))
        }
        do {
            var (ids, hits) = connection.isInTransaction ? try page() : try connection.transaction(.deferred) { try page() }
            try addSnippets(to: &hits, request: request)
            let facets = try countFacets(of: &ids, matchesOf: expression, total: ids.count, kinds: request.facets, size: request.facetSize,
                                         joined: filter == nil ? (Self.matchFacetsSQL, [.text(expression)]) : nil)
            return SearchResult(total: ids.count, hits: hits, facets: facets, elapsed: clock.now - start)
        } catch let error as SQLiteError where request.rawExpression != nil && error.code == .error {
            throw RawExpressionError(message: error.message)
        }
    }

    /// The page's hits in the order given, each with its BM25 score as a ranked search gives it.
    private func hits(_ ids: [Int64], expression: String, request: SearchRequest) throws -> [SearchHit] {
        guard !ids.isEmpty else { return [] }
        let list = IDList(ids)
        let rows = try connection.query("""
            SELECT a.id, 0, a.title, a.lead, s.name, a.published
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN (\(list.placeholders))
            """, list.values)
        var byID: [Int64: SearchHit] = [:]
        for row in rows { byID[row.int64(0) ?? 0] = Self.hit(from: row, snippet: nil) }
        let positions = MatchPositions()
        positions.cutoff = -.infinity
        if request.rawExpression == nil { positions.knownPhraseRows = try knownPhraseRows(of: expression) }
        let weights = Self.columnWeights
        // Numbered: the pointer's parameter comes first in the text and last in the values.
        let numbered = (0..<list.values.count).map { "?\($0 + 2)" }.joined(separator: ",")
        let scoring = try connection.cachedStatement("""
            SELECT f.rowid, \(RankFunction.name)(articles_fts, \(weights.title), \(weights.lead), \(weights.body), ?\(list.values.count + 2))
            FROM articles_fts f WHERE articles_fts MATCH ?1 AND f.rowid IN (\(numbered))
            """)
        try withExtendedLifetime(positions) {
            try scoring.bind([.text(expression)] + list.values, pointer: Unmanaged.passUnretained(positions).toOpaque(),
                             type: MatchPositions.pointerType)
            try scoring.forEachScoredRow { id, score in byID[id]?.score = score }
        }
        return ids.compactMap { byID[$0] }
    }
}

/// Each article's day as the facet blocks keep it (`article_facet_blocks.days`: a number that sorts
/// as the first ten characters of `published` do), read a block at a time.
struct DayColumn {
    let connection: Connection

    /// The ids (of `ids`, in id order) that can be among the first `count` by date: every id whose
    /// day is the `count`-th best day or better, and every id whose day the blocks cannot give (no
    /// row, a column not packed, no date or an empty one), whose row decides. An id left out has a
    /// day worse than `count` others', so its `published` sorts after theirs whatever follows the day.
    func candidates(among ids: [Int64], count: Int, newest: Bool) throws -> [Int64] {
        guard count > 0 else { return [] }
        var known: [(id: Int64, day: UInt32)] = []
        var unknown: [Int64] = []
        let statement = try connection.cachedStatement("SELECT days FROM article_facet_blocks WHERE block = ?")
        var block: Int64 = -1
        var days: [UInt32]?
        for id in ids {
            if SearchBounds.block(of: id) != block {
                block = SearchBounds.block(of: id)
                days = nil
                try statement.bind([.integer(block)])
                try statement.forEachRawRow { row in
                    let column = row.blob(0)
                    guard column.count == FacetBlocks.singleColumnSize else { return }
                    days = (0..<FacetBlocks.slots).map { FacetBlocks.number(at: $0, in: column) }
                }
            }
            let day = days?[Int(id & (SearchBounds.blockSize - 1))] ?? 0
            if day == 0 { unknown.append(id) } else { known.append((id, day)) }
        }
        guard known.count > count else { return known.map(\.id) + unknown }
        var ordered = known.map(\.day)
        ordered.sort()
        let edge = newest ? ordered[ordered.count - count] : ordered[count - 1]
        return known.filter { newest ? $0.day >= edge : $0.day <= edge }.map(\.id) + unknown
    }
}
