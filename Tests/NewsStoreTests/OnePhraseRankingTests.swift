import Foundation
import Testing
@testable import NewsStore

/// A query of one phrase (a word, words in quotes, a prefix) is scored without its IDF, which goes
/// in once the scan has counted the phrase's rows: the page, scores, snippets and total must equal
/// scoring with the IDF from the start, on one thread and on helpers.
@Suite("One phrase scored before its IDF is known gives the page scored with it")
struct OnePhraseRankingTests {
    @Test func onlyOneQuotedPhraseCounts() {
        for expression in ["\"told reporters\"", "\"council\"*", "\"harbour\"", "\"say \"\"no\"\" again\""] {
            #expect(OnePhraseRanking.isOnePhrase(expression), "\(expression)")
        }
        for expression in ["\"a\" \"b\"", "\"a\" OR \"b\"", "title : \"a\"", "\"\"", "\"a\" NOT \"b\"", "NEAR(\"a\" \"b\", 3)",
                           "\"a\"\"", "harbour", "\"a\"**"] {
            #expect(!OnePhraseRanking.isOnePhrase(expression), "\(expression)")
        }
    }

    /// Lone phrases, words and prefixes, with phrases drawn from the articles' own text so that
    /// most match, against an engine that never defers (the exhaustive reference).
    static func query(_ corpus: FilteredRankingTests.Corpus) throws -> String {
        switch corpus.next(4) {
        case 0: return corpus.word()
        case 1: return "\(corpus.word().prefix(2 + corpus.next(3)))*"
        case 2: return "\"\(corpus.word()) \(corpus.word())\""
        default:
            let id = Int64(1 + corpus.next(2_000))
            let body = try corpus.connection.query("SELECT body FROM articles WHERE id = ?", [.integer(id)]).first?.string(0) ?? ""
            let words = body.split(separator: " ")
            guard words.count > 3 else { return corpus.word() }
            let first = corpus.next(words.count - 2)
            return "\"\(words[first...(first + 1 + corpus.next(2))].joined(separator: " "))\""
        }
    }

    @Test(arguments: [1, 3])
    func randomPhrasesGiveThePageScoredWithTheIDF(threads: Int) throws {
        let corpus = try FilteredRankingTests.Corpus(articles: 2_000)
        defer { corpus.database.remove() }
        let deferring = SearchEngine(connection: corpus.connection)
        deferring.threads = threads
        deferring.parallelMinimumRows = 0
        let reference = SearchEngine(connection: corpus.connection)
        reference.allowsPruning = false
        reference.threads = 1
        var deferred = 0
        var prefixesOnHelpers = 0
        for _ in 0..<300 {
            let text = try Self.query(corpus)
            guard let parsed = try? SearchQuery.parse(text) else { continue }
            var request = SearchRequest(query: parsed)
            request.limit = [1, 5, 10, 20][corpus.next(4)]
            request.offset = corpus.next(4) == 0 ? corpus.next(30) : 0
            let fast = try deferring.search(request)
            if deferring.lastDeferredIDF { deferred += 1 }
            if text.hasSuffix("*"), deferring.lastDeferredIDF, deferring.lastScanThreads > 1 { prefixesOnHelpers += 1 }
            let slow = try reference.search(request)
            #expect(!reference.lastDeferredIDF)
            #expect(fast.total == slow.total, "\(text): total")
            #expect(fast.hits.map(\.id) == slow.hits.map(\.id), "\(text) (limit \(request.limit), offset \(request.offset)): ids")
            #expect(fast.hits.map(\.score) == slow.hits.map(\.score), "\(text): scores")
            #expect(fast.hits.map(\.snippet) == slow.hits.map(\.snippet), "\(text): snippets")
        }
        // Words of many matches are pruned instead; the rest, phrases and prefixes, defer.
        #expect(deferred > 150, "\(deferred) of 300 searches deferred the IDF")
        // A prefix goes to the helpers once they are open, one stretch each.
        if threads > 1 { #expect(prefixesOnHelpers > 20, "\(prefixesOnHelpers) prefixes scored by the helpers") }
    }

    /// Two articles whose shares are equal in real numbers (three matches in 35 tokens, two in 20,
    /// where the average is 30) but may round apart, and apart the other way once the IDF is in:
    /// the page, scores and order equal scoring with the IDF first, whichever comes first by id.
    @Test(arguments: [false, true])
    func sharesEqualInRealNumbersGiveThePageScoredWithTheIDF(threeFirst: Bool) throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        func article(_ number: Int, matches: Int, tokens: Int) -> Article {
            let filler = (0..<(tokens - 2 - matches)).map { "w\(number)x\($0)" }
            return Article(title: "t\(number)", paragraphs: ["l\(number)", (Array(repeating: "zephyr", count: matches) + filler).joined(separator: " ")],
                           origin: "tie\(number)")
        }
        let pair = [article(1, matches: 3, tokens: 35), article(2, matches: 2, tokens: 20)]
        // Eight more without the word, 245 tokens in all: the average length is 30 exactly.
        let others = (3...10).map { article($0, matches: 0, tokens: $0 == 10 ? 28 : 31) }
        _ = try ArticleWriter(connection: connection).write((threeFirst ? pair : pair.reversed()) + others)
        let deferring = SearchEngine(connection: connection)
        let reference = SearchEngine(connection: connection)
        reference.allowsPruning = false
        for limit in [1, 2] {
            var request = SearchRequest(query: try SearchQuery.parse("zephyr"))
            request.limit = limit
            let fast = try deferring.search(request)
            let slow = try reference.search(request)
            #expect(fast.total == 2 && slow.total == 2)
            #expect(fast.hits.map(\.id) == slow.hits.map(\.id), "limit \(limit)")
            #expect(fast.hits.map(\.score) == slow.hits.map(\.score), "limit \(limit)")
        }
    }

    /// Rows the scan left out with a score a rounding away from the page's last might tie it once
    /// the IDF is in: then no page is given, and the search scores again with the IDF.
    @Test func aNearTieAtTheEdgeGivesNoPage() throws {
        let share = RankFunction.PhraseShare(frequency: 3, normaliser: 1.5)
        let close = RankFunction.PhraseShare(frequency: 3, normaliser: 1.5 * (1 + 1e-15))
        var best = BestScores(capacity: 1)
        best.offer(id: 1, score: -RankFunction.term(idf: 1, share))
        best.offer(id: 2, score: -RankFunction.term(idf: 1, close))
        #expect(best.bestLeftOut < .infinity)
        #expect(OnePhraseRanking.withIDF(best, shares: [1: share, 2: close], total: 10, rowCount: 100) == nil)

        var clear = BestScores(capacity: 1)
        clear.offer(id: 1, score: -RankFunction.term(idf: 1, share))
        clear.offer(id: 2, score: -RankFunction.term(idf: 1, RankFunction.PhraseShare(frequency: 1, normaliser: 1.5)))
        let page = try #require(OnePhraseRanking.withIDF(clear, shares: [1: share], total: 10, rowCount: 100))
        let idf = RankFunction.idf(rowCount: 100, phraseRows: 10)
        #expect(page.entries.map(\.id) == [1])
        #expect(page.entries.map(\.score) == [-RankFunction.term(idf: idf, share)])
    }
}
