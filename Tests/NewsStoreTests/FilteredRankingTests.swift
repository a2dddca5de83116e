import Foundation
import Testing
@testable import NewsStore

/// Words filtered by source, aggregator, dates, agencies, people, places and organisations are
/// ranked in one pass (pruned where it pays), with each match judged by its block's columns or,
/// where they cannot tell, by its rows. The page and the total must equal what SQL stating the
/// filters gives, on dates of every shape the bounds can meet (a year, a month, a day, a time,
/// none), names in any case and by alias, also after rows are edited by hand.
@Suite("Filtered searches ranked in one pass equal the SQL that states their filters")
struct FilteredRankingTests {
    static let sources = ["The Coastal Ledger", "The Valley Gazette", "The Morning Herald", "Harbour Weekly", "The Evening Standard"]
    static let aggregators = ["Daily Brief Hub", "Wire Roundup"]
    /// Dates equal to a bound, one day either side of it, and shorter or longer than it; one whose
    /// text past the day sorts after the `T99` that ends a `to:` bound, which only its row can tell.
    static let dates: [String?] = ["2025", "2025-03", "2025-03-12", "2025-03-12T14:05", "2025-03-13", "2025-04-01",
                                   "2024-12-31T23:59", "2024-12-31", "2025-03-12Z", nil]
    static let bounds = ["2025", "2025-03", "2025-03-12", "2025-03-13", "2024-12-31", "2025-04", "2024", "2026"]
    /// Agencies as stored (one written in another case than the filters ask for), and as asked.
    static let agencies = ["AP", "AFP", "Reuters", "dpa"]
    static let askedAgencies = ["AP", "ap", "afp", "Reuters", "DPA", "UPI"]
    /// People, places and organisations, each with a short name stored as its alias; a person and
    /// a place share a name, which a filter of one kind must not take for the other.
    static let people = [("Marta Quintero", "Quintero"), ("Jonas Ekdahl", "Ekdahl"), ("Rosa Alvane", "Alvane"), ("Jordan Vale", "Vale")]
    static let places = [("Port Ellery", "Ellery"), ("Jordan Vale", "Vale"), ("Kessing Bay", "Kessing")]
    static let organizations = [("Northern Rail Union", "NRU"), ("Ellery Harbour Board", "Harbour Board")]

    final class Corpus {
        let database: TestDatabase
        let connection: Connection
        var state: UInt64 = 11

        init(articles: Int) throws {
            database = try TestDatabase()
            connection = try database.open()
            let writer = ArticleWriter(connection: connection)
            for start in stride(from: 0, to: articles, by: 500) {
                _ = try writer.write((start..<min(start + 500, articles)).map { article($0) })
            }
        }

        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }

        func pick<T>(_ list: [T]) -> T { list[next(list.count)] }

        /// Skewed as in `PrunedRankingTests`: the first words in most articles, the last in few.
        func word() -> String {
            let words = PrunedRankingTests.words
            return words[min(next(words.count), next(words.count), next(words.count))]
        }

        func text(_ count: Int) -> String { (0..<count).map { _ in word() }.joined(separator: " ") }

        func article(_ number: Int) -> Article {
            // Sources come in runs of a few hundred ids, as a dump of one site after another does.
            let source = FilteredRankingTests.sources[(number / 300 + (next(4) == 0 ? 1 : 0)) % FilteredRankingTests.sources.count]
            return Article(source: source, aggregator: next(3) == 0 ? pick(FilteredRankingTests.aggregators) : nil,
                           title: text(1 + next(5)), published: pick(FilteredRankingTests.dates),
                           credits: Array(Set((0..<next(3)).map { _ in pick(FilteredRankingTests.agencies) })).sorted(),
                           paragraphs: [text(2 + next(12)), text(3 + next(next(3) == 0 ? 200 : 30))],
                           entities: entities(), origin: "filtered\(number)")
        }

        /// None to a few of each kind, some written with their alias beside the name.
        func entities() -> [Entity] {
            var entities: [Entity] = []
            for (kind, names) in [(Entity.Kind.person, FilteredRankingTests.people), (.place, FilteredRankingTests.places),
                                  (.organization, FilteredRankingTests.organizations)] {
                for (name, alias) in Set((0..<next(3)).map { _ in next(names.count) }).sorted().map({ names[$0] }) {
                    entities.append(Entity(name: name, type: kind, aliases: next(2) == 0 ? [alias] : []))
                }
            }
            return entities
        }

