import Foundation
import Testing
@testable import NewsStore

@Suite("Search, ranking, snippets and facets")
struct SearchEngineTests {
    func search(_ connection: Connection, _ query: String, facets: [FacetKind] = [], sort: SearchRequest.Sort = .relevance,
                configure: (inout SearchRequest) -> Void = { _ in }) throws -> SearchResult {
        var request = SearchRequest(query: try SearchQuery.parse(query))
        request.facets = facets
        request.sort = sort
        request.facetSize = 1000
        configure(&request)
        return try SearchEngine(connection: connection).search(request)
    }

    /// A small relevance set: for each query, the article that should rank first.
    @Test func titleOutranksLeadOutranksBody() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        let writer = ArticleWriter(connection: connection)
        let articles = [
            Article(title: "Council budget approved", published: "2025-01-05", paragraphs: ["The council met.", "A lighthouse was mentioned once in passing at the end of a long meeting about roads."], origin: "body"),
            Article(title: "Roads and bridges", published: "2025-01-04", paragraphs: ["The old lighthouse will be repaired next spring.", "Nothing more."], origin: "lead"),
            Article(title: "Lighthouse reopens to visitors", published: "2025-01-03", paragraphs: ["Visitors returned on Sunday.", "Tickets sold out."], origin: "title"),
            Article(title: "Ferry timetable", published: "2025-01-02", paragraphs: ["Evening ferries added.", "The ferry operator hired crew."], origin: "ferry"),
        ]
        _ = try writer.write(articles)
        let result = try search(connection, "lighthouse")
        #expect(result.hits.map(\.title) == ["Lighthouse reopens to visitors", "Roads and bridges", "Council budget approved"])
        #expect(result.total == 3)
        #expect(try search(connection, "ferry").hits.first?.title == "Ferry timetable")
        let newest = try search(connection, "lighthouse", sort: .newest)
        #expect(newest.hits.map(\.published) == ["2025-01-05", "2025-01-04", "2025-01-03"])
        let oldest = try search(connection, "lighthouse", sort: .oldest)
        #expect(oldest.hits.first?.published == "2025-01-03")
    }

    @Test func snippetsMarkTheMatchedWords() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        _ = try ArticleWriter(connection: connection).write(Article(
            paragraphs: ["Intro sentence.", "Residents said the harbour wall cracked during the storm on Sunday night."], origin: "x"))
        let hit = try #require(try search(connection, "harbour").hits.first)
        #expect(hit.snippet.contains("\u{2}harbour\u{3}"))
        #expect(hit.title == nil)
        #expect(hit.displayTitle == "Intro sentence.")
    }

    @Test func pagingKeepsTheTotal() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        _ = try ArticleWriter(connection: connection).write((1...25).map {
            Article(title: "Tide report \($0)", published: String(format: "2025-02-%02d", $0), paragraphs: ["Tide tables for day \($0)."], origin: "\($0)")
        })
        let second = try search(connection, "tide", sort: .newest) { $0.limit = 10; $0.offset = 10 }
        #expect(second.total == 25)
        #expect(second.hits.count == 10)
        #expect(second.hits.first?.published == "2025-02-15")
    }

    /// Pages by relevance join only the hits down to the page's last score; ties at that edge must
    /// still come in date-then-id order, on both the words-only path and the faceted one.
    @Test func relevancePagesKeepTieOrderAtTheirEdges() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        // Two groups of equal length: "tide" twice or once. Inside a group every article scores
        // the same, so dates, then ids, decide.
        let days = [3, 9, 1, 9, 5, 7, 2, 9, 4, 8, 6, 3, 1, 7]
        _ = try ArticleWriter(connection: connection).write(days.enumerated().map { number, day in
            Article(title: "Tide note", published: String(format: "2025-04-%02d", day),
                    paragraphs: [number % 3 == 0 ? "Tide tide word\(number + 10)." : "Tide word\(number + 10) today."], origin: "tie\(number)")
        })
        let expected = try connection.query("""
            SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH 'tide'
            ORDER BY bm25(articles_fts, 5.0, 2.0, 1.0), a.published DESC, a.id
            """).compactMap { $0.int64(0) }
        #expect(expected.count == days.count)
        for facets in [[], [FacetKind.source]] {
            for offset in [0, 2, 3, 5, 12] {
                let page = try search(connection, "tide", facets: facets) { $0.limit = 3; $0.offset = offset }
                #expect(page.hits.map(\.id) == Array(expected.dropFirst(offset).prefix(3)), "offset \(offset), facets \(facets)")
                #expect(page.total == days.count)
            }
        }
    }

    @Test func aPageOfManyEqualScoresIsStillExact() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        // A thousand ties at the page's edge: kept in memory and ordered by date, then, for an
        // engine that keeps fewer, ranked in SQL instead. Both give the page SQL gives.
        let count = 1_050
        _ = try ArticleWriter(connection: connection).write((0..<count).map { number in
            Article(title: "Same", published: String(format: "2025-05-%02d", 1 + number % 28),
                    paragraphs: ["Beacon word\(number)."], origin: "same\(number)")
        })
        let expected = try connection.query("""
            SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH 'beacon'
            ORDER BY bm25(articles_fts, 5.0, 2.0, 1.0), a.published DESC, a.id LIMIT 5 OFFSET 40
            """).compactMap { $0.int64(0) }
        var request = SearchRequest(query: try SearchQuery.parse("beacon"))
        request.limit = 5
        request.offset = 40
        let keeping = SearchEngine(connection: connection)
        let overflowing = SearchEngine(connection: connection)
        overflowing.tieLimit = 1_000
        for engine in [keeping, overflowing] {
            let page = try engine.search(request)
            #expect(page.hits.map(\.id) == expected)
            #expect(page.total == count)
        }
    }

    @Test func showSQLNamesTheStatementThatRuns() throws {
        let words = SearchRequest(query: try SearchQuery.parse("harbour ferry"))
        #expect(SearchEngine.matchSQL(for: words).sql.hasPrefix("SELECT f.rowid, articles_rank("))
        #expect(SearchEngine.matchSQL(for: words).values == [.text(words.query.expression!)])
        var newest = words
        newest.sort = .newest
        #expect(SearchEngine.matchSQL(for: newest).sql == SearchEngine.matchIDsSQL)
        var filtersOnly = SearchRequest(query: try SearchQuery.parse("source:\"The Coastal Ledger\""))
        filtersOnly.sort = .newest
        #expect(SearchEngine.matchSQL(for: filtersOnly).sql.hasPrefix("INSERT INTO temp.search_hits"))
        // Filters the blocks decide rank in the same scan, each match judged before it is scored.
        let filtered = SearchRequest(query: try SearchQuery.parse("harbour from:2025-01"))
        #expect(SearchEngine.matchSQL(for: filtered).sql.hasPrefix("SELECT f.rowid, articles_rank("))
        #expect(SearchEngine.matchSQL(for: filtered).sql.contains("newsdb_block_filter(f.rowid, ?3)"))
        #expect(SearchEngine.matchSQL(for: filtered).values == [.text(filtered.query.expression!), .text("2025-01-01")])
        // So do agencies and entities; where a block cannot tell, the rows that hang off the article decide.
        let byAgency = SearchRequest(query: try SearchQuery.parse("harbour agency:AP person:Quintero"))
        #expect(SearchEngine.matchSQL(for: byAgency).sql.hasPrefix("SELECT f.rowid, articles_rank("))
        #expect(SearchEngine.matchSQL(for: byAgency).sql.contains("FROM article_credits c WHERE c.article_id = a.id"))
        #expect(SearchEngine.matchSQL(for: byAgency).values == [.text(byAgency.query.expression!), .text("AP"), .text("person"),
                                                                .text("Quintero"), .text("Quintero")])
        var byAgencyNewest = byAgency
        byAgencyNewest.sort = .newest
        #expect(SearchEngine.matchSQL(for: byAgencyNewest).sql.hasPrefix(SearchEngine.matchIDsSQL + "\n-- each match judged by"))
    }

    @Test func rawExpressionErrorsAreShownPlainly() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        var request = SearchRequest(query: SearchQuery(expression: nil), rawExpression: "AND AND (")
        request.limit = 1
        #expect(throws: RawExpressionError.self) { try SearchEngine(connection: connection).search(request) }
    }

    @Test func packedFacetsStayExactWhenTablesAreEditedByHand() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        _ = try ArticleWriter(connection: connection).write([sampleArticle(), sampleArticle(title: "Other", paragraphs: ["Other words here."], origin: "o")])
        let drift = "SELECT count(*) FROM article_facets f JOIN article_facets_computed c USING (article_id) WHERE f.packed != c.packed"
        #expect(try connection.scalar(drift) == .integer(0))
        // Edits a user might make in the sqlite3 shell.
        try connection.execute("INSERT INTO entities (name, type) VALUES ('Harbour Board', 'organization')")
        try connection.execute("INSERT INTO article_entities (article_id, entity_id) SELECT 1, id FROM entities WHERE name = 'Harbour Board'")
        try connection.execute("DELETE FROM article_credits WHERE agency = 'AP'")
        try connection.execute("UPDATE articles SET published = '2024-01-01' WHERE id = 2")
        try connection.execute("INSERT INTO articles (title, lead, content_hash, origin, published) VALUES ('By hand', 'Typed in.', 'h', 'shell', '2023-05-05')")
        #expect(try connection.scalar(drift) == .integer(0))
        // An edit's own conflict clause is imposed on the triggers' statements: the packed row must
        // still be replaced (0014).
        try connection.execute("INSERT OR IGNORE INTO article_credits (article_id, agency) VALUES (2, 'UPI'), (2, 'AFP')")
        try connection.execute("INSERT OR REPLACE INTO article_entities (article_id, entity_id) SELECT 2, id FROM entities WHERE name = 'Harbour Board'")
        try connection.execute("UPDATE OR IGNORE articles SET source_id = NULL WHERE id = 2")
        #expect(try connection.scalar(drift) == .integer(0))
        #expect(try connection.scalar("SELECT count(*) FROM article_facets") == .integer(3))
        try connection.execute("DELETE FROM articles WHERE id = 1")
        #expect(try connection.scalar("SELECT count(*) FROM article_facets") == .integer(2))
    }

    /// Random articles over a small vocabulary, sources, agencies, entities and dates; every facet
    /// count is checked against a count done in Swift over the same articles.
    @Test(arguments: [
        "alpha", "bravo charlie", "alpha OR delta", "echo -alpha",
        "alpha source:S1", "bravo person:P2", "charlie agency:AP from:2025-03 to:2025-06", "place:L3 org:O1",
    ])
    func facetCountsAreExact(query: String) throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        var seed = UInt64(query.utf8.reduce(7) { $0 &* 31 &+ UInt64($1) })
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let vocabulary = ["alpha", "bravo", "charlie", "delta", "echo"]
        var articles: [Article] = []
        for number in 0..<400 {
            let words = vocabulary.filter { _ in next(3) == 0 } + ["filler\(number)"]
            var article = Article(
                source: "S\(next(4))", published: String(format: "2025-%02d-%02d", next(12) + 1, next(28) + 1),
                credits: ["AP", "AFP", "Reuters"].filter { _ in next(2) == 0 },
                paragraphs: ["Lead \(number) " + words.joined(separator: " ") + "."], origin: "\(number)")
            article.entities = (0..<next(4)).map { _ in
                let kind = [Entity.Kind.person, .place, .organization][next(3)]
                let prefix = kind == .person ? "P" : kind == .place ? "L" : "O"
                return Entity(name: "\(prefix)\(next(5))", type: kind)
            }
            article.entities = Array(Set(article.entities.map(\.name))).sorted().compactMap { name in article.entities.first { $0.name == name } }
            articles.append(article)
        }
        _ = try ArticleWriter(connection: connection).write(articles)

        let parsed = try SearchQuery.parse(query)
        func matchesText(_ article: Article) -> Bool {
            let words = Set(article.paragraphs[0].lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
            switch query.split(separator: " ").filter({ !$0.contains(":") }).joined(separator: " ") {
            case "alpha": return words.contains("alpha")
            case "bravo charlie": return words.contains("bravo") && words.contains("charlie")
            case "alpha OR delta": return words.contains("alpha") || words.contains("delta")
            case "echo -alpha": return words.contains("echo") && !words.contains("alpha")
            case "bravo": return words.contains("bravo")
            case "charlie": return words.contains("charlie")
            default: return true
            }
        }
        let filters = parsed.filters
        let expected = articles.filter { article in
            guard matchesText(article) else { return false }
            if !filters.sources.isEmpty, !filters.sources.contains(article.source ?? "") { return false }
            if !filters.agencies.isEmpty, Set(filters.agencies).isDisjoint(with: article.credits) { return false }
            let names = Set(article.entities.map(\.name))
            for list in [filters.people, filters.places, filters.organizations] where !list.isEmpty {
                if Set(list).isDisjoint(with: names) { return false }
            }
            if let from = filters.from, (article.published ?? "") < from { return false }
            if let to = filters.to, (article.published ?? "") > to { return false }
            return true
        }
        let result = try search(connection, query, facets: [.source, .month, .person, .place, .org, .agency])
        #expect(result.total == expected.count)
        #expect(result.total > 0, "the query should match something")
        func brute(_ values: (Article) -> [String]) -> [String: Int] {
            var counts: [String: Int] = [:]
            for article in expected { for value in Set(values(article)) { counts[value, default: 0] += 1 } }
            return counts
        }
        func facet(_ kind: FacetKind) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: (result.facets.first { $0.kind == kind }?.counts ?? []).map { ($0.value, $0.count) })
        }
        #expect(facet(.source) == brute { [$0.source ?? ""] })
        #expect(facet(.month) == brute { [String(($0.published ?? "").prefix(7))] })
        #expect(facet(.agency) == brute { $0.credits })
        #expect(facet(.person) == brute { $0.entities.filter { $0.type == .person }.map(\.name) })
        #expect(facet(.place) == brute { $0.entities.filter { $0.type == .place }.map(\.name) })
        #expect(facet(.org) == brute { $0.entities.filter { $0.type == .organization }.map(\.name) })
    }
}
