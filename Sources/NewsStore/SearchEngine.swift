import Foundation

/// Runs searches: the matching ids go once into a temporary table, from which the page of hits,
/// the total and every facet are read, so all counts cover the whole match set exactly.
public final class SearchEngine {
    /// BM25 weights for title, lead and body, chosen on the relevance set in the tests: a word in the
    /// title says most about what an article is about, the lead next, the body least.
    public static let columnWeights = (title: 5.0, lead: 2.0, body: 1.0)

    let connection: Connection
    /// False only to compare pruned ranking with scoring every match (tests, benchmarks).
    public var allowsPruning = true
    public var pruning = PrunedRanking.Settings()
    /// How many stretch statements the last search scored, or nil when it scored every match.
    public private(set) var lastPrunedStatements: Int?
    /// Whether the tables of newer schema versions are in the file (a reader does not migrate).
    private var knownTables: [String: Bool] = [:]
    /// What the file keeps of the bounds (bits from schema 17, packs from 18), checked once.
    private var boundsLayout: BoundRows.Layout?
    /// FTS5's tokenizer for a pruned search's words, made once per engine (nil without FTS5).
    lazy var tokenizer = FTSTokenizer(connection: connection)
    /// Matches tied at the page's edge kept in memory; past it the search ranks in SQL instead.
    var tieLimit = BestScores.tieLimit
    /// Made at the first words-only page and kept for the next ones (nil: `snippet()` is used).
    private lazy var snippetMaker = SnippetMaker(connection: connection)
    /// Threads that score a large match set together (`ScanHelpers`); 1 scores on this connection alone.
    public var threads = ProcessInfo.processInfo.activeProcessorCount {
        didSet { scanHelpers = ScanHelpers(path: connection.path, count: threads, pageCache: connection.pageCache) }
    }
    /// Below this many matches at most (as the blocks' counts of the query's words bound them), one
    /// thread scores them: the helpers' statements would cost more than they save (measured at
    /// 100k and 1M, BENCHMARKS.md).
    public var parallelMinimumRows: Int64 = 16_384
    /// The first search to use the helpers opens them (each reads the schema: 5-10 ms of a
    /// `newsdb search` process): it needs this many times more matches.
    static let helpersFirstUseFactor: Int64 = 4
    /// Opened at the first search that scores enough matches, kept for the next ones.
    lazy var scanHelpers = ScanHelpers(path: connection.path, count: threads, pageCache: connection.pageCache)
    /// How many threads scored the last search's matches: more than 1 where the helpers did.
    public internal(set) var lastScanThreads = 1
    /// How many blocks the last search scanned, when an entity filter few articles pass chose them.
    public internal(set) var lastCandidateBlocks: Int?
    /// Whether the last search scored its one phrase without the IDF and put it in at the end
    /// (`OnePhraseRanking`).
    public internal(set) var lastDeferredIDF = false
    /// Tests only: runs after a parallel scan has read the file's version, before the helpers join
    /// its snapshot (a commit here must send the search back to one thread).
    var beforeJoiningHelpers: (() throws -> Void)?

    public init(connection: Connection) {
        self.connection = connection
    }

    /// The SQL and values that select a request's matches, as `--show-sql` prints them: the ranking
    /// scan for words by relevance, the matches' ids for words by date, else (filters alone) the
    /// statement that fills `temp.search_hits`.
    public static func matchSQL(for request: SearchRequest) -> (sql: String, values: [SQLValue]) {
        if ranksInOnePass(request), let expression = request.expression {
            let filters = request.query.filters
            guard !filters.isEmpty else { return (rankingScanSQL(), [.text(expression)]) }
            let check = rowCheckSQL(for: filters)
            return (rankingScanSQL(filtered: true) + "\n-- where the blocks cannot decide, \(BlockFilter.functionName) runs: " + check.sql,
                    [.text(expression)] + check.values)
        }
        if let expression = request.expression {
            // Sorted by date (`datedPage`): the matches' ids, each judged by the filter, then days from the blocks.
            let filters = request.query.filters
            guard !filters.isEmpty else { return (matchIDsSQL, [.text(expression)]) }
            let check = rowCheckSQL(for: filters)
            return (matchIDsSQL + "\n-- each match judged by \(BlockFilter.functionName); where the blocks cannot decide: " + check.sql,
                    [.text(expression)] + check.values)
        }
        return hitsTableSQL(for: request)
    }

    /// Words by relevance, filtered or not: one scan ranks and counts (and collects the ids whose
    /// facets are counted), each match judged by its block's columns (`BlockFilter`).
    static func ranksInOnePass(_ request: SearchRequest) -> Bool {
        request.expression != nil && request.sort == .relevance
    }

    /// The scan of `rankedPage`. After the expression (and, with `idRange`, the first and last id
    /// of a stretch of pruned ranking) come two pointers: the `MatchPositions` the rank function
    /// leaves each row's places in, then, when `filtered`, the `BlockFilter` that decides each
    /// match before it is scored.
    static func rankingScanSQL(idRange: Bool = false, filtered: Bool = false) -> String {
        let weights = columnWeights
        let positions = idRange ? 4 : 2
        return """
            SELECT f.rowid, \(RankFunction.name)(articles_fts, \(weights.title), \(weights.lead), \(weights.body), ?\(positions))
            FROM articles_fts f
            WHERE articles_fts MATCH ?1\(idRange ? " AND f.rowid BETWEEN ?2 AND ?3" : "")\(filtered ? " AND \(BlockFilter.functionName)(f.rowid, ?\(positions + 1))" : "")
            """
    }

    /// The conditions of the filters that read the article's own columns (source, aggregator,
    /// dates) on `articles a`, each `?` a value in order.
    static func articleConditions(for filters: SearchFilters) -> (conditions: [String], values: [SQLValue]) {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if !filters.sources.isEmpty {
            conditions.append("a.source_id IN (SELECT id FROM sources WHERE lower(name) IN (\(lowered(filters.sources))))")
            values += filters.sources.map(SQLValue.text)
        }
        if !filters.aggregators.isEmpty {
            conditions.append("a.aggregator_id IN (SELECT id FROM aggregators WHERE lower(name) IN (\(lowered(filters.aggregators))))")
            values += filters.aggregators.map(SQLValue.text)
        }
        if let from = filters.from {
            conditions.append("a.published >= ?")
            values.append(.text(from))
        }
        if let to = filters.to {
            // Dates may carry a time: "2025-03-31T14:05" is still on the 31st.
            conditions.append("a.published <= ?")
            values.append(.text(upperBound(to: to)))
        }
        return (conditions, values)
    }

