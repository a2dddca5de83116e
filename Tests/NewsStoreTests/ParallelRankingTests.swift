import Foundation
import Testing
@testable import NewsStore

/// Every match scored on several connections at once, each over stretches of ids, must give what
/// one connection scoring them all gives: the same total, page, scores, snippets and facets, all
/// from one snapshot of the file.
@Suite("Matches scored by helper connections equal one thread scoring them")
struct ParallelRankingTests {
    /// Scores every match (no pruning) on three helpers, whatever the match count.
    static func parallelEngine(_ connection: Connection) -> SearchEngine {
        let engine = SearchEngine(connection: connection)
        engine.allowsPruning = false
        engine.threads = 3
        engine.parallelMinimumRows = 0
        return engine
    }

    static func oneThreadEngine(_ connection: Connection) -> SearchEngine {
        let engine = SearchEngine(connection: connection)
        engine.allowsPruning = false
        engine.threads = 1
        return engine
    }

    /// Every query kind the scan takes: words, AND, OR, NOT, phrases, NEAR, columns, filters; and a
    /// prefix, which stays on one thread.
    static func query(_ corpus: FilteredRankingTests.Corpus) -> String {
        switch corpus.next(10) {
        case 0: corpus.word()
        case 1: "\(corpus.word()) \(corpus.word())"
        case 2: "\(corpus.word()) OR \(corpus.word())"
        case 3: "\(corpus.word()) -\(corpus.word())"
        case 4: "\"\(corpus.word()) \(corpus.word())\""
        case 5: "NEAR(\(corpus.word()) \(corpus.word()), 4)"
        case 6: "title:\(corpus.word()) \(corpus.word())"
        case 7: "\(corpus.word().prefix(3))*"
        default: corpus.query()
        }
    }

    @Test func randomQueriesScoredByHelpersGiveTheOneThreadPage() throws {
        let corpus = try FilteredRankingTests.Corpus(articles: 3_000)
        defer { corpus.database.remove() }
        let parallel = Self.parallelEngine(corpus.connection)
        let single = Self.oneThreadEngine(corpus.connection)
        var onHelpers = 0
        for _ in 0..<400 {
            let text = Self.query(corpus)
            guard let parsed = try? SearchQuery.parse(text) else { continue }
            var request = SearchRequest(query: parsed)
            request.limit = [1, 5, 10, 20][corpus.next(4)]
            request.offset = corpus.next(4) == 0 ? corpus.next(30) : 0
            request.facets = corpus.next(2) == 0 ? [.source, .month] : []
            let fast = try parallel.search(request)
            if parallel.lastScanThreads == 3 { onHelpers += 1 }
            let slow = try single.search(request)
            #expect(single.lastScanThreads == 1)
            #expect(fast.total == slow.total, "\(text): total")
            #expect(fast.hits.map(\.id) == slow.hits.map(\.id), "\(text) (limit \(request.limit), offset \(request.offset)): ids")
            #expect(fast.hits.map(\.score) == slow.hits.map(\.score), "\(text): scores")
            #expect(fast.hits.map(\.snippet) == slow.hits.map(\.snippet), "\(text): snippets")
            #expect(String(describing: fast.facets) == String(describing: slow.facets), "\(text): facets")
        }
        #expect(onHelpers > 250, "\(onHelpers) of 400 searches scored by the helpers")
    }

    /// A commit between the search's first read and the helpers' snapshots would give the helpers
    /// another file than the statistics came from: the search notices and scores on one thread.
    @Test func aCommitBeforeTheHelpersJoinSendsTheSearchToOneThread() throws {
        let corpus = try FilteredRankingTests.Corpus(articles: 1_000)
        defer { corpus.database.remove() }
        let engine = Self.parallelEngine(corpus.connection)
        let request = SearchRequest(query: try SearchQuery.parse("harbour"))
        let before = try engine.search(request)
        #expect(engine.lastScanThreads == 3)
        let other = try corpus.database.open()
        engine.beforeJoiningHelpers = {
            _ = try ArticleWriter(connection: other).write([Article(title: "harbour harbour harbour", paragraphs: ["harbour"], origin: "late")])
        }
        let after = try engine.search(request)
        #expect(engine.lastScanThreads == 1)
        #expect(after.total == before.total + 1)
        #expect(after.hits.first?.title == "harbour harbour harbour")
        engine.beforeJoiningHelpers = nil
        let again = try engine.search(request)
        #expect(engine.lastScanThreads == 3)
        #expect(again.total == after.total && again.hits.map(\.id) == after.hits.map(\.id))
    }

    /// A time limit that has fired stops a helper's statement as soon as the helper works under it.
    @Test func aFiredTimeLimitStopsAHelper() throws {
        let corpus = try FilteredRankingTests.Corpus(articles: 300)
        defer { corpus.database.remove() }
        let helper = try Connection(path: corpus.database.path, mode: .readOnly)
        let limit = TimeLimit(InterruptHandle(handle: corpus.connection.handle))
        #expect(try limit.covering(helper) { try helper.scalar("SELECT count(*) FROM articles")?.int64Value } == 300)
        limit.fire()
        #expect(throws: SQLiteError.self) {
            try limit.covering(helper) { try helper.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'harbour'") }
        }
        // Once the limit is left, the helper works again.
        #expect(try helper.scalar("SELECT count(*) FROM articles")?.int64Value == 300)
    }

    @Test(arguments: [(1, 1), (1, 6), (255, 6), (256, 6), (3_001, 6), (100_000, 16)])
    func stretchesCoverEveryIDOnce(lastID: Int64, count: Int) {
        let stretches = ParallelRanking.stretches(upTo: lastID, count: count)
        #expect(stretches.count <= count)
        #expect(stretches.first?.lowerBound == 0)
        // Whole blocks: a block's facet columns are read by one helper.
        #expect(stretches.dropFirst().allSatisfy { $0.lowerBound % SearchBounds.blockSize == 0 })
        #expect(stretches.last?.upperBound == lastID)
        for (previous, next) in zip(stretches, stretches.dropFirst()) { #expect(previous.upperBound + 1 == next.lowerBound) }
    }

    /// A one-shot command's helpers keep as few pages as its own connection.
    @Test func helpersKeepTheirSearchsPageCache() throws {
        let corpus = try FilteredRankingTests.Corpus(articles: 300)
        defer { corpus.database.remove() }
        for pageCache in [Connection.PageCache.small, .large] {
            let engine = SearchEngine(connection: try NewsDatabase.openReadOnly(path: corpus.database.path, pageCache: pageCache))
            engine.threads = 2
            let helpers = try #require(engine.scanHelpers)
            let sizes = try helpers.run({ connection, _ in try connection.scalar("PRAGMA cache_size")?.int64Value }, timeLimit: nil)
            #expect(sizes == Array(repeating: pageCache == .small ? -2000 : -65536, count: 2))
        }
    }

    @Test func anInMemoryFileHasNoHelpers() {
        #expect(ScanHelpers(path: ":memory:", count: 4, pageCache: .large) == nil)
        #expect(ScanHelpers(path: "/tmp/x.db", count: 1, pageCache: .large) == nil)
    }
}
