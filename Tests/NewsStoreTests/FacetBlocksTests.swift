import Foundation
import Testing
@testable import NewsStore

@Suite("Facet blocks: counts from a block's columns equal counts from its packed rows")
struct FacetBlocksTests {
    static let allFacets: [FacetKind] = [.source, .aggregator, .day, .month, .year, .person, .place, .org, .agency]

    /// Articles in several blocks, each with a source, an aggregator, a date of some shape, agencies
    /// and entities drawn at random; a few words to search for.
    /// `articles` of a later batch, each with one paragraph of its own about the tide.
    static func laterArticles(_ count: Int, seed: UInt64) -> [Article] {
        articles(count, seed: seed).map { article in
            var copy = article
            copy.paragraphs = ["A later article \(article.origin) about the tide."]
            return copy
        }
    }

    static func articles(_ count: Int, seed: UInt64, oddDateEvery: Int? = nil) -> [Article] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { number in
            let dates = [String(format: "2025-%02d-%02d", next(12) + 1, next(28) + 1), String(format: "2024-%02d", next(12) + 1), "2023"]
            var published: String? = next(10) == 0 ? nil : dates[next(3)]
            if let every = oddDateEvery, number % every == 0 { published = "Spring 2022" }
            var article = Article(
                source: next(8) == 0 ? nil : "Source \(next(6))", published: published,
                credits: ["AP", "AFP", "Reuters", "PA"].filter { _ in next(3) == 0 },
                paragraphs: ["Lead \(number) " + ["harbour", "ferry", "council"].filter { _ in next(2) == 0 }.joined(separator: " ") + " tide."],
                origin: "\(number)")
            article.aggregator = next(3) == 0 ? "Aggregator \(next(3))" : nil
            let names = Set((0..<next(6)).map { _ in next(40) })
            article.entities = names.sorted().map { name in
                let kind = [Entity.Kind.person, .place, .organization][name % 3]
                return Entity(name: "Entity \(name)", type: kind)
            }
            return article
        }
    }

    static func facets(_ connection: Connection, _ query: String) throws -> SearchResult {
        var request = SearchRequest(query: try SearchQuery.parse(query))
        request.facets = allFacets
        request.facetSize = 1000
        return try SearchEngine(connection: connection).search(request)
    }

    static func counts(_ result: SearchResult) -> [String: [String: Int]] {
        Dictionary(uniqueKeysWithValues: result.facets.map { facet in
            ("\(facet.kind)", Dictionary(uniqueKeysWithValues: facet.counts.map { ($0.value, $0.count) }))
        })
    }

    @Test(arguments: ["tide", "harbour", "ferry council", "harbour -ferry", "tide source:\"Source 2\"", "council OR ferry",
                      "harbour aggregator:\"Aggregator 1\"", "tide source:\"Source 1\" source:\"Source 4\"",
                      "tide from:2024-06", "harbour from:2025-03-15", "tide from:2024", "tide from:2024-07 to:2025-02",
                      "tide from:2025 source:\"Source 3\""])
    func blocksCountWhatRowsCount(query: String) throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        _ = try ArticleWriter(connection: connection).write(Self.articles(1_100, seed: 3, oddDateEvery: 700))
        // Ids 1-1,100: blocks 0-3 are full and packed, block 4 is not.
        #expect(try connection.scalar("SELECT group_concat(block) FROM (SELECT block FROM article_facet_blocks ORDER BY block)") == .text("0,1,2,3"))
        // The odd dates' blocks (ids 1 and 701) keep no days column; the others do.
        #expect(try connection.scalar("SELECT group_concat(block) FROM (SELECT block FROM article_facet_blocks WHERE days IS NULL ORDER BY block)") == .text("0,2"))
        let fromBlocks = try Self.facets(connection, query)
        try connection.execute("DELETE FROM article_facet_blocks")
        let fromRows = try Self.facets(connection, query)
        #expect(fromBlocks.total == fromRows.total)
        #expect(fromBlocks.total > 50, "the query should match many articles")
        #expect(Self.counts(fromBlocks) == Self.counts(fromRows))
        #expect(!(Self.counts(fromBlocks)["person"] ?? [:]).isEmpty)
    }

    @Test func aChangedRowDropsItsBlockUntilTheNextBatchPacksItAgain() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        let writer = ArticleWriter(connection: connection)
        _ = try writer.write(Self.articles(300, seed: 5))
        #expect(try connection.scalar("SELECT count(*) FROM article_facet_blocks WHERE block = 0") == .integer(1))
        // An edit by hand, as in the sqlite3 shell: the packed row follows, and the block's copy goes.
        try connection.execute("INSERT INTO article_credits (article_id, agency) SELECT id, 'UPI' FROM articles WHERE id BETWEEN 10 AND 30")
        #expect(try connection.scalar("SELECT count(*) FROM article_facet_blocks WHERE block = 0") == .integer(0))
        let agencies = { try Self.counts(Self.facets(connection, "tide"))["agency"]?["UPI"] }
        #expect(try agencies() == 21)
        _ = try writer.write(Self.laterArticles(5, seed: 6))
        #expect(try connection.scalar("SELECT count(*) FROM article_facet_blocks WHERE block = 0") == .integer(1))
        #expect(try agencies() == 21)
    }

    /// Articles deleted by hand with foreign keys off (as the sqlite3 shell has them by default)
    /// leave their facet rows, and the packed block they were in, past the last article: where the
    /// next batch's ids go. The batch clears them first, so its articles go in and are counted.
    @Test func rowsLeftPastTheLastArticleAreClearedBeforeABatch() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        let writer = ArticleWriter(connection: connection)
        _ = try writer.write(Self.articles(300, seed: 7))
        try connection.execute("PRAGMA foreign_keys = OFF")
        try connection.execute("DELETE FROM articles WHERE id > 200")
        try connection.execute("PRAGMA foreign_keys = ON")
        #expect(try connection.scalar("SELECT count(*) FROM article_facets WHERE article_id > 200") == .integer(100))
        let outcomes = try writer.write(Self.laterArticles(100, seed: 8))
        #expect(outcomes.allSatisfy { if case .inserted = $0 { true } else { false } })
        #expect(try connection.scalar("SELECT count(*) FROM article_facets") == .integer(300))
        #expect(try connection.scalar("SELECT count(*) FROM article_facet_blocks WHERE block = 0") == .integer(1))
        let fromBlocks = try Self.facets(connection, "tide")
        try connection.execute("DELETE FROM article_facet_blocks")
        let fromRows = try Self.facets(connection, "tide")
        #expect(fromBlocks.total == 300)
        #expect(Self.counts(fromBlocks) == Self.counts(fromRows))
    }

    /// Dates the `from:` test must not misjudge: a day equal to the bound, a time after the day, an
    /// empty date, and dates a hand edit stored as text of another shape or as a number (which
    /// SQLite sorts before all text). Each search's total is the SQL's own count.
    @Test func fromFilterTurnsAwayOnlyWhatTheSQLTurnsAway() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        let writer = ArticleWriter(connection: connection)
        _ = try writer.write(Self.articles(600, seed: 11))
        try connection.execute("""
            UPDATE articles SET published = CASE id % 5
                WHEN 0 THEN '2025-03-15' WHEN 1 THEN '2025-03-15T23:10' WHEN 2 THEN '' WHEN 3 THEN 2026 ELSE published END
            WHERE id BETWEEN 1 AND 120
            """)
        try connection.execute("UPDATE articles SET published = '2025-03-15 evening' WHERE id = 130")
        try connection.execute("UPDATE articles SET published = 'Mid-March 2025' WHERE id = 300")
        // The next batch packs the edited blocks again, numbers and all; block 1 keeps no days (id 300).
        _ = try writer.write(Self.articles(10, seed: 12).map { article in
            var copy = article
            copy.paragraphs = ["A later article \(article.origin) about the tide."]
            return copy
        })
        #expect(try connection.scalar("SELECT count(*) FROM article_facet_blocks WHERE block < 2 AND days IS NOT NULL") == .integer(1))
        for bound in ["2025-03-15", "2025-03-15T12", "2025-03", "2025", "2026", "2024-12-31", "0", ""] {
            let expected = try connection.scalar("""
                SELECT count(*) FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH 'tide' AND a.published >= ?
                """, [.text(bound)])?.int64Value ?? -1
            // Bounds a query's from: never gives (it makes YYYY-MM-DD) go in through the API.
            var request = SearchRequest(query: try SearchQuery.parse("tide"))
            request.query.filters.from = bound
            let found = try SearchEngine(connection: connection).search(request).total
            #expect(Int64(found) == expected, "from:\(bound)")
        }
    }

    @Test func aFileWithoutTheBlocksTableCountsFromRows() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        _ = try ArticleWriter(connection: connection).write(Self.articles(600, seed: 9))
        let fromBlocks = try Self.facets(connection, "tide")
        for trigger in ["article_facet_blocks_row_added", "article_facet_blocks_row_changed", "article_facet_blocks_row_deleted"] {
            try connection.execute("DROP TRIGGER \(trigger)")
        }
        try connection.execute("DROP TABLE article_facet_blocks")
        #expect(Self.counts(try Self.facets(connection, "tide")) == Self.counts(fromBlocks))
    }
}
