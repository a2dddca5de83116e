import Foundation
import Testing
@testable import NewsStore

@Suite("articles_rank: FTS5's BM25, computed in one pass")
struct RankFunctionTests {
    /// Articles of varied lengths over a small vocabulary, so words repeat across columns; a run of
    /// ids deleted in the middle makes the length cursor seek as well as step. The deletion unseals
    /// the first block, the second stays sealed (its lengths read at once, migration 0013), the
    /// third is not full: the lengths come from all three ways.
    func corpus() throws -> (TestDatabase, Connection) {
        let database = try TestDatabase()
        let connection = try database.open()
        let words = ["harbour", "ferry", "council", "tide", "strike", "rail", "union", "growers", "drought", "vote"]
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        func text(_ count: Int) -> String { (0..<count).map { _ in words[next(words.count)] }.joined(separator: " ") }
        let articles = (0..<700).map { number in
            // One word in few articles (fewer than one a block): its matches' lengths are read a block at a time too.
            Article(title: text(1 + next(6)), paragraphs: [text(3 + next(20)), text(5 + next(80)) + (number % 397 == 3 ? " lighthouse" : "")],
                    origin: "rank\(number)")
        }
        _ = try ArticleWriter(connection: connection).write(articles)
        try connection.execute("DELETE FROM articles WHERE id BETWEEN 100 AND 180")
        return (database, connection)
    }

    @Test(arguments: [
        "harbour", "lighthouse", "ferry council", "\"rail union\"", "strike OR drought", "tide NOT vote", "grow*",
        "NEAR(harbour council, 3)", "title:ferry", "harbour ferry council tide strike rail union",
    ])
    func scoresEqualBm25(expression: String) throws {
        let (database, connection) = try corpus()
        defer { database.remove() }
        #expect(try connection.scalar("SELECT count(*) FROM search_blocks WHERE lengths IS NOT NULL")?.int64Value == 1)
        try Self.expectScoresEqualBm25(connection, expression)
    }

    static func expectScoresEqualBm25(_ connection: Connection, _ expression: String) throws {
        for order in ["rowid", "rowid DESC", "bm25(articles_fts)"] {
            let rows = try connection.query("""
                SELECT rowid, bm25(articles_fts, 5.0, 2.0, 1.0), articles_rank(articles_fts, 5.0, 2.0, 1.0)
                FROM articles_fts WHERE articles_fts MATCH ? ORDER BY \(order)
                """, [.text(expression)])
            #expect(!rows.isEmpty, "\(expression) matches nothing")
            for row in rows {
                let expected = try #require(row.double(1))
                let ours = try #require(row.double(2))
                #expect(abs(expected - ours) <= 1e-9 * max(1, abs(expected)), "\(expression) row \(row.int64(0) ?? 0) by \(order)")
            }
        }
    }

    /// Blocks sealed before migration 0013 have no lengths: their matches' lengths are read row by
    /// row, with the same scores, and the writer's next batch fills them in.
    @Test func blocksWithoutLengthsAreScoredFromRowsAndFilledByTheNextBatch() throws {
        let (database, connection) = try corpus()
        defer { database.remove() }
        let sealed = try connection.query("SELECT block, lengths FROM search_blocks").map(\.values)
        try connection.execute("UPDATE search_blocks SET lengths = NULL")
        try Self.expectScoresEqualBm25(connection, "harbour")
        _ = try ArticleWriter(connection: connection).write([Article(title: "Late harbour news", paragraphs: ["A ferry."], origin: "late")])
        // (The batch also seals the first block again, its deleted ids without a length.)
        let after = try connection.query("SELECT block, lengths FROM search_blocks").map(\.values)
        #expect(sealed.allSatisfy(after.contains), "the lengths filled in are those the seal gave")
        #expect(try connection.scalar("SELECT count(*) FROM search_blocks WHERE lengths IS NULL")?.int64Value == 0)
        try Self.expectScoresEqualBm25(connection, "harbour")
    }

    @Test func unweightedColumnsCountOnce() throws {
        let (database, connection) = try corpus()
        defer { database.remove() }
        let rows = try connection.query("""
            SELECT bm25(articles_fts), articles_rank(articles_fts) FROM articles_fts WHERE articles_fts MATCH 'tide'
            """)
        #expect(!rows.isEmpty)
        for row in rows { #expect(abs((row.double(0) ?? 0) - (row.double(1) ?? 1)) < 1e-9) }
    }
}

@Suite("BestScores keeps the page's candidates")
struct BestScoresTests {
    @Test func keepsTheLowestScoresAndTheirTies() {
        var state: UInt64 = 7
        var stream: [(score: Double, id: Int64)] = []
        for id in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            stream.append((Double((state >> 33) % 50), Int64(id)))
        }
        for capacity in [1, 3, 10, 25] {
            var best = BestScores(capacity: capacity)
            for entry in stream { best.offer(id: entry.id, score: entry.score) }
            let sorted = stream.sorted { $0.score < $1.score }
            let edge = sorted[capacity - 1].score
            let expected = Set(sorted.filter { $0.score <= edge }.map(\.id))
            #expect(Set(best.entries.map(\.id)) == expected, "capacity \(capacity)")
            #expect(best.entries.map(\.score) == best.entries.map(\.score).sorted())
            #expect(!best.overflowed)
        }
    }

    @Test func tooManyTiesAtTheEdgeOverflow() {
        var best = BestScores(capacity: 10, tieLimit: 1_000)
        for id in 0..<1_020 { best.offer(id: Int64(id), score: 1) }
        #expect(best.overflowed)
        #expect(best.entries.isEmpty)
    }
}
