import Foundation
import Testing
@testable import NewsStore

@Suite("Pruned ranking: the page and the total equal scoring every match")
struct PrunedRankingTests {
    /// Words drawn with a skewed frequency (the first ones in most articles, the last in few),
    /// articles of very different lengths, some words repeated in titles: blocks' bounds differ, so
    /// the search skips some and must not skip any that holds a page's article.
    static let words = [
        "harbour", "ferry", "council", "tide", "strike", "rail", "union", "growers", "drought", "vote",
        "lighthouse", "storm", "budget", "school", "bridge", "market", "festival", "court", "river", "museum",
    ]

    final class Corpus {
        let database: TestDatabase
        let connection: Connection
        let writer: ArticleWriter
        var state: UInt64 = 7

        /// `startingAfter`: an article with no text takes that id first, so the corpus's ids
        /// follow it (the writer takes the next free one).
        /// `placeholders`: that many articles with no text take the first ids (1 on) before it.
        init(articles: Int, startingAfter firstID: Int64? = nil, placeholders: Int = 0) throws {
            database = try TestDatabase()
            connection = try database.open()
            writer = ArticleWriter(connection: connection)
            if let firstID {
                try connection.execute("INSERT INTO articles (id, content_hash, origin) VALUES (?, 'no text', 'placeholder')", [.integer(firstID)])
            }
            if placeholders > 0 {
                try connection.execute("""
                    WITH RECURSIVE series (value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM series WHERE value < ?)
                    INSERT INTO articles (id, content_hash, origin) SELECT value, 'no text ' || value, 'placeholder' FROM series
                    """, [.integer(Int64(placeholders))])
            }
            for start in stride(from: 0, to: articles, by: 500) {
                _ = try writer.write((start..<min(start + 500, articles)).map { article($0) })
            }
        }

        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }

        /// Word i is chosen about twice as often as word i+3.
        func word() -> String {
            PrunedRankingTests.words[min(next(PrunedRankingTests.words.count), next(PrunedRankingTests.words.count), next(PrunedRankingTests.words.count))]
        }

        func text(_ count: Int) -> String { (0..<count).map { _ in word() }.joined(separator: " ") }

        /// News comes in bursts: each thousand articles has a topic word (one of the rare half of
        /// the list) in many of its articles, so a topic's blocks bound far above the rest.
        static func topic(of number: Int) -> String { PrunedRankingTests.words[10 + (number / 1_000) % 10] }

        func article(_ number: Int) -> Article {
            let topic = next(3) == 0 ? " " + Self.topic(of: number) : ""
            return Article(title: next(10) == 0 ? nil : text(1 + next(5)) + topic, published: "2025-0\(1 + next(9))-1\(next(10))",
                           paragraphs: [text(2 + next(12)) + topic, text(3 + next(next(3) == 0 ? 300 : 40))], origin: "pruned\(number)")
        }

