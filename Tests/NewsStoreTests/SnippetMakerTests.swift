import Foundation
import Testing
@testable import NewsStore

@Suite("Snippets cut from the places the ranking found")
struct SnippetMakerTests {
    private func search(_ connection: Connection, _ query: String) throws -> SearchResult {
        var request = SearchRequest(query: try SearchQuery.parse(query))
        request.limit = 50
        return try SearchEngine(connection: connection).search(request)
    }

    private func marked(_ text: String) -> [String] {
        var spans: [String] = []
        var current: String?
        for character in text {
            if character == SearchHit.highlightStart {
                current = ""
            } else if character == SearchHit.highlightEnd {
                if let span = current { spans.append(span) }
                current = nil
            } else {
                current?.append(character)
            }
        }
        return spans
    }

    @Test func phrasesAreMarkedWholeAndCutsSayWhereTheTextGoesOn() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        let words = (1...60).map { "word\($0)" }.joined(separator: " ")
        _ = try ArticleWriter(connection: connection).write(Article(
            title: "Quiet week", paragraphs: ["A short lead.", "\(words) the harbour wall cracked, \(words)."], origin: "x"))

        let phrase = try #require(try search(connection, "\"harbour wall\"").hits.first)
        #expect(marked(phrase.snippet) == ["harbour wall"])
        #expect(phrase.snippet.hasPrefix("…") && phrase.snippet.hasSuffix("…"))
        // About 24 tokens, the match near the middle.
        let tokens = phrase.snippet.split { !$0.isLetter && !$0.isNumber }
        #expect(tokens.count == 24)
        #expect(tokens.firstIndex(of: "harbour").map { $0 >= 8 && $0 <= 14 } == true)

        // At the start of a column: no cut before, and the window runs on from the first token.
        let lead = try #require(try search(connection, "short").hits.first)
        #expect(lead.snippet == "A \u{2}short\u{3} lead.")
        // At the end of a long column the window moves back to show a whole snippet, punctuation kept.
        let end = try #require(try search(connection, "word60 cracked").hits.first)
        #expect(end.snippet.hasSuffix("\u{2}word60\u{3}.") || end.snippet.contains("\u{2}cracked\u{3}"))
    }

    @Test func prefixesStemsAndDiacriticsAreMarkedAsTheIndexMatchesThem() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        _ = try ArticleWriter(connection: connection).write(Article(
            title: "Café owners meet", paragraphs: ["The harbours were busy.", "Fishing boats returned; the harbourmaster waved."], origin: "x"))
        #expect(marked(try #require(try search(connection, "cafe").hits.first).snippet) == ["Café"])
        #expect(marked(try #require(try search(connection, "harbour").hits.first).snippet) == ["harbours"])
        #expect(Set(marked(try #require(try search(connection, "harbour*").hits.first).snippet)).isSubset(of: ["harbours", "harbourmaster"]))
        #expect(marked(try #require(try search(connection, "fish").hits.first).snippet) == ["Fishing"])
    }

    /// On varied articles and queries, every span our snippet marks is a span FTS5's own
    /// highlight() marks in that column, and the snippet is the column's text, cut.
    @Test func marksAgreeWithFTS5Highlight() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        let vocabulary = ["harbour", "storm", "council", "ferry", "wall", "Café", "naïve", "budget", "road", "bridge",
                          "sea-wall", "2025", "night", "tide", "residents", "said", "\"quoted\"", "O'Neill", "workers"]
        var generator = SystemRandomNumberGenerator()
        var articles: [Article] = []
        for number in 0..<60 {
            func sentence(_ count: Int) -> String {
                (0..<count).map { _ in vocabulary.randomElement(using: &generator)! }.joined(separator: " ") + "."
            }
            articles.append(Article(title: sentence(6), paragraphs: [sentence(20), sentence(80), sentence(40)], origin: "\(number)"))
        }
        _ = try ArticleWriter(connection: connection).write(articles)
        for query in ["harbour", "storm ferry", "\"harbour wall\"", "cafe", "naive", "sea", "bridge*", "tide OR budget", "said -road", "O'Neill"] {
            let result = try search(connection, query)
            for hit in result.hits {
                let spans = marked(hit.snippet)
                #expect(!spans.isEmpty, "no mark in \(hit.snippet) for \(query)")
                let columns = try connection.query(
                    "SELECT highlight(articles_fts, 0, char(2), char(3)), highlight(articles_fts, 1, char(2), char(3)), highlight(articles_fts, 2, char(2), char(3)) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
                    [.text(try SearchQuery.parse(query).expression ?? ""), .integer(hit.id)])
                let row = try #require(columns.first)
                let highlighted = (0..<3).compactMap { row.string($0) }
                let plain = hit.snippet.replacingOccurrences(of: "…", with: "")
                    .replacingOccurrences(of: "\u{2}", with: "").replacingOccurrences(of: "\u{3}", with: "")
                let inColumn = highlighted.first { column in
                    column.replacingOccurrences(of: "\u{2}", with: "").replacingOccurrences(of: "\u{3}", with: "").contains(plain)
                }
                let column = try #require(inColumn, "snippet \(hit.snippet) is not a column's text")
                let theirs = Set(marked(column).map { $0.lowercased() })
                for span in spans {
                    // FTS5 marks each phrase instance; ours joins neighbours, so a span is one or more of theirs.
                    let parts = span.lowercased().split(separator: " ").map(String.init)
                    #expect(theirs.contains(span.lowercased()) || parts.allSatisfy { theirs.contains($0) } || theirs.contains { $0.contains(span.lowercased()) },
                            "\(span) marked for \(query) but FTS5 marks \(theirs)")
                }
            }
        }
    }
}
