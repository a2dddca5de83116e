import Testing
@testable import NewsStore

@Suite("Merging the full-text index into one segment")
struct FullTextSegmentsTests {
    /// A corpus loaded in batches leaves several segments; merged, it has one, FTS5 finds its index
    /// sound, and the same queries give the same pages, totals and scores as before the merge.
    @Test func mergedIndexGivesTheSamePages() throws {
        let corpus = try PrunedRankingTests.Corpus(articles: 4_000)
        defer { corpus.database.remove() }
        #expect(try FullTextSegments.count(connection: corpus.connection) > 1, "eight batches leave more than one segment")

        let queries = (0..<100).map { _ in corpus.query() }
        func pages() throws -> [String] {
            let (pruned, exhaustive) = PrunedRankingTests.engines(corpus.connection)
            return try queries.flatMap { text in
                let request = SearchRequest(query: try SearchQuery.parse(text))
                return try [pruned, exhaustive].map { engine in
                    let result = try engine.search(request)
                    return "\(text) \(result.total) \(result.hits.map(\.id)) \(result.hits.map(\.score))"
                }
            }
        }
        let before = try pages()

        try FullTextSegments.merge(connection: corpus.connection)
        #expect(try FullTextSegments.count(connection: corpus.connection) == 1)
        try corpus.connection.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)")
        #expect(try pages() == before)
    }

    @Test func anEmptyIndexHasNoSegments() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        #expect(try FullTextSegments.count(connection: connection) == 0)
        try FullTextSegments.merge(connection: connection)
        #expect(try FullTextSegments.count(connection: connection) == 0)
    }
}