        func query() -> String {
            switch next(11) {
            case 0, 1: word()
            case 2: "\(word()) \(word())"
            case 3: "\(word()) -\(word())"
            case 4: "title:\(word()) \(word())"
            case 5: "\(word()) \(word()) \(word())"
            // A filter scores every match, with each word's rows for the IDF from the blocks' counts.
            case 6: "\(word()) \(word()) from:2025-0\(1 + next(9))"
            case 7: "\(word()) OR \(word()) to:2025-0\(1 + next(9))"
            // Filtered words pruned: the matches that pass come from the blocks' bits.
            case 8: "\(word()) to:2025-0\(1 + next(9))"
            case 9: "\(word()) -\(word()) from:2025-0\(1 + next(9))"
            default: "\(word()) OR \(word())"
            }
        }
    }

    static func engines(_ connection: Connection) -> (pruned: SearchEngine, exhaustive: SearchEngine) {
        let pruned = SearchEngine(connection: connection)
        pruned.pruning.minimumMatches = 1
        pruned.pruning.singleStatements = 2
        // Some stretches go on alone while most still reach the cut, the rest in runs.
        pruned.pruning.maximumSingleStatements = 5
        pruned.pruning.matchesPerBlock = 0
        pruned.pruning.wordMatchesPerBlock = 0
        pruned.pruning.filteredShare = 1_000_000
        pruned.pruning.statementCost = 60
        // Words ANDed are counted by three helper connections.
        pruned.threads = 3
        let exhaustive = SearchEngine(connection: connection)
        exhaustive.allowsPruning = false
        exhaustive.threads = 1
        return (pruned, exhaustive)
    }

    static func expectSamePages(_ corpus: Corpus, queries: Int) throws {
        let (pruned, exhaustive) = engines(corpus.connection)
        for _ in 0..<queries {
            let text = corpus.query()
            var request = SearchRequest(query: try SearchQuery.parse(text))
            request.limit = [1, 5, 10, 20][corpus.next(4)]
            request.offset = corpus.next(4) == 0 ? corpus.next(30) : 0
            request.facets = corpus.next(4) == 0 ? [.month, .year] : []
            let fast = try pruned.search(request)
            let full = try exhaustive.search(request)
            #expect(fast.total == full.total, "\(text): total")
            #expect(fast.hits.map(\.id) == full.hits.map(\.id), "\(text) (limit \(request.limit), offset \(request.offset)): ids")
            #expect(fast.hits.map(\.score) == full.hits.map(\.score), "\(text): scores")
            #expect(fast.hits.map(\.snippet) == full.hits.map(\.snippet), "\(text): snippets")
            #expect(String(describing: fast.facets) == String(describing: full.facets), "\(text): facets")
        }
    }

    @Test func randomQueriesGiveTheSamePage() throws {
        let corpus = try Corpus(articles: 4_000)
        defer { corpus.database.remove() }
        let sealed = try corpus.connection.scalar("SELECT count(*) FROM search_blocks")?.int64Value ?? 0
        #expect(sealed == 4_000 / 256, "every full block is sealed")
        try Self.expectSamePages(corpus, queries: 2_000)
    }

    /// The search does skip: a topic of one thousand articles out of four is found without scoring
    /// the blocks where its word only turns up by chance (one statement a block here; all 16
    /// without pruning), with the same page.
    @Test func aTopicIsFoundInItsOwnBlocks() throws {
        let corpus = try Corpus(articles: 4_000)
        defer { corpus.database.remove() }
        let (pruned, exhaustive) = Self.engines(corpus.connection)
        pruned.pruning.singleStatements = 100
        let request = SearchRequest(query: try SearchQuery.parse(Corpus.topic(of: 2_500)))
        let page = try pruned.search(request)
        #expect(page.hits.map(\.id) == (try exhaustive.search(request)).hits.map(\.id))
        let scored = try #require(pruned.lastPrunedStatements)
        #expect(scored <= 10, "scored \(scored) of \(4_000 / 256 + 1) stretches")
    }

    /// Bounds are stored by group of 64 blocks (16,384 ids) first: a corpus whose ids lie in the
    /// fourth group gets its rows there, a word's shares in those blocks come from them (not
    /// BM25's ceiling), its total from their counts, and pages equal full scoring.
    @Test func boundsPastTheFirstGroupAreRead() throws {
        let firstID: Int64 = 3 << (SearchBounds.groupShift + SearchBounds.blockShift)
        let corpus = try Corpus(articles: 3_000, startingAfter: firstID - 1)
        defer { corpus.database.remove() }
        let groups = try corpus.connection.query("SELECT DISTINCT block_group FROM search_bound_terms").compactMap { $0.int64(0) }
        #expect(groups == [3])

        let tokenizer = try #require(FTSTokenizer(connection: corpus.connection))
        let word = Self.words[0]
        let blockCount = Int(SearchBounds.block(of: firstID + 2_999)) + 1
        let boundRows = BoundRows(connection: corpus.connection, blockCount: blockCount)
        let shares = try PrunedRanking.termShares(boundRows: boundRows, term: tokenizer.terms(in: word)[0], averageLength: 50)
        let fullBlocks = Int(SearchBounds.block(of: firstID))..<(blockCount - 1)
        #expect(fullBlocks.allSatisfy { shares[$0] < RankFunction.k1 + 1 })
        let matches = try corpus.connection.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [.text(word)])?.int64Value
        #expect(try PrunedRanking.wordTotal(boundRows: boundRows, tokenizer: tokenizer, word: word) == matches)

        try Self.expectSamePages(corpus, queries: 300)
    }

    /// A word's bound rows count only where their generation is their block's seal: stale rows of
    /// a block sealed again, and rows of a block not sealed, are left out, whether the word has few
    /// rows (each looked up) or many (checked against every seal at once).
    @Test(arguments: [10, BoundRows.rowsCheckedOneByOne + 88])
    func onlyRowsOfTheBlocksCurrentSealCount(rowCount: Int) throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        // Even blocks sealed at generation 1, odd ones at 2; the last block not sealed.
        let series = "WITH RECURSIVE series (value) AS (SELECT 0 UNION ALL SELECT value + 1 FROM series WHERE value < ?)"
        try connection.execute(series + " INSERT INTO search_blocks (block, generation) SELECT value, 1 + value % 2 FROM series",
                               [.integer(Int64(rowCount - 2))])
        try connection.execute(series + """
             INSERT INTO search_bound_terms (block_group, term, block, generation, articles, max_weighted_tf, min_length_per_tf)
            SELECT value >> \(SearchBounds.groupShift), 'harbour', value, 1, 5, 2, 10.0 FROM series
            """, [.integer(Int64(rowCount - 1))])
        let rows = try BoundRows(connection: connection, blockCount: rowCount).rows(of: "harbour")
        #expect(rows.map(\.block) == Array(stride(from: Int64(0), to: Int64(rowCount - 1), by: 2)))
    }

    /// A word's articles as the blocks bound them (`BoundRows.atMost`, which decides whether a search
    /// plans, counts or scores alone) are never fewer than FTS5 counts: for common and rare words,
    /// one in no article, with a run of articles deleted (their blocks unsealed) and the last block
    /// not full; and no more than the rows counted plus three a sealed block without a row.
    @Test func theBlocksBoundEveryWordsArticles() throws {
        let corpus = try Corpus(articles: 3_000)
        defer { corpus.database.remove() }
        try corpus.connection.execute("DELETE FROM articles WHERE id BETWEEN 700 AND 760")
        let tokenizer = try #require(FTSTokenizer(connection: corpus.connection))
        let blockCount = Int(SearchBounds.block(of: 2_999)) + 1
        let sealed = try #require(try corpus.connection.scalar("SELECT count(*) FROM search_blocks")?.int64Value)
        #expect(sealed > 0 && sealed < Int64(blockCount), "some blocks sealed, some not")
        let boundRows = BoundRows(connection: corpus.connection, blockCount: blockCount)
        for word in Self.words + ["absentword"] {
            let term = try #require(tokenizer.terms(in: word).first)
            let matches = try #require(try corpus.connection.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [.text(word)])?.int64Value)
            let atMost = try boundRows.atMost(term)
            #expect(atMost >= matches, "\(word): \(matches) articles, bounded by \(atMost)")
            let rows = try boundRows.rows(of: term)
            let unsealed = Int64(blockCount) - sealed
            #expect(atMost == rows.reduce(0) { $0 + $1.articles } + (sealed - Int64(rows.count)) * 3 + unsealed * SearchBounds.blockSize)
        }
    }

    /// Words ANDed (and NOTed) are counted from the bits of the ids holding each word in each sealed
    /// block, and by FTS5 where a block has none (not sealed, or sealed before bits were kept): equal
    /// to FTS5's count for pairs and triples of common and rare words. A word's bits are the ids FTS5 finds.
    @Test func wordsANDedAreCountedFromTheirBits() throws {
        let corpus = try Corpus(articles: 3_000)
        defer { corpus.database.remove() }
        try corpus.connection.execute("DELETE FROM articles WHERE id BETWEEN 700 AND 760")
        try corpus.connection.execute("UPDATE search_bound_terms SET articles_bitmap = NULL WHERE block = 5")
        let tokenizer = try #require(FTSTokenizer(connection: corpus.connection))
        let blockCount = Int(SearchBounds.block(of: 2_999)) + 1
        let boundRows = BoundRows(connection: corpus.connection, blockCount: blockCount)

        let term = try #require(tokenizer.terms(in: Self.words[0]).first)
        let row = try #require(try boundRows.rows(of: term).first { $0.block == 1 })
        let bits = try #require(row.articleBits)
        let held: [Int64] = (0..<256).filter { (offset: Int) -> Bool in
            let mask: UInt64 = 1 << UInt64(offset & 63)
            return bits[offset >> 6] & mask != 0
        }.map { Int64(256 + $0) }
        let found = try corpus.connection.query("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN 256 AND 511",
                                                [.text(Self.words[0])]).compactMap { $0.int64(0) }
        #expect(held == found)
        #expect(held.count == Int(row.articles))

        // Words ANDed, and NOTed (`-`): each excluded word is taken out of the rest.
        for query in ["harbour ferry", "harbour museum", "council tide strike", "ferry river", "rail rail", "harbour -ferry",
                      "council tide -strike -museum", "ferry -harbour"] {
            let expression = try #require(try SearchQuery.parse(query).expression)
            let phrases = try #require(PrunedRanking.phrases(of: expression))
            let matches = try corpus.connection.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [.text(expression)])?.int64Value
            let total = try PrunedRanking.andTotal(boundRows: boundRows, tokenizer: tokenizer, phrases: phrases, expression: expression)
            #expect(total != nil, "\(query): counted from the bits")
            #expect(total == matches, "\(query)")
        }
        // A group after NOT takes out only the articles holding all of it, and a NOT inside a group
        // leaves its phrase unmarked: both are counted by FTS5.
        for grouped in ["\"harbour\" NOT (\"ferry\" \"tide\")", "(\"harbour\" NOT \"ferry\") AND \"tide\""] {
            #expect(try PrunedRanking.andTotal(boundRows: boundRows, tokenizer: tokenizer,
                                               phrases: try #require(PrunedRanking.phrases(of: grouped)), expression: grouped) == nil, "\(grouped)")
        }
    }

    /// The writer seals blocks from the terms counted on the parsing threads; sealing the same
    /// blocks again from their stored text must give the very same bounds.
    @Test func countsFromParsingEqualCountsFromStoredText() throws {
        let corpus = try Corpus(articles: 2_000)
        defer { corpus.database.remove() }
        #expect(corpus.writer.blocksSealedFromStoredText == 0, "every block sealed from the writer's own counts")
        let bounds = """
            SELECT t.term, t.block, t.max_weighted_tf, t.min_length_per_tf, t.articles_bitmap
            FROM search_bound_terms t JOIN search_blocks b USING (block, generation) ORDER BY 1, 2
            """
        let counted = try corpus.connection.query(bounds).map(\.values)
        #expect(counted.count > 100)
        try corpus.connection.execute("DELETE FROM search_blocks")
        let writer = ArticleWriter(connection: corpus.connection)
        _ = try writer.write([corpus.article(99_999)])
        #expect(writer.blocksSealedFromStoredText == 2_000 / 256)
        #expect(try corpus.connection.query(bounds).map(\.values) == counted)
    }

    /// A file of schema 8 or before (a reader does not migrate it) has no bounds: every search
    /// scores its matches in full, and finds what it always found.
    @Test func aFileWithoutBoundsIsScoredInFull() throws {
        let corpus = try Corpus(articles: 1_000)
        defer { corpus.database.remove() }
        try corpus.connection.execute("""
            DROP TRIGGER search_blocks_text_changed; DROP TRIGGER search_blocks_id_reused;
            DROP TABLE search_bound_terms; DROP TABLE search_blocks;
            """)
        let (pruned, exhaustive) = Self.engines(corpus.connection)
        let request = SearchRequest(query: try SearchQuery.parse("harbour"))
        let page = try pruned.search(request)
        #expect(pruned.lastPrunedStatements == nil)
        #expect(page.hits.map(\.id) == (try exhaustive.search(request)).hits.map(\.id))
        #expect(page.total > 0)
    }

    /// A file of schema 16 (before bits were kept or groups packed; a reader does not migrate it)
    /// is searched as before: words ANDed are counted by FTS5, with the same pages.
    @Test func aFileWithoutArticleBitsIsCountedByFTS5() throws {
        let corpus = try Corpus(articles: 2_000)
        defer { corpus.database.remove() }
        try corpus.connection.execute("""
            ALTER TABLE search_bound_terms DROP COLUMN articles_bitmap;
            DROP TABLE search_bound_packs; DROP TABLE search_packed_groups;
            """)
        #expect(try BoundRows.Layout.of(corpus.connection) == BoundRows.Layout(articleBits: false, packs: false))
        try Self.expectSamePages(corpus, queries: 300)
    }

    /// A packed entry reads back as its row: counts and bits as they were (every id's bits and none
    /// stored as flags), the length per count rounded down to a Float (the bound only rises).
    @Test func packedEntriesReadBackAsTheirRows() throws {
        let rows = [
            BoundRows.Row(block: 64 * 3 + 5, articles: 256, maxWeightedCount: 9, minLengthPerCount: 41.7, articleBits: ~SIMD4<UInt64>()),
            BoundRows.Row(block: 64 * 3 + 6, articles: 4, maxWeightedCount: 65_535, minLengthPerCount: 0.1, articleBits: SIMD4(1, 0, 1 << 63, 5)),
            BoundRows.Row(block: 64 * 3 + 63, articles: 17, maxWeightedCount: 2, minLengthPerCount: 1.0 / 3.0, articleBits: nil),
        ]
        var bytes: [UInt8] = []
        for (index, row) in rows.enumerated() {
            let entry = BoundPacks.Entry(row: row, generation: 4_000_000_000 + Int64(index))
            #expect(BoundPacks.fits(entry))
            BoundPacks.append(entry, to: &bytes)
        }
        #expect(bytes.count == 3 * BoundPacks.fixedSize + BoundPacks.bitmapSize)
        var read: [BoundPacks.Entry] = []
        bytes.withUnsafeBytes { BoundPacks.forEachEntry(in: $0, group: 3) { read.append($0) } }
        #expect(read.map(\.row.block) == rows.map(\.block))
        #expect(read.map(\.row.articles) == rows.map(\.articles))
        #expect(read.map(\.row.maxWeightedCount) == rows.map(\.maxWeightedCount))
        #expect(read.map(\.row.articleBits) == rows.map(\.articleBits))
        #expect(read.map(\.generation) == [4_000_000_000, 4_000_000_001, 4_000_000_002])
        for (entry, row) in zip(read, rows) {
            #expect(entry.row.minLengthPerCount <= row.minLengthPerCount && entry.row.minLengthPerCount > row.minLengthPerCount * (1 - 1e-6))
        }
        #expect(!BoundPacks.fits(BoundPacks.Entry(row: rows[0], generation: 1 << 32)))
        #expect(!BoundPacks.fits(BoundPacks.Entry(row: BoundRows.Row(block: 1, articles: 5, maxWeightedCount: 70_000, minLengthPerCount: 1,
                                                                      articleBits: nil), generation: 1)))
    }

    /// Once every block of a group of 64 is sealed, the group's bounds are packed into one row per
    /// word (`BoundPacks`) and its rows deleted: the same shares, totals, bits and pages. A block of
    /// the group sealed again (its text changed) is read from its new rows, not its stale entry; one
    /// with an article deleted (unsealed) from neither.
    @Test func packedGroupsGiveTheSameBoundsAndPages() throws {
        let groupEnd = Int(SearchBounds.groupSize << SearchBounds.blockShift)
        let corpus = try Corpus(articles: 3_000, placeholders: groupEnd - 1_600)
        defer { corpus.database.remove() }
        let connection = corpus.connection
        #expect(try connection.query("SELECT block_group FROM search_packed_groups").compactMap { $0.int64(0) } == [0])
        #expect(try connection.scalar("SELECT count(*) FROM search_bound_terms WHERE block_group = 0")?.int64Value == 0)
        #expect(try connection.scalar("SELECT count(*) FROM search_bound_packs WHERE block_group = 0")?.int64Value ?? 0 >= 10)

        let tokenizer = try #require(FTSTokenizer(connection: connection))
        let blockCount = Int(SearchBounds.block(of: Int64(groupEnd - 1_600 + 3_000))) + 1
        func expectBoundsHold() throws {
            let boundRows = BoundRows(connection: connection, blockCount: blockCount)
            for word in Self.words {
                let term = try #require(tokenizer.terms(in: word).first)
                let rows = try boundRows.rows(of: term)
                if Self.words.prefix(5).contains(word) {
                    #expect(rows.contains { $0.block < SearchBounds.groupSize }, "\(word) has packed entries")
                }
                for row in rows where (row.block + 1) * SearchBounds.blockSize <= Int64(groupEnd - 1_600) {
                    Issue.record("\(word): a bound for block \(row.block), which holds only placeholders")
                }
                for row in rows {
                    let first = row.block << SearchBounds.blockShift
                    let found = try connection.query("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?",
                                                     [.text(word), .integer(first), .integer(first + SearchBounds.blockSize - 1)])
                    #expect(Int64(found.count) == row.articles, "\(word) in block \(row.block)")
                    let bits = try #require(row.articleBits)
                    let held = found.compactMap { $0.int64(0) }.map { Int($0 - first) }
                    #expect(held.allSatisfy { bits[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 })
                    #expect((0..<4).reduce(0) { $0 + bits[$1].nonzeroBitCount } == held.count)
                }
                let matches = try connection.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [.text(word)])?.int64Value
                #expect(try PrunedRanking.wordTotal(boundRows: boundRows, tokenizer: tokenizer, word: word) == matches)
            }
            try Self.expectSamePages(corpus, queries: 200)
        }
        try expectBoundsHold()

        // Block 62 (in the packed group) sealed again from its changed text; block 61 left unsealed.
        let changed = Int64(62) << SearchBounds.blockShift + 10
        try connection.execute("UPDATE articles SET title = 'harbour harbour ferry ferry harbour' WHERE id = ?", [.integer(changed)])
        try connection.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
        _ = try corpus.writer.write([corpus.article(99_999)])
        #expect(try connection.scalar("SELECT count(*) FROM search_bound_terms WHERE block = 62")?.int64Value ?? 0 > 0)
        try connection.execute("DELETE FROM articles WHERE id = ?", [.integer(Int64(61) << SearchBounds.blockShift + 5)])
        try expectBoundsHold()
    }

    /// Text that changes after its block was sealed (a title filled in by a later copy, an edit in
    /// the sqlite3 shell) or an article deleted unseals the block, so its old bounds and counts are
    /// never trusted.
    @Test func changedTextUnsealsItsBlock() throws {
        let corpus = try Corpus(articles: 3_000)
        defer { corpus.database.remove() }
        let before = try corpus.connection.scalar("SELECT count(*) FROM search_blocks")?.int64Value ?? 0
        try corpus.connection.execute("UPDATE articles SET title = 'harbour harbour harbour harbour' WHERE id IN (300, 301)")
        try corpus.connection.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
        let after = try corpus.connection.scalar("SELECT count(*) FROM search_blocks")?.int64Value ?? 0
        #expect(after == before - 1)
        try Self.expectSamePages(corpus, queries: 300)
        // A deleted article would leave its block's word counts (the totals) too high.
        try corpus.connection.execute("DELETE FROM articles WHERE id = 700")
        #expect(try corpus.connection.scalar("SELECT count(*) FROM search_blocks")?.int64Value == before - 2)
        try Self.expectSamePages(corpus, queries: 300)
        // The next batch seals them again, from the text as it is now.
        _ = try ArticleWriter(connection: corpus.connection).write([corpus.article(99_999)])
        #expect(try corpus.connection.scalar("SELECT count(*) FROM search_blocks")?.int64Value == before)
        try Self.expectSamePages(corpus, queries: 300)
    }

    @Test(arguments: [
        ("\"harbour\"", [PrunedRanking.Phrase(text: "harbour", excluded: false)]),
        ("\"a\" AND \"b\" NOT \"c\"", [.init(text: "a", excluded: false), .init(text: "b", excluded: false), .init(text: "c", excluded: true)]),
        ("(\"a\") NOT (\"b\" OR \"c\") NOT \"d\"", [.init(text: "a", excluded: false), .init(text: "b", excluded: true),
                                                  .init(text: "c", excluded: true), .init(text: "d", excluded: true)]),
        ("(\"a\" NOT \"b\") OR \"c\"", [.init(text: "a", excluded: false), .init(text: "b", excluded: false), .init(text: "c", excluded: false)]),
        ("\"a\" NOT title : \"b\"", [.init(text: "a", excluded: false), .init(text: "b", excluded: false)]),
        ("NEAR(\"a\" \"b c\", 5)", [.init(text: "a", excluded: false), .init(text: "b c", excluded: false)]),
        ("\"say \"\"no\"\"\"", [.init(text: "say \"no\"", excluded: false)]),
    ])
    func phrasesAreReadInOrder(expression: String, expected: [PrunedRanking.Phrase]) {
        #expect(PrunedRanking.phrases(of: expression) == expected)
    }

    @Test(arguments: ["\"harb\"*", "harbour", "\"a\" ^ \"b\"", "\"unclosed"])
    func expressionsItCannotReadAreScoredInFull(expression: String) {
        #expect(PrunedRanking.phrases(of: expression) == nil)
    }
}