    /// The value `published` is compared with for `to:`.
    static func upperBound(to: String) -> String { to + "T99" }

    /// `lower(?)` once per name.
    private static func lowered(_ list: [String]) -> String { lowered(count: list.count) }
    private static func lowered(count: Int) -> String { Array(repeating: "lower(?)", count: count).joined(separator: ", ") }

    /// Whether one article passes all the search's filters (its own columns, then the rows that
    /// hang off it): the check `BlockFilter` runs for a match its block cannot decide. The first
    /// value is the article's id.
    static func rowCheckSQL(for filters: SearchFilters, entityIDs: [BlockFilter.ListColumn: Set<Int64>]? = nil) -> (sql: String, values: [SQLValue]) {
        let article = articleConditions(for: filters)
        let related = relatedRowConditions(for: filters, id: "a.id", entityIDs: entityIDs)
        return ((["SELECT 1 FROM articles a WHERE a.id = ?"] + article.conditions + related.conditions).joined(separator: " AND "),
                article.values + related.values)
    }

    /// The conditions of the filters that read rows hanging off the article (agencies, people,
    /// places, organisations), for the article whose id is the SQL `id`, each `?` a value in order.
    /// `entityIDs`: the entities each kind's names were found to be, looked up once, so that a
    /// condition run once per row does not look them up again (9M instructions a row at 1M).
    static func relatedRowConditions(for filters: SearchFilters, id: String,
                                     entityIDs: [BlockFilter.ListColumn: Set<Int64>]? = nil) -> (conditions: [String], values: [SQLValue]) {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if !filters.agencies.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM article_credits c WHERE c.article_id = \(id) AND lower(c.agency) IN (\(lowered(filters.agencies))))")
            values += filters.agencies.map(SQLValue.text)
        }
        for (type, list) in entityFilters(filters) {
            if let ids = entityIDs?[BlockFilter.ListColumn(type)] {
                let found = IDList(ids.sorted())
                conditions.append("EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_id = \(id) AND ae.entity_id IN (\(found.placeholders)))")
                values += found.values
            } else {
                conditions.append("EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_id = \(id) AND ae.entity_id IN (\(entityIDsSQL(list.count))))")
                values += entityIDsValues(type: type, list)
            }
        }
        return (conditions, values)
    }

    /// Each kind of entity the filters name, with its names.
    static func entityFilters(_ filters: SearchFilters) -> [(type: Entity.Kind, names: [String])] {
        [(Entity.Kind.person, filters.people), (.place, filters.places), (.organization, filters.organizations)].filter { !$0.1.isEmpty }
    }

    /// The ids of the entities of one kind with one of `count` names, or one of them as an alias:
    /// person:Putin finds "Vladimir Putin". Its values: `entityIDsValues`.
    static func entityIDsSQL(_ count: Int) -> String {
        """
        SELECT e.id FROM entities e WHERE e.type = ? AND (lower(e.name) IN (\(lowered(count: count)))
            OR e.id IN (SELECT entity_id FROM entity_aliases WHERE lower(alias) IN (\(lowered(count: count)))))
        """
    }

    static func entityIDsValues(type: Entity.Kind, _ names: [String]) -> [SQLValue] {
        [.text(type.rawValue)] + names.map(SQLValue.text) + names.map(SQLValue.text)
    }

    /// Every match's id, for the facets of a ranked search whose page was found by pruning.
    static let matchIDsSQL = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
    /// Every match's packed facet row, for facets of matches too sparse for the blocks.
    static let matchFacetsSQL = "SELECT p.packed FROM articles_fts f CROSS JOIN article_facets p ON p.article_id = f.rowid WHERE articles_fts MATCH ?"

    /// SQL and values that fill `temp.search_hits` for a request; pure, so tests can read it.
    ///
    /// The values are numbered `?1`, `?2`… in order. A search by words then takes one or two pointers
    /// after them: the `MatchPositions` its rank function reads known row counts from, and the
    /// `BlockFilter` when `usesBlockFilter` (see `search`).
    static func hitsTableSQL(for request: SearchRequest) -> (sql: String, values: [SQLValue]) {
        var conditions: [String] = []
        var values: [SQLValue] = []
        let filters = request.query.filters
        let id = request.expression == nil ? "a.id" : "f.rowid"
        if let expression = request.expression {
            conditions.append("articles_fts MATCH ?")
            values.append(.text(expression))
        }
        // The articles table is joined only when a filter reads its columns: for a words-only
        // search, fetching every matching row would cost more than the matching itself.
        let article = articleConditions(for: filters)
        let readsArticles = !article.conditions.isEmpty
        conditions += article.conditions
        values += article.values
        let related = relatedRowConditions(for: filters, id: id)
        conditions += related.conditions
        values += related.values
        var number = 0
        var numbered = conditions.map { condition in
            String(condition.flatMap { character -> [Character] in
                guard character == "?" else { return [character] }
                number += 1
                return Array("?\(number)")
            })
        }
        let select: String
        if request.expression != nil {
            let weights = columnWeights
            select = """
                INSERT INTO temp.search_hits (id, score)
                SELECT f.rowid, \(RankFunction.name)(articles_fts, \(weights.title), \(weights.lead), \(weights.body), ?\(values.count + 1))
                FROM articles_fts f\(readsArticles ? " JOIN articles a ON a.id = f.rowid" : "")
                """
            if usesBlockFilter(request) {
                // Right after the MATCH: SQLite tests a match's terms in the order written, so a
                // match its block turns away is never joined to its row nor looked up in the
                // credits and entities.
                numbered.insert("\(BlockFilter.functionName)(f.rowid, ?\(values.count + 2))", at: 1)
            }
        } else {
            select = "INSERT INTO temp.search_hits (id, score) SELECT a.id, 0 FROM articles a"
        }
        return (select + (numbered.isEmpty ? "" : "\nWHERE " + numbered.joined(separator: "\n  AND ")), values)
    }

    /// Blocks of article ids up to the largest, the last one perhaps not full.
    func blockCount() throws -> Int {
        Int(SearchBounds.block(of: try connection.scalar("SELECT coalesce(max(id), 0) FROM articles")?.int64Value ?? 0)) + 1
    }

    /// Runs `hitsTableSQL` with its pointers bound.
    private func fillHits(_ request: SearchRequest) throws {
        let (sql, values) = Self.hitsTableSQL(for: request)
        guard let expression = request.expression else {
            try connection.execute(sql, values)
            return
        }
        let positions = MatchPositions()
        // No row's places are kept: the page is read back from the table and its snippets cut afresh.
        positions.cutoff = -.infinity
        if request.rawExpression == nil {
            positions.knownPhraseRows = try knownPhraseRows(of: expression)
        }
        // The SQL condition stays in the statement: the filter only turns away what it would.
        let filter = Self.usesBlockFilter(request) ? try blockFilter(for: request.query.filters, exact: false) : nil
        var pointers = [(Unmanaged.passUnretained(positions).toOpaque(), MatchPositions.pointerType)]
        if let filter { pointers.append((Unmanaged.passUnretained(filter).toOpaque(), BlockFilter.pointerType)) }
        let statement = try connection.cachedStatement(sql)
        try withExtendedLifetime((positions, filter)) {
            try statement.bind(values, pointers: pointers)
            try statement.run()
        }
    }

    /// Each word's row count for the IDF, from the blocks' counts (`PrunedRanking.wordTotal`), for a
    /// scan that scores every match: FTS5 would otherwise read every row holding each word to count
    /// it (most of a filtered search for a common word). Nil when some phrase is not one word, or a
    /// column filter or NEAR changes what the rank function counts: it then counts for itself.
    /// `read`: the words' bounds read already in this snapshot.
    func knownPhraseRows(of expression: String, read: BoundRows? = nil) throws -> [Int64]? {
        guard allowsPruning, !expression.contains(":"), !expression.contains("NEAR("),
              let phrases = PrunedRanking.phrases(of: expression), try hasSearchBounds(), let tokenizer else { return nil }
        let boundRows = try read ?? makeBoundRows()
        return try phraseRows(phrases, tokenizer: tokenizer, boundRows: boundRows, known: [:]) { _ in nil }
    }

    /// Each phrase's rows for the IDF: `known` ones as given, else the blocks' counts
    /// (`PrunedRanking.wordTotal`), else `otherwise`; nil when `otherwise` gives none.
    private func phraseRows(_ phrases: [PrunedRanking.Phrase], tokenizer: FTSTokenizer, boundRows: BoundRows, known: [String: Int64],
                            otherwise: (String) throws -> Int64?) throws -> [Int64]? {
        var rowsByWord = known
        for phrase in phrases where rowsByWord[phrase.text] == nil {
            guard let rows = try PrunedRanking.wordTotal(boundRows: boundRows, tokenizer: tokenizer, word: phrase.text)
                    ?? otherwise(phrase.text) else { return nil }
            rowsByWord[phrase.text] = rows
        }
        return phrases.map { rowsByWord[$0.text] ?? 0 }
    }

    /// Words with any filter: the scan tests each match's block before it reads the match's row
    /// from `articles` or its credits and entities. The statement then takes one more parameter, the
    /// `BlockFilter`, bound as a pointer after the values `hitsTableSQL` returns.
    static func usesBlockFilter(_ request: SearchRequest) -> Bool {
        let filters = request.query.filters
        return request.expression != nil
            && !(articleConditions(for: filters).conditions.isEmpty && relatedRowConditions(for: filters, id: "").conditions.isEmpty)
    }

    static let createHits = "CREATE TEMP TABLE IF NOT EXISTS search_hits (id INTEGER PRIMARY KEY, score REAL NOT NULL)"

    public func search(_ request: SearchRequest) throws -> SearchResult {
        lastPrunedStatements = nil
        lastScanThreads = 1
        lastCandidateBlocks = nil
        lastDeferredIDF = false
        let clock = ContinuousClock()
        let start = clock.now
        if Self.ranksInOnePass(request), let expression = request.expression,
           let result = try rankedPage(expression: expression, request: request, start: start, clock: clock) {
            return result
        }
        if let expression = request.expression, let result = try datedPage(expression: expression, request: request, start: start, clock: clock) {
            return result
        }
        try collectMatches(of: request)
        let total = Int(try connection.scalar("SELECT count(*) FROM temp.search_hits")?.int64Value ?? 0)
        var hits = try page(request)
        try addSnippets(to: &hits, request: request)
        let facets = try packedFacets(request.facets, size: request.facetSize)
        return SearchResult(total: total, hits: hits, facets: facets, elapsed: clock.now - start)
    }

    /// Puts every match of the request (its filters applied) into `temp.search_hits`, with its
    /// score when it has words: what the page, total and facets of a search by filters alone read,
    /// and what an export restricted by a query copies.
    public func collectMatches(of request: SearchRequest) throws {
        try connection.execute(Self.createHits)
        try connection.execute("DELETE FROM temp.search_hits")
        do {
            // One snapshot for the words' row counts and the scan that scores with them.
            if connection.isInTransaction {
                try fillHits(request)
            } else {
                try connection.transaction(.deferred) { try fillHits(request) }
            }
        } catch let error as SQLiteError where request.rawExpression != nil && error.code == .error {
            throw RawExpressionError(message: error.message)
        }
    }

    /// Words by relevance, filtered only as the blocks decide: one pass over the matches scores each, counts them, keeps the best few
    /// with the places of their matched phrases, and keeps their ids for the facets, counted after
    /// from the packed blocks (`FacetBlocks`). Only the kept rows are read from `articles`, and the page's snippets are
    /// cut from their text at those places. A filter (`BlockFilter`) decides each match before it
    /// is scored. Nil when too many matches tie at the page's edge to keep in memory.
    private func rankedPage(expression: String, request: SearchRequest, start: ContinuousClock.Instant, clock: ContinuousClock) throws -> SearchResult? {
        var best = BestScores(capacity: request.offset + request.limit, tieLimit: tieLimit)
        let countsFacets = !request.facets.isEmpty
        var matchIDs: [Int64] = []
        let positions = MatchPositions()
        let settings = request.query.filters.isEmpty ? nil : try blockFilterSettings(for: request.query.filters, exact: true)
        let filter = try settings.map { try BlockFilter(connection: connection, settings: $0) }
        var places: [Int64: [MatchPositions.Instance]] = [:]
        var shares: [Int64: RankFunction.PhraseShare] = [:]
        var total = 0
        /// Scores the rows `sql` selects, leaving out those in `skipped` blocks (scored already, true by block);
        /// `collectingIDs` where they are every match (a pruned search's stretches are not).
        func score(_ sql: String, _ values: [SQLValue], skipped: [Bool]?, collectingIDs: Bool = false) throws {
            let statement = try connection.cachedStatement(sql)
            var pointers = [(Unmanaged.passUnretained(positions).toOpaque(), MatchPositions.pointerType)]
            if let filter { pointers.append((Unmanaged.passUnretained(filter).toOpaque(), BlockFilter.pointerType)) }
            try withExtendedLifetime((positions, filter)) {
                try statement.bind(values, pointers: pointers)
                try statement.forEachScoredRow { id, score in
                    if let skipped, case let block = Int(SearchBounds.block(of: id)), block < skipped.count, skipped[block] { return }
                    total += 1
                    if best.offer(id: id, score: score) {
                        places[id] = positions.row
                        if positions.defersIDF { shares[id] = positions.rowShare }
                        positions.cutoff = best.cutoff
                    }
                    if collectingIDs { matchIDs.append(id) }
                }
            }
        }
        do {
            // Read before either way of ranking reads anything: the helpers then use the words' bounds
            // the plan read, as long as no commit came since (their `join` checks that).
            let version = scanHelpers == nil || connection.isInTransaction ? nil : try ScanHelpers.version(of: connection)
            var boundRows: BoundRows?
            if request.rawExpression == nil, allowsPruning, let settings,
               try scoreCandidateBlocks(expression: expression, settings: settings, positions: positions,
                                        score: { try score($0, $1, skipped: nil, collectingIDs: countsFacets) }) {
                // Filtered by entities or agencies few articles name (or by names no article has): every
                // match that can pass was scored (and counted) in the few blocks it can lie in.
            } else if request.rawExpression == nil, allowsPruning, request.offset + request.limit > 0,
               let pruned = try scorePruned(expression: expression, positions: positions, filter: filter, version: version, boundRows: &boundRows,
                                            best: { best.cutoff }, score: { try score($0, $1, skipped: $2) }) {
                total = pruned.total
                if let admitted = pruned.admitted {
                    matchIDs = admitted
                } else if countsFacets, try !facetsCountedByHelpers(matches: total) {
                    // The page came from a few blocks; the facets still count every match, but
                    // without scoring it.
                    matchIDs = try self.matchIDs(expression)
                }
            } else if let version,
                      let found = try scoreInParallel(expression: expression, request: request, collectsIDs: countsFacets,
                                                      versionBefore: version, boundRows: boundRows) {
                total = found.total
                best = found.best
                places = found.places
                matchIDs = found.ids
                positions.phraseSizes = found.phraseSizes
            } else {
                // scorePruned scored nothing when it returned nil.
                let scan = { try score(Self.rankingScanSQL(filtered: filter != nil), [.text(expression)], skipped: nil, collectingIDs: countsFacets) }
                if filter != nil, request.rawExpression == nil, !connection.isInTransaction {
                    // A filtered scan of a common word: its rows for the IDF from the blocks' counts
                    // (FTS5 would read every row holding it), in the scan's snapshot.
                    try connection.transaction(.deferred) {
                        // The bounds the plan read hold for this snapshot where no commit came since.
                        let unchanged = try version != nil && ScanHelpers.version(of: connection) == version
                        positions.knownPhraseRows = try knownPhraseRows(of: expression, read: unchanged ? boundRows : nil)
                        try scan()
                    }
                } else if deferIDF(expression: expression, request: request, filtered: filter != nil) {
                    positions.defersIDF = true
                    try scan()
                    if let statistics = positions.statistics, statistics.idfDeferred {
                        if let rescored = OnePhraseRanking.withIDF(best, shares: shares, total: total, rowCount: statistics.rowCount) {
                            best = rescored
                            lastDeferredIDF = true
                        } else {
                            // A match left out may tie the page's last once the IDF is in: score again with it.
                            best = BestScores(capacity: request.offset + request.limit, tieLimit: tieLimit)
                            (places, shares, total, matchIDs) = ([:], [:], 0, [])
                            positions.defersIDF = false
                            positions.statistics = nil
                            positions.cutoff = .infinity
                            try scan()
                        }
                    }
                } else {
                    try scan()
                }
            }
        } catch let error as SQLiteError where request.rawExpression != nil && error.code == .error {
            throw RawExpressionError(message: error.message)
        }
        if best.overflowed { return nil }
        var hits: [SearchHit] = []
        var texts: [Int64: [String]] = [:]
        if !best.entries.isEmpty {
            let scores = Dictionary(best.entries.map { ($0.id, $0.score) }, uniquingKeysWith: { first, _ in first })
            let ids = IDList(try firstInOrder(best.entries, count: request.offset + request.limit))
            let rows = try connection.query("""
                SELECT a.id, 0, a.title, a.lead, s.name, a.published, a.body
                FROM articles a LEFT JOIN sources s ON s.id = a.source_id
                WHERE a.id IN (\(ids.placeholders))
                """, ids.values)
            // The lead's opening stands in for a snippet only where none is cut (below).
            hits = rows.map { Self.hit(from: $0, snippet: "") }
            for row in rows {
                if let id = row.int64(0) { texts[id] = [row.string(2) ?? "", row.string(3) ?? "", row.string(6) ?? ""] }
            }
            for index in hits.indices { hits[index].score = scores[hits[index].id] ?? 0 }
            hits.sort { a, b in
                if a.score != b.score { return a.score < b.score }
                if a.published != b.published { return (a.published ?? "") > (b.published ?? "") }
                return a.id < b.id
            }
            hits = Array(hits.dropFirst(request.offset).prefix(request.limit))
        }
        if let maker = snippetMaker {
            for index in hits.indices {
                let id = hits[index].id
                if let columns = texts[id], let snippet = maker.snippet(columns: columns, instances: places[id] ?? [], phraseSizes: positions.phraseSizes) {
                    hits[index].snippet = snippet
                }
            }
        } else {
            try addSnippets(to: &hits, request: request)
        }
        for index in hits.indices where hits[index].snippet.isEmpty {
            hits[index].snippet = Self.opening(of: texts[hits[index].id]?[1] ?? "")
        }
        // Filtered, the matches' rows are read by id: the MATCH alone would select every match.
        let facets = try countFacets(of: &matchIDs, matchesOf: expression, total: total, kinds: request.facets, size: request.facetSize,
                                     joined: filter == nil ? (Self.matchFacetsSQL, [.text(expression)]) : nil)
        return SearchResult(total: total, hits: hits, facets: facets, elapsed: clock.now - start)
    }

    /// The ids of every match, in id order.
    func matchIDs(_ expression: String) throws -> [Int64] {
        var ids: [Int64] = []
        let scan = try connection.cachedStatement(Self.matchIDsSQL)
        try scan.bind([.text(expression)])
        try scan.forEachInteger(column: 0) { ids.append($0) }
        return ids
    }

    /// Scores only the stretches of ids `PrunedRanking` plans, best bound first, until the page's
    /// cut (`cutoff()`, a score: lower is better) is better than the next stretch can reach.
    /// Returns the exact number of matches, with a `filter` the ids of those it admits (all of
    /// them are judged first: the total and the facets need them, and a block none of them is in
    /// is not scored); or nil (nothing scored) when pruning would not pay: few matches, a prefix,
    /// or too few sealed blocks. One read transaction holds the statements to one snapshot of the file.
    private func scorePruned(expression: String, positions: MatchPositions, filter: BlockFilter?, version: SQLValue?,
                             boundRows boundRowsRead: inout BoundRows?, best cutoff: () -> Double,
                             score: (String, [SQLValue], [Bool]?) throws -> Void) throws -> (total: Int, admitted: [Int64]?)? {
        guard let phrases = PrunedRanking.phrases(of: expression), PrunedRanking.pays(for: expression, phrases: phrases),
              !connection.isInTransaction, try hasSearchBounds(), let tokenizer else { return nil }
        // Words ANDed are counted by FTS5 reading every row of each: the helpers share that, on the
        // snapshot they join first thing in the transaction.
        // Once open: opening them costs a `newsdb search` process more than they save on a count.
        let helpers = phrases.count > 1 && filter == nil && scanHelpers?.isOpen == true && version != nil ? scanHelpers : nil
        return try connection.transaction(.deferred) { () throws -> (total: Int, admitted: [Int64]?)? in
            let counters = try helpers.flatMap { try $0.join(connection, versionBefore: version) ? $0 : nil }
            defer { counters?.leave() }
            // One word: its total from the blocks' counts where it can be had.
            let boundRows = try makeBoundRows()
            boundRowsRead = boundRows
            let blocks = Int64(boundRows.blockCount)
            // The query's matches first: with few, scoring them all is cheaper than any plan. Then
            // each phrase's rows counted by FTS5 for the IDF (the same count when the query is one
            // phrase). A column filter changes what the rank function counts for a phrase, so then
            // it counts for itself.
            func count(_ expression: String) throws -> Int64 {
                if let counters {
                    return try ParallelRanking.counts(of: [expression], helpers: counters,
                                                      stretches: ParallelRanking.stretches(blockCount: blocks, helpers: counters),
                                                      timeLimit: connection.timeLimit)[0]
                }
                return try connection.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [.text(expression)])?.int64Value ?? 0
            }
            let word = phrases.count == 1 && expression == SearchQueryParser.quote(phrases[0].text) ? phrases[0].text : nil
            // Words ANDed or NOTed, no column named: their total may come from the blocks' bits.
            let andedWords = filter == nil && phrases.count > 1 && !expression.contains(":") ? phrases : nil
            // Scoring every match goes as many times faster as there are helpers to share it.
            let threads = Int64(scanHelpers?.count ?? 1)
            // Words ANDed prune from more matches, even where their total comes free: each word's
            // bound in a block may come from a different article, so more blocks reach the page's cut
            // (1M: `council vote`, 52,988 matches, 26-30 ms scored in full, 38-44 pruned from 6 a block).
            let perBlock = word == nil ? pruning.matchesPerBlock : pruning.wordMatchesPerBlock
            let minimumTotal = threads * max(Int64(pruning.minimumMatches), Int64(perBlock) * blocks)
            // Where the blocks show too few matches, nothing is counted.
            let atMost = try PrunedRanking.matchesAtMost(phrases, boundRows: boundRows, tokenizer: tokenizer)
            if let atMost, atMost < minimumTotal { return nil }
            var admitted: [Int64]?
            if let filter {
                // First guessed from articles spread over the whole file, as counting the matches
                // that pass costs a pass over all of them: too small a share, or too few matches
                // passing at that share, and every match is scored (which also counts them).
                let sample = PrunedRanking.filterSample(blockCount: blocks, settings: pruning)
                let passing = sample.count(where: filter.admits)
                guard passing * pruning.filteredShare >= sample.count, !sample.isEmpty,
                      (atMost ?? .max) / Int64(sample.count) * Int64(passing) >= minimumTotal else { return nil }
                // Words (no column named): the matches from the blocks' bits, the filter deciding a
                // block's at once; else every match's id from FTS5, each judged.
                var found = try expression.contains(":") ? nil
                    : PrunedRanking.admittedMatches(boundRows: boundRows, tokenizer: tokenizer, phrases: phrases, expression: expression, filter: filter)
                if found == nil {
                    let ids = try matchIDs(expression)
                    found = (ids.filter(filter.admits), ids.count)
                }
                let matches = found!.matches
                admitted = found!.admitted
                // The page's cut is that of the best matches that pass: where few do, it sits so low
                // that most blocks' bounds reach it, and scoring every match (which also counts
                // them) costs less than counting them first and then scoring nearly as many.
                guard admitted!.count * pruning.filteredShare >= matches else { return nil }
            }
            // From the blocks where they can: a word's counts, the bits of words ANDed or NOTed.
            let total = try admitted.map { Int64($0.count) }
                ?? word.flatMap { try PrunedRanking.wordTotal(boundRows: boundRows, tokenizer: tokenizer, word: $0) }
                ?? andedWords.flatMap { try PrunedRanking.andTotal(boundRows: boundRows, tokenizer: tokenizer, phrases: $0, expression: expression) }
                ?? count(expression)
            guard total >= minimumTotal else { return nil }
            if !expression.contains(":") {
                // A one-word query's rows are its total, counted already (unless filtered).
                let known = admitted == nil ? word.map { [$0: total] } : nil
                positions.knownPhraseRows = try phraseRows(phrases, tokenizer: tokenizer, boundRows: boundRows,
                                                           known: known ?? [:]) { try count(SearchQueryParser.quote($0)) }
            }
            // One row scored apart, only for the IDF and average length the bounds are made with;
            // the stretches' statements then reuse them.
            try scoreFirstMatch(of: expression, leavingStatisticsIn: positions)
            guard let statistics = positions.statistics,
                  var stretches = try PrunedRanking.plan(boundRows: boundRows, tokenizer: tokenizer, phrases: phrases, statistics: statistics,
                                                         total: Int(total), exactShares: bestScoresByBlock)
            else { return nil }
            if let admitted {
                // A sealed block (one a stretch) none of whose matches passes the filter holds none of the page.
                var blocksWithMatches = [Bool](repeating: false, count: boundRows.blockCount)
                for id in admitted where SearchBounds.block(of: id) < blocks { blocksWithMatches[Int(SearchBounds.block(of: id))] = true }
                stretches.removeAll { stretch in
                    let block = SearchBounds.block(of: stretch.first)
                    return stretch.bound != .infinity && block < blocks && !blocksWithMatches[Int(block)]
                }
            }
            let sql = Self.rankingScanSQL(idRange: true, filtered: filter != nil)
            // The best-bound stretches first, one statement each, until no other can beat the page's
            // cut or `pruning.singleStatements` have run and fewer stretches than that still reach
            // the cut (each scored alone raises it, where a run is scored whole); then what may
            // still beat the cut, joined into runs by id, leaving out the rows scored already.
            var scoredBlocks = [Bool](repeating: false, count: boundRows.blockCount)
            var opening = 0
            func opensAnother() -> Bool {
                opening < pruning.singleStatements || cutoff() == .infinity
                    || (opening < pruning.maximumSingleStatements
                        && PrunedRanking.stretchesReaching(cutoff(), in: stretches, from: opening) > opening)
            }
            while opening < stretches.count, -stretches[opening].bound <= cutoff(), opensAnother() {
                let stretch = stretches[opening]
                try score(sql, [.text(expression), .integer(stretch.first), .integer(stretch.last)], nil)
                for block in SearchBounds.block(of: stretch.first)...SearchBounds.block(of: stretch.last) where block < blocks {
                    scoredBlocks[Int(block)] = true
                }
                opening += 1
            }
            let matchesPerBlock = max(1, total / blocks)
            let runs = PrunedRanking.runs(of: Array(stretches[opening...]), cutoff: cutoff(),
                                          bridgedBlocks: Int64(pruning.statementCost) / matchesPerBlock)
            for run in runs where -run.bound <= cutoff() {
                try score(sql, [.text(expression), .integer(run.first), .integer(run.last)], scoredBlocks)
            }
            lastPrunedStatements = opening + runs.count
            return (Int(total), admitted)
        }
    }

    /// Scores the first match of `expression` alone, so that the rank function leaves the query's
    /// IDF and average length in `positions` for the statements that score the rest.
    func scoreFirstMatch(of expression: String, leavingStatisticsIn positions: MatchPositions) throws {
        let probe = try connection.cachedStatement(Self.rankingScanSQL() + " LIMIT 1")
        try withExtendedLifetime(positions) {
            try probe.bind([.text(expression)], pointer: Unmanaged.passUnretained(positions).toOpaque(), type: MatchPositions.pointerType)
            try probe.forEachScoredRow { _, _ in }
        }
    }

    /// The filter of a search's sources, aggregators (their ids, as the SQL condition finds them)
    /// and dates. `exact`: it decides every match itself, asking `articles` where the blocks
    /// cannot; else it only turns away what the blocks rule out, for an SQL condition to decide.
    func blockFilter(for filters: SearchFilters, exact: Bool) throws -> BlockFilter {
        try BlockFilter(connection: connection, settings: try blockFilterSettings(for: filters, exact: exact))
    }

    func blockFilterSettings(for filters: SearchFilters, exact: Bool) throws -> BlockFilter.Settings {
        func ids(_ table: String, _ names: [String]) throws -> Set<Int64>? {
            guard !names.isEmpty else { return nil }
            return Set(try connection.query("SELECT id FROM \(table) WHERE lower(name) IN (\(Self.lowered(names)))", names.map(SQLValue.text)).compactMap { $0.int64(0) })
        }
        var entities: [BlockFilter.ListColumn: Set<Int64>] = [:]
        for (type, names) in Self.entityFilters(filters) {
            let found = try connection.query(Self.entityIDsSQL(names.count), Self.entityIDsValues(type: type, names)).compactMap { $0.int64(0) }
            entities[BlockFilter.ListColumn(type)] = Set(found)
        }
        // A file of an older schema has no blocks: every match is then left to the SQL.
        return BlockFilter.Settings(hasBlocks: try hasFacetBlocks(), sources: try ids("sources", filters.sources),
                                    aggregators: try ids("aggregators", filters.aggregators),
                                    from: filters.from, to: filters.to.map(Self.upperBound(to:)),
                                    agencies: filters.agencies.isEmpty ? nil : Set(filters.agencies.map(BlockFilter.asciiLowercased)),
                                    entities: entities,
                                    rowCheck: exact ? Self.rowCheckSQL(for: filters, entityIDs: entities) : nil)
    }

    /// The words' bounds for one search, read as the file's schema has them.
    func makeBoundRows() throws -> BoundRows {
        if boundsLayout == nil { boundsLayout = try BoundRows.Layout.of(connection) }
        return BoundRows(connection: connection, blockCount: try blockCount(), layout: boundsLayout ?? .current)
    }

    /// Whether the file has the bounds' tables: a reader may open a file of an older schema
    /// (version 8 or before), which it does not migrate.
    func hasSearchBounds() throws -> Bool {
        try hasTables(["search_blocks", "search_bound_terms"])
    }

    /// Whether the file has the packed facet blocks (schema version 10 on).
    func hasFacetBlocks() throws -> Bool {
        try hasTables(["article_facet_blocks"])
    }

    private func hasTables(_ names: [String]) throws -> Bool {
        let key = names.joined(separator: ",")
        if let known = knownTables[key] { return known }
        let list = names.map { "'\($0)'" }.joined(separator: ", ")
        let found = try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN (\(list))")?.int64Value == Int64(names.count)
        knownTables[key] = found
        return found
    }

    /// One phrase scored alone over the whole file: its best BM25 share (positive) in each block, 0
    /// where it is absent. Alone, the phrase has the IDF it has in the full query, so these are
    /// exactly its shares there.
    private func bestScoresByBlock(phrase: String, blockCount: Int) throws -> [Double] {
        var best = [Double](repeating: 0, count: blockCount)
        let positions = MatchPositions()
        positions.cutoff = -.infinity
        let statement = try connection.cachedStatement(Self.rankingScanSQL())
        try withExtendedLifetime(positions) {
            try statement.bind([.text(SearchQueryParser.quote(phrase))], pointer: Unmanaged.passUnretained(positions).toOpaque(), type: MatchPositions.pointerType)
            try statement.forEachScoredRow { id, score in
                let block = Int(SearchBounds.block(of: id))
                if block < blockCount, -score > best[block] { best[block] = -score }
            }
        }
        return best
    }

    /// The first `count` of the kept matches in the page's order (score, then newer, then lower id).
    /// Only when more are kept (ties at the page's edge) are their dates read, in chunks, so that
    /// texts are then read for the page's rows alone.
    private func firstInOrder(_ entries: [(score: Double, id: Int64)], count: Int) throws -> [Int64] {
        guard entries.count > count else { return entries.map(\.id) }
        var published: [Int64: String] = [:]
        for start in stride(from: 0, to: entries.count, by: 512) {
            let ids = IDList(entries[start..<min(start + 512, entries.count)].map(\.id))
            for row in try connection.query("SELECT id, published FROM articles WHERE id IN (\(ids.placeholders))", ids.values) {
                if let id = row.int64(0), let date = row.string(1) { published[id] = date }
            }
        }
        return entries.sorted { a, b in
            if a.score != b.score { return a.score < b.score }
            let first = published[a.id] ?? "", second = published[b.id] ?? ""
            if first != second { return first > second }
            return a.id < b.id
        }.prefix(count).map(\.id)
    }

    private func page(_ request: SearchRequest) throws -> [SearchHit] {
        let order = switch request.sort {
        case .relevance: "h.score, a.published DESC, h.id"
        case .newest: "a.published IS NULL, a.published DESC, h.id DESC"
        case .oldest: "a.published IS NULL, a.published, h.id"
        }
        // By relevance only the hits scoring at least as well as the page's last one (ties
        // included, so the date-then-id order at the edge stays exact) are joined to their rows.
        var cut = ""
        var values: [SQLValue] = []
        if request.sort == .relevance {
            cut = "WHERE h.score <= coalesce((SELECT score FROM temp.search_hits ORDER BY score LIMIT 1 OFFSET ?), 1e308)"
            values.append(SQLValue(max(0, request.offset + request.limit - 1)))
        }
        let rows = try connection.query("""
            SELECT h.id, h.score, a.title, a.lead, s.name, a.published
            FROM temp.search_hits h CROSS JOIN articles a ON a.id = h.id LEFT JOIN sources s ON s.id = a.source_id
            \(cut)
            ORDER BY \(order) LIMIT ? OFFSET ?
            """, values + [SQLValue(request.limit), SQLValue(request.offset)])
        return rows.map { Self.hit(from: $0, snippet: nil) }
    }

    /// A hit's snippet: the best window of 24 tokens, matched words wrapped in
    /// `SearchHit.highlightStart` and `highlightEnd`.
    private static let snippet = "snippet(articles_fts, -1, char(2), char(3), '…', 24)"

    /// snippet() only works inside a MATCH query, so it runs once more over the page's ids.
    func addSnippets(to hits: inout [SearchHit], request: SearchRequest) throws {
        guard let expression = request.expression, !hits.isEmpty else { return }
        let ids = IDList(hits.map(\.id))
        let rows = try connection.query("""
            SELECT rowid, \(Self.snippet)
            FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN (\(ids.placeholders))
            """, [.text(expression)] + ids.values)
        var snippets: [Int64: String] = [:]
        for row in rows {
            if let id = row.int64(0), let text = row.string(1) { snippets[id] = text }
        }
        for index in hits.indices {
            if let snippet = snippets[hits[index].id], !snippet.isEmpty { hits[index].snippet = snippet }
        }
    }

    /// Every requested facet of the matches in `temp.search_hits`, counted as `countFacets` does.
    public func packedFacets(_ kinds: [FacetKind], size: Int) throws -> [(kind: FacetKind, counts: [FacetCount])] {
        guard !kinds.isEmpty else { return [] }
        var ids: [Int64] = []
        try connection.cachedStatement("SELECT id FROM temp.search_hits ORDER BY id").forEachInteger(column: 0) { ids.append($0) }
        return try countFacets(of: &ids, total: ids.count, kinds: kinds, size: size,
                               joined: ("SELECT f.packed FROM temp.search_hits h CROSS JOIN article_facets f ON f.article_id = h.id", []))
    }

    /// Whether the helpers count the facets of `matches` matches (from the blocks' columns, each
    /// helper its stretches): where there are enough for the columns (few a block are read from
    /// their rows, which the helpers would seek one by one, no faster than one connection's join),
    /// and helpers to share them.
    private func facetsCountedByHelpers(matches: Int) throws -> Bool {
        guard scanHelpers != nil, !connection.isInTransaction else { return false }
        return try matches >= FacetBlocks.matchesPerBlock * blockCount() && hasFacetBlocks()
    }

    /// Every requested facet counted in one pass over the matches' packed facet rows (one short row
    /// per article instead of a join per facet). Many matches (`FacetBlocks.matchesPerBlock` a
    /// block on average) are read block by block from their columns, by the helpers where there
    /// are any (each reading the matches of `expression` in its stretches when `ids` is empty);
    /// fewer from their rows, with the statement `joined` that selects them (one seek per match,
    /// each near the last), or by their ids when there is none. Names are
    /// looked up only for the values that make the top `size` (ties at the edge included, then
    /// ordered by name, as the SQL form does).
    func countFacets(of ids: inout [Int64], matchesOf expression: String? = nil, total: Int, kinds: [FacetKind], size: Int,
                             joined: (sql: String, values: [SQLValue])?) throws -> [(kind: FacetKind, counts: [FacetCount])] {
        guard !kinds.isEmpty else { return [] }
        var counter = PackedFacetCounter(wanted: Set(kinds))
        // FTS5 hands matches over in id order; anything else is sorted first.
        if zip(ids, ids.dropFirst()).contains(where: { $0 > $1 }) { ids.sort() }
        if let helpers = scanHelpers, try facetsCountedByHelpers(matches: max(ids.count, total)), !ids.isEmpty || expression != nil {
            let stretches = ParallelRanking.stretches(blockCount: Int64(try blockCount()), helpers: helpers)
            counter = try ParallelRanking.facets(of: expression, ids: ids.isEmpty ? nil : ids, kinds: kinds, helpers: helpers,
                                                 stretches: stretches, timeLimit: connection.timeLimit)
        } else if ids.count >= FacetBlocks.matchesPerBlock * (try blockCount()), try hasFacetBlocks() {
            try FacetBlocks.count(ids: ids, connection: connection, into: &counter)
        } else if let joined {
            let statement = try connection.cachedStatement(joined.sql)
            try statement.bind(joined.values)
            try statement.forEachText(column: 0) { counter.add($0) }
        } else {
            for start in stride(from: 0, to: ids.count, by: 512) {
                let chunk = IDList(Array(ids[start..<min(start + 512, ids.count)]))
                let statement = try connection.cachedStatement("SELECT packed FROM article_facets WHERE article_id IN (\(chunk.placeholders))")
                try statement.bind(chunk.values)
                try statement.forEachText(column: 0) { counter.add($0) }
            }
        }
        return try summarize(counter, kinds: kinds, size: size)
    }

    /// Each facet's top `size` values from the counts, with names looked up for those only.
    private func summarize(_ counter: PackedFacetCounter, kinds: [FacetKind], size: Int) throws -> [(kind: FacetKind, counts: [FacetCount])] {
        try kinds.map { kind in
            switch kind {
            case .source: (kind, try top(counter.sources, size: size, names: "SELECT id, name FROM sources WHERE id IN "))
            case .aggregator: (kind, try top(counter.aggregators, size: size, names: "SELECT id, name FROM aggregators WHERE id IN "))
            case .person: (kind, try top(counter.people, size: size, names: Self.entityNames))
            case .place: (kind, try top(counter.places, size: size, names: Self.entityNames))
            case .org: (kind, try top(counter.organizations, size: size, names: Self.entityNames))
            case .agency: (kind, Self.top(counter.agencies.map { FacetCount(value: $0.key, count: $0.value) }, size: size))
            case .year, .month, .day:
                // The histogram keeps its most recent buckets, in date order.
                (kind, counter.dates(kind).sorted { $0.key > $1.key }.prefix(size).sorted { $0.key < $1.key }
                    .map { FacetCount(value: $0.key, count: $0.value) })
            }
        }
    }

    private static let entityNames = "SELECT id, name FROM entities WHERE id IN "

    /// Top values by count, ties by name: names fetched for the candidates only.
    private func top(_ counts: IdCounts, size: Int, names sql: String) throws -> [FacetCount] {
        guard counts.distinct > 0, size > 0 else { return [] }
        let byCount = counts.pairs.sorted { $0.count > $1.count }
        let threshold = byCount[min(size, byCount.count) - 1].count
        let candidates = byCount.filter { $0.count >= threshold }
        var named: [FacetCount] = []
        for chunk in stride(from: 0, to: candidates.count, by: 500).map({ Array(candidates[$0..<min($0 + 500, candidates.count)]) }) {
            let ids = IDList(chunk.map(\.key))
            var names: [Int64: String] = [:]
            for row in try connection.query(sql + "(\(ids.placeholders))", ids.values) {
                if let id = row.int64(0) { names[id] = row.string(1) ?? "" }
            }
            named += chunk.map { FacetCount(value: names[$0.key] ?? "", count: $0.count) }
        }
        return Self.top(named, size: size)
    }

    static func top(_ counts: [FacetCount], size: Int) -> [FacetCount] {
        Array(counts.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }.prefix(size))
    }

    /// A hit from a row of (id, score, title, lead, source, published); without a snippet, the
    /// lead's opening (an empty snippet is left for the caller to fill).
    static func hit(from row: Row, snippet: String?) -> SearchHit {
        let lead = row.string(3) ?? ""
        return SearchHit(
            id: row.int64(0) ?? 0, title: row.string(2), leadSentence: firstSentence(of: lead),
            source: row.string(4), published: row.string(5), score: row.double(1) ?? 0,
            snippet: snippet ?? opening(of: lead))
    }

    static func firstSentence(of text: String) -> String {
        let limit = text.prefix(220)
        if let end = limit.firstRange(of: ". ") { return String(limit[..<end.lowerBound]) + "." }
        return limit.endIndex < text.endIndex ? String(limit) + "…" : text
    }

    static func opening(of text: String) -> String {
        let words = text.split(separator: " ", maxSplits: 30)
        return words.prefix(30).joined(separator: " ") + (words.count > 30 ? " …" : "")
    }
}