        /// A name or alias of one of `names`, in any case, or a name no article holds.
        func entityName(_ names: [(String, String)]) -> String {
            if next(10) == 0 { return "Nobody Known" }
            let (name, alias) = pick(names)
            let chosen = next(3) == 0 ? alias : name
            return next(4) == 0 ? chosen.lowercased() : chosen
        }

        /// Words, then one to three filters.
        func query() -> String {
            var parts = [next(3) == 0 ? "\(word()) \(word())" : word()]
            for _ in 0..<(1 + next(3)) {
                switch next(9) {
                case 0: parts.append("source:\"\(pick(FilteredRankingTests.sources))\"")
                case 1: parts.append("aggregator:\"\(pick(FilteredRankingTests.aggregators))\"")
                case 2: parts.append("from:\(pick(FilteredRankingTests.bounds))")
                case 3: parts.append("to:\(pick(FilteredRankingTests.bounds))")
                case 4: parts.append("agency:\(pick(FilteredRankingTests.askedAgencies))")
                case 5: parts.append("person:\"\(entityName(FilteredRankingTests.people))\"")
                case 6: parts.append("place:\"\(entityName(FilteredRankingTests.places))\"")
                case 7: parts.append("org:\"\(entityName(FilteredRankingTests.organizations))\"")
                default: parts.append("source:\"\(pick(FilteredRankingTests.sources))\" source:\"\(pick(FilteredRankingTests.sources))\"")
                }
            }
            return parts.joined(separator: " ")
        }
    }

    /// The page and total as plain SQL gives them: every match joined to its row, the filters as
    /// the README states them, ordered by BM25, then newer, then lower id.
    static func expected(_ connection: Connection, _ request: SearchRequest) throws -> (total: Int, ids: [Int64], sources: [String: Int]) {
        let filters = request.query.filters
        var conditions = ["articles_fts MATCH ?"]
        var values: [SQLValue] = [.text(request.query.expression!)]
        func names(_ list: [String]) -> String { Array(repeating: "lower(?)", count: list.count).joined(separator: ", ") }
        if !filters.sources.isEmpty {
            conditions.append("lower(s.name) IN (\(names(filters.sources)))")
            values += filters.sources.map(SQLValue.text)
        }
        if !filters.aggregators.isEmpty {
            conditions.append("a.aggregator_id IN (SELECT id FROM aggregators WHERE lower(name) IN (\(names(filters.aggregators))))")
            values += filters.aggregators.map(SQLValue.text)
        }
        if let from = filters.from {
            conditions.append("a.published >= ?")
            values.append(.text(from))
        }
        if let to = filters.to {
            conditions.append("a.published <= ? || 'T99'")
            values.append(.text(to))
        }
        if !filters.agencies.isEmpty {
            conditions.append("a.id IN (SELECT article_id FROM article_credits WHERE lower(agency) IN (\(names(filters.agencies))))")
            values += filters.agencies.map(SQLValue.text)
        }
        for (type, list) in [("person", filters.people), ("place", filters.places), ("organization", filters.organizations)] where !list.isEmpty {
            conditions.append("""
                a.id IN (SELECT ae.article_id FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                         LEFT JOIN entity_aliases al ON al.entity_id = e.id
                         WHERE e.type = ? AND (lower(e.name) IN (\(names(list))) OR lower(al.alias) IN (\(names(list)))))
                """)
            values += [.text(type)] + list.map(SQLValue.text) + list.map(SQLValue.text)
        }
        let matches = "FROM articles_fts f JOIN articles a ON a.id = f.rowid LEFT JOIN sources s ON s.id = a.source_id WHERE " + conditions.joined(separator: " AND ")
        let total = Int(try connection.scalar("SELECT count(*) " + matches, values)?.int64Value ?? -1)
        let order = switch request.sort {
        case .relevance: "bm25(articles_fts, 5.0, 2.0, 1.0), a.published DESC, a.id"
        case .newest: "a.published IS NULL, a.published DESC, a.id DESC"
        case .oldest: "a.published IS NULL, a.published, a.id"
        }
        let ids = try connection.query("SELECT a.id " + matches + " ORDER BY \(order) LIMIT ? OFFSET ?",
                                       values + [.integer(Int64(request.limit)), .integer(Int64(request.offset))]).compactMap { $0.int64(0) }
        var sources: [String: Int] = [:]
        for row in try connection.query("SELECT s.name, count(*) " + matches + " AND s.name IS NOT NULL GROUP BY s.name", values) {
            sources[row.string(0) ?? ""] = Int(row.int64(1) ?? 0)
        }
        return (total, ids, sources)
    }

    /// Runs `queries` random filtered searches, pruned where they can be, and returns how many were.
    @discardableResult
    static func expectSQLPages(_ corpus: Corpus, queries: Int) throws -> Int {
        let (pruned, exhaustive) = PrunedRankingTests.engines(corpus.connection)
        var prunedSearches = 0
        for _ in 0..<queries {
            let text = corpus.query()
            // A `from:` after the `to:` is an error the parser reports; such a draw is skipped.
            guard let parsed = try? SearchQuery.parse(text) else { continue }
            var request = SearchRequest(query: parsed)
            request.limit = [1, 5, 10][corpus.next(3)]
            request.offset = corpus.next(4) == 0 ? corpus.next(20) : 0
            request.facets = [.source, .month]
            request.facetSize = 10
            let fast = try pruned.search(request)
            if pruned.lastPrunedStatements != nil { prunedSearches += 1 }
            let full = try exhaustive.search(request)
            let sql = try expected(corpus.connection, request)
            #expect(fast.total == sql.total, "\(text): total")
            #expect(fast.hits.map(\.id) == sql.ids, "\(text) (limit \(request.limit), offset \(request.offset)): ids")
            #expect(full.hits.map(\.id) == sql.ids, "\(text): ids scoring every match")
            #expect(fast.hits.map(\.score) == full.hits.map(\.score), "\(text): scores")
            #expect(String(describing: fast.facets) == String(describing: full.facets), "\(text): facets")
            let sources = fast.facets.first { $0.kind == .source }?.counts ?? []
            #expect(Dictionary(uniqueKeysWithValues: sources.map { ($0.value, $0.count) }) == sql.sources, "\(text): source facet")
            // Sorted by date, the matches go through the table of hits, the filter still first.
            var byDate = request
            byDate.sort = corpus.next(2) == 0 ? .newest : .oldest
            let dated = try pruned.search(byDate)
            let datedSQL = try expected(corpus.connection, byDate)
            #expect(dated.total == datedSQL.total, "\(text) by \(byDate.sort): total")
            #expect(dated.hits.map(\.id) == datedSQL.ids, "\(text) by \(byDate.sort): ids")
            #expect(String(describing: dated.facets) == String(describing: fast.facets), "\(text) by \(byDate.sort): facets")
            // Each hit keeps the score a ranked search gives it (SQLite's own bm25, to rounding).
            for hit in dated.hits {
                let bm25 = try corpus.connection.scalar(
                    "SELECT bm25(articles_fts, 5.0, 2.0, 1.0) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
                    [.text(request.query.expression!), .integer(hit.id)]).flatMap { if case .real(let value) = $0 { value } else { nil } } ?? 0
                #expect(abs(hit.score - bm25) <= 1e-9 * max(1, abs(bm25)), "\(text) by \(byDate.sort): score of \(hit.id)")
            }
        }
        return prunedSearches
    }

    @Test func randomFilteredQueriesGiveTheSQLPage() throws {
        let corpus = try Corpus(articles: 3_000)
        defer { corpus.database.remove() }
        let pruned = try Self.expectSQLPages(corpus, queries: 600)
        #expect(pruned > 100, "\(pruned) of 600 searches pruned")
    }

    /// Rows edited in the sqlite3 shell drop their blocks' columns: those matches are judged by
    /// their rows, and a date that only a row can place (a time on the bound's day) is too. The
    /// writer's next batch packs those blocks again, from the edited rows.
    @Test func handEditedRowsAreJudgedByTheirRows() throws {
        let corpus = try Corpus(articles: 2_000)
        defer { corpus.database.remove() }
        let blocks = try corpus.connection.scalar("SELECT count(*) FROM article_facet_blocks")?.int64Value ?? 0
        try corpus.connection.execute("""
            UPDATE articles SET source_id = (SELECT id FROM sources WHERE name = 'Harbour Weekly') WHERE id BETWEEN 300 AND 340;
            UPDATE articles SET published = '2025-03-12T23:59' WHERE id BETWEEN 900 AND 960;
            UPDATE articles SET published = '' WHERE id BETWEEN 1300 AND 1310;
            INSERT OR IGNORE INTO article_credits (article_id, agency) VALUES (600, 'UPI'), (601, 'ap'), (602, 'Reuters');
            DELETE FROM article_credits WHERE article_id BETWEEN 610 AND 640;
            DELETE FROM article_entities WHERE article_id BETWEEN 1600 AND 1640;
            INSERT OR IGNORE INTO article_entities (article_id, entity_id)
                SELECT 1650, id FROM entities WHERE name IN ('Jordan Vale', 'Kessing Bay');
            """)
        #expect(try corpus.connection.scalar("SELECT count(*) FROM article_facet_blocks")?.int64Value == blocks - 5)
        try Self.expectSQLPages(corpus, queries: 300)
        _ = try ArticleWriter(connection: corpus.connection).write([corpus.article(2_000)])
        #expect(try corpus.connection.scalar("SELECT count(*) FROM article_facet_blocks")?.int64Value == blocks)
        try Self.expectSQLPages(corpus, queries: 300)
    }

    /// Pruned, a filter that few matches pass would leave its page's cut so low that nearly every
    /// block is scored after the matches are counted: such a search scores every match instead.
    @Test func aFilterFewMatchesPassIsScoredInFull() throws {
        let corpus = try Corpus(articles: 2_000)
        defer { corpus.database.remove() }
        let engine = PrunedRankingTests.engines(corpus.connection).pruned
        engine.pruning.filteredShare = 2
        for (query, pruned) in [("harbour source:\"The Coastal Ledger\"", false), ("harbour to:2026", true)] {
            let request = SearchRequest(query: try SearchQuery.parse(query))
            let page = try engine.search(request)
            #expect((engine.lastPrunedStatements != nil) == pruned, "\(query)")
            let sql = try Self.expected(corpus.connection, request)
            #expect(page.total == sql.total && page.hits.map(\.id) == sql.ids, "\(query)")
        }
    }

    /// A person named in a few articles of one stretch (as news of one week names them) is found
    /// from `article_entities` first: only the block holding those articles is scanned, alone or
    /// beside a filter many pass, a word or two, a page past the first; the page, total and facets
    /// equal SQL and scoring every match, before and after the writer packs the edited blocks again.
    @Test func aPersonFewArticlesNameIsSearchedInTheirBlocksOnly() throws {
        let corpus = try Corpus(articles: 3_000)
        defer { corpus.database.remove() }
        try corpus.connection.execute("""
            INSERT INTO entities (name, type) VALUES ('Ines Marlow', 'person');
            INSERT INTO article_entities (article_id, entity_id)
                SELECT id, (SELECT id FROM entities WHERE name = 'Ines Marlow') FROM articles WHERE id BETWEEN 2100 AND 2240 AND id % 3 = 0;
            """)
        let (pruned, exhaustive) = PrunedRankingTests.engines(corpus.connection)
        for round in 0..<2 {
            for query in ["harbour person:\"Ines Marlow\"", "ferry council person:\"ines marlow\"", "tide person:\"Ines Marlow\" org:\"Northern Rail Union\"",
                          "harbour person:\"Ines Marlow\" source:\"The Coastal Ledger\" from:2025", "vote person:\"Ines Marlow\" place:\"Port Ellery\""] {
                for (limit, offset) in [(10, 0), (3, 4)] {
                    var request = SearchRequest(query: try SearchQuery.parse(query))
                    (request.limit, request.offset) = (limit, offset)
                    request.facets = [.source, .person, .month]
                    try Self.expectCandidateBlocksSearch(request, blocks: 1, pruned: pruned, exhaustive: exhaustive, corpus: corpus,
                                                         label: "\(query) round \(round)")
                }
            }
            #expect(try Self.expected(corpus.connection, SearchRequest(query: try SearchQuery.parse("harbour person:\"Ines Marlow\""))).total > 5)
            // The writer's next batch packs the hand-edited blocks again.
            _ = try ArticleWriter(connection: corpus.connection).write([corpus.article(3_000)])
        }
        // A person many articles name is not searched this way, nor either of two people one of whom is.
        for query in ["harbour person:\"Marta Quintero\"", "harbour person:\"Ines Marlow\" person:\"Marta Quintero\""] {
            _ = try pruned.search(SearchRequest(query: try SearchQuery.parse(query)))
            #expect(pruned.lastCandidateBlocks == nil, "\(query)")
        }
    }

    /// An agency credited in a few articles of one stretch (a wire the archive rarely carries) is
    /// found from `article_credits` first, whatever case the credit or the filter is spelt in, and
    /// an agency no article credits gives an empty page at once; pages, totals and facets equal SQL
    /// and scoring every match, as does a source or aggregator the file does not hold. An agency
    /// many articles credit is searched as before.
    @Test func anAgencyFewArticlesCreditIsSearchedInTheirBlocksOnly() throws {
        let corpus = try Corpus(articles: 3_000)
        defer { corpus.database.remove() }
        try corpus.connection.execute("""
            INSERT INTO article_credits (article_id, agency)
                SELECT id, CASE WHEN id % 2 = 0 THEN 'Kyodo' ELSE 'KYODO' END FROM articles WHERE id BETWEEN 1300 AND 1500 AND id % 4 = 0;
            """)
        let (pruned, exhaustive) = PrunedRankingTests.engines(corpus.connection)
        for (query, blocks) in [("harbour agency:kyodo", 1), ("ferry council agency:Kyodo source:\"The Coastal Ledger\"", 1),
                                ("harbour agency:Kyodo agency:UPI", 1), ("harbour agency:UPI", 0), ("tide person:\"Nobody Known\" agency:AP", 0),
                                ("harbour source:\"Nowhere Times\"", 0), ("ferry aggregator:\"No Such Hub\" agency:Kyodo", 0)] {
            var request = SearchRequest(query: try SearchQuery.parse(query))
            request.facets = [.source, .agency, .month]
            try Self.expectCandidateBlocksSearch(request, blocks: blocks, pruned: pruned, exhaustive: exhaustive, corpus: corpus, label: query)
        }
        #expect(try Self.expected(corpus.connection, SearchRequest(query: try SearchQuery.parse("harbour agency:kyodo"))).total > 3)
        for query in ["harbour agency:AP", "harbour source:\"The Coastal Ledger\""] {
            _ = try pruned.search(SearchRequest(query: try SearchQuery.parse(query)))
            #expect(pruned.lastCandidateBlocks == nil, "\(query)")
        }
    }

    /// `pruned` scans `blocks` candidate blocks for `request`, and its page, total and facets equal
    /// SQL's and scoring every match's (`exhaustive`).
    static func expectCandidateBlocksSearch(_ request: SearchRequest, blocks: Int, pruned: SearchEngine, exhaustive: SearchEngine,
                                            corpus: Corpus, label: String) throws {
        let fast = try pruned.search(request)
        #expect(pruned.lastCandidateBlocks == blocks, "\(label): \(pruned.lastCandidateBlocks ?? -1) blocks scanned")
        let full = try exhaustive.search(request)
        let sql = try expected(corpus.connection, request)
        #expect(fast.total == sql.total && fast.hits.map(\.id) == sql.ids, "\(label)")
        #expect(fast.hits.map(\.score) == full.hits.map(\.score), "\(label): scores")
        #expect(String(describing: fast.facets) == String(describing: full.facets), "\(label): facets")
    }

    /// The guess of a filter's share reads a few blocks spread over the file, not one per article.
    @Test func theFilterSampleReadsFewBlocksSpreadOverTheFile() {
        let settings = PrunedRanking.Settings()
        for blocks in [1, 5, 64, 390, 3_702] as [Int64] {
            let sample = PrunedRanking.filterSample(blockCount: blocks, settings: settings)
            let read = Set(sample.map(SearchBounds.block(of:)))
            #expect(read.count == min(Int(blocks), settings.filterSampleBlocks), "\(blocks) blocks")
            #expect(sample.count <= settings.filterSample && sample.count >= min(settings.filterSample, Int(blocks) * 256) / 2, "\(blocks) blocks")
            #expect(read.min() == 0 && read.max()! >= blocks - blocks / Int64(settings.filterSampleBlocks) - 1, "\(blocks) blocks: spread")
            #expect(Set(sample).count == sample.count)
        }
    }

    /// A source no article has: nothing matches, by the blocks' columns and by the rows alike.
    @Test func anUnknownSourceMatchesNothing() throws {
        let corpus = try Corpus(articles: 1_000)
        defer { corpus.database.remove() }
        let request = SearchRequest(query: try SearchQuery.parse("harbour source:\"The Nowhere Times\""))
        let page = try PrunedRankingTests.engines(corpus.connection).pruned.search(request)
        #expect(page.total == 0)
        #expect(page.hits.isEmpty)
    }
}
