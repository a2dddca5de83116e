import Foundation
import Testing
@testable import NewsStore

/// A big load sets four secondary indexes aside and builds them at its end. Meanwhile, and after a
/// kill leaves them unbuilt, searches must still give the SQL page; built, the schema is as before.
@Suite("Indexes set aside by a big load")
struct DeferredIndexesTests {
    static let schema = "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY name"

    static func rows(_ connection: Connection, _ sql: String) throws -> [String] {
        try connection.query(sql).map { row in row.values.map { String(describing: $0) }.joined(separator: "|") }
    }

    @Test func setAsideThenBuiltGivesTheSameSchema() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        _ = try ArticleWriter(connection: connection).write([sampleArticle()])
        let schema = try Self.rows(connection, Self.schema)

        try DeferredIndexes.setAside(connection: connection)
        #expect(try DeferredIndexes.pending(connection: connection) == DeferredIndexes.names.sorted())
        for name in DeferredIndexes.names {
            #expect(try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = ?", [.text(name)]) == .integer(0), "\(name) still there")
        }
        // Set aside twice (a run after a killed one): nothing is lost.
        try DeferredIndexes.setAside(connection: connection)
        #expect(try DeferredIndexes.pending(connection: connection).count == DeferredIndexes.names.count)

        let settings = "SELECT * FROM pragma_temp_store, pragma_cache_size, pragma_threads"
        let before = try Self.rows(connection, settings)
        var told: [String] = []
        try DeferredIndexes.build(connection: connection, threads: 2) { name, _, _ in told.append(name) }
        #expect(told == DeferredIndexes.names.sorted())
        // The build sorts with settings of its own (a small cache, temporary files, helper threads), then gives the connection its own back.
        #expect(try Self.rows(connection, settings) == before)
        #expect(try DeferredIndexes.pending(connection: connection).isEmpty)
        #expect(try Self.rows(connection, Self.schema) == schema)
        #expect(try connection.scalar("PRAGMA integrity_check") == .text("ok"))
    }

    /// An index someone made again by hand meanwhile is not made twice.
    @Test func anIndexAlreadyBackIsOnlyStruckOff() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        try DeferredIndexes.setAside(connection: connection)
        try connection.execute("CREATE INDEX articles_by_published ON articles (published)")
        try DeferredIndexes.build(connection: connection, threads: 0)
        #expect(try DeferredIndexes.pending(connection: connection).isEmpty)
    }

    /// Articles written while the indexes are aside, then filtered searches (a person few articles
    /// name among them, which is looked up by entity first) against SQL, before and after the build.
    @Test func filteredSearchesGiveTheSQLPageWithTheIndexesAside() throws {
        let corpus = try FilteredRankingTests.Corpus(articles: 1_000)
        defer { corpus.database.remove() }
        try DeferredIndexes.setAside(connection: corpus.connection)
        let writer = ArticleWriter(connection: corpus.connection)
        _ = try writer.write((1_000..<2_000).map { corpus.article($0) })
        try corpus.connection.execute("""
            INSERT INTO entities (name, type) VALUES ('Ines Marlow', 'person');
            INSERT INTO article_entities (article_id, entity_id)
                SELECT id, (SELECT id FROM entities WHERE name = 'Ines Marlow') FROM articles WHERE id BETWEEN 1300 AND 1400 AND id % 3 = 0;
            """)
        _ = try writer.write([corpus.article(2_000)])
        for round in ["aside", "built"] {
            let (pruned, _) = PrunedRankingTests.engines(corpus.connection)
            for query in ["harbour person:\"Ines Marlow\"", "ferry person:\"Ines Marlow\" from:2025-03"] {
                let request = SearchRequest(query: try SearchQuery.parse(query))
                let page = try pruned.search(request)
                let sql = try FilteredRankingTests.expected(corpus.connection, request)
                #expect(page.total == sql.total && page.hits.map(\.id) == sql.ids, "\(query), indexes \(round)")
            }
            try FilteredRankingTests.expectSQLPages(corpus, queries: 150)
            try DeferredIndexes.build(connection: corpus.connection, threads: 1)
        }
    }
}
