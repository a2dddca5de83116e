import Foundation
import Testing
@testable import NewsStore

@Suite("Writing articles and keeping FTS in sync")
struct ArticleWriterTests {
    func matches(_ connection: Connection, _ query: String, in table: String = "articles_fts") throws -> [Int64] {
        try connection.query("SELECT rowid FROM \(table) WHERE \(table) MATCH ? ORDER BY rowid", [.text(query)])
            .compactMap { $0.int64(0) }
    }

    @Test func storedArticleCarriesEveryPart() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        let outcome = try ArticleWriter(connection: connection).write(sampleArticle())
        guard case .inserted(let id) = outcome else { Issue.record("not inserted: \(outcome)"); return }
        let row = try #require(try connection.query("""
            SELECT s.name, g.name, a.title, a.lead, a.body, a.word_count, a.published
            FROM articles a JOIN sources s ON s.id = a.source_id JOIN aggregators g ON g.id = a.aggregator_id
            WHERE a.id = ?
            """, [.integer(id)]).first)
        #expect(row.string(0) == "The Coastal Ledger")
        #expect(row.string(1) == "Daily Brief Hub")
        #expect(row.string(3)?.hasPrefix("The Lindqvist harbour") == true)
        #expect(row.string(4)?.hasPrefix("Councillor Mara Okonjo") == true)
        #expect(row.int(5) == 26)
        #expect(row.string(6) == "2025-03-12")
        #expect(try connection.query("SELECT agency FROM article_credits ORDER BY agency").map { $0.string(0) } == ["AFP", "AP"])
        #expect(try connection.scalar("SELECT speaker_entity_id IS NOT NULL FROM quotes") == .integer(1))
        #expect(try matches(connection, "okonjo", in: "entities_fts").count == 1)
        #expect(try matches(connection, "aliases:okonjo", in: "entities_fts").count == 1)
        #expect(try matches(connection, "crush", in: "quotes_fts").count == 1)
    }

    @Test func sameWordsAreADuplicateWhateverTheSpacingAndCase() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let writer = ArticleWriter(connection: try database.open())
        #expect(try writer.write(sampleArticle()) != .duplicate)
        let reposted = sampleArticle(paragraphs: [
            "THE LINDQVIST harbour council voted on Tuesday to add three evening   ferry crossings.",
            "Councillor Mara Okonjo said the change would “ease the evening crush” for commuters.",
        ], origin: "other.txt")
        #expect(try writer.write(reposted) == .duplicate)
        let different = sampleArticle(paragraphs: ["A different story entirely."], origin: "third.txt")
        #expect(try writer.write(different) != .duplicate)
    }

    @Test func batchWritesInOneTransactionAndReportsEach() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        let articles = (1...50).map { number in
            sampleArticle(title: "Story \(number)", paragraphs: ["Paragraph number \(number) about tides."], origin: "batch#\(number)")
        }
        let outcomes = try ArticleWriter(connection: connection).write(articles + [articles[0]])
        #expect(outcomes.filter { if case .inserted = $0 { true } else { false } }.count == 50)
        #expect(outcomes.last == .duplicate)
        #expect(try connection.scalar("SELECT count(*) FROM articles") == .integer(50))
        #expect(try connection.scalar("SELECT count(*) FROM entities") == .integer(2))
    }

    @Test func ftsFollowsInsertUpdateAndDelete() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        let writer = ArticleWriter(connection: connection)
        guard case .inserted(let id) = try writer.write(sampleArticle()) else { Issue.record("not inserted"); return }
        #expect(try matches(connection, "ferry") == [id])
        // Porter stemming: "crossing" finds "crossings".
        #expect(try matches(connection, "crossing") == [id])

        try connection.execute("UPDATE articles SET lead = ? WHERE id = ?", ["The council cancelled the lighthouse tours.", .integer(id)])
        #expect(try matches(connection, "lighthouse") == [id])
        #expect(try matches(connection, "crossings").isEmpty)
        #expect(try matches(connection, "title:timetable") == [id])

        try connection.execute("DELETE FROM articles WHERE id = ?", [.integer(id)])
        #expect(try matches(connection, "lighthouse").isEmpty)
        #expect(try connection.scalar("SELECT count(*) FROM quotes") == .integer(0))
        #expect(try matches(connection, "crush", in: "quotes_fts").isEmpty)
    }

    @Test func integrityChecksPassAfterAMixedWorkload() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        let writer = ArticleWriter(connection: connection)
        for number in 1...30 {
            _ = try writer.write(sampleArticle(title: "Story \(number)", paragraphs: ["Words \(number) río Zürich."], origin: "mix#\(number)"))
        }
        try connection.execute("UPDATE articles SET body = 'changed body' WHERE id % 3 = 0")
        try connection.execute("DELETE FROM articles WHERE id % 5 = 0")
        try connection.execute("DELETE FROM entity_aliases")
        try connection.execute("UPDATE quotes SET text = 'new words' WHERE id % 2 = 0")
        for table in ["articles_fts", "quotes_fts", "entities_fts"] {
            try connection.execute("INSERT INTO \(table) (\(table)) VALUES ('integrity-check')")
        }
        // remove_diacritics: "zurich" finds "Zürich".
        #expect(try matches(connection, "zurich").count == 24)
        #expect(try connection.scalar("PRAGMA integrity_check") == .text("ok"))
    }

    @Test func constraintBreakingArticleIsRejectedAloneInABatch() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        try connection.execute("CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN new.title = 'bad' BEGIN SELECT RAISE(ABORT, 'refused'); END")
        let outcomes = try ArticleWriter(connection: connection).write([
            sampleArticle(title: "good", paragraphs: ["One."]),
            sampleArticle(title: "bad", paragraphs: ["Two."]),
            sampleArticle(title: "fine", paragraphs: ["Three."]),
        ])
        #expect(outcomes[1] == .rejected(reason: "refused"))
        #expect(try connection.scalar("SELECT count(*) FROM articles") == .integer(2))
        #expect(try matches(connection, "title:good OR title:bad OR title:fine").count == 2)
        try connection.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    }

    /// A batch sets its triggers aside and puts them back as they were, whether it
    /// commits or its replay rejects an article; afterwards they keep other writers' changes right.
    @Test func triggersSetAsideByABatchComeBackUnchanged() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        let triggerSQL = "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name"
        let before = try connection.query(triggerSQL).map { $0.values }
        #expect(before.count > ArticleWriter.triggersSetAside.count)
        try connection.execute("CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN new.title = 'bad' BEGIN SELECT RAISE(ABORT, 'refused'); END")
        let writer = ArticleWriter(connection: connection)
        _ = try writer.write([sampleArticle(title: "good", paragraphs: ["One."]), sampleArticle(title: "bad", paragraphs: ["Two."])])
        try connection.execute("DROP TRIGGER refuse")
        _ = try writer.write([sampleArticle(title: "fine", paragraphs: ["Three."])])
        #expect(try connection.query(triggerSQL).map { $0.values } == before)
        // Outside newsdb's batches, the triggers do their work.
        try connection.execute("INSERT INTO articles (title, content_hash, origin) VALUES ('shell insert', 'h1', 'shell')")
        #expect(try matches(connection, "title:shell").count == 1)
        #expect(try connection.scalar("SELECT count(*) FROM article_facets") == .integer(3))
    }

    /// An ingest batch goes in without savepoints; when one article breaks a rule, the whole
    /// commit is replayed article by article: the others land once, the culprit becomes a reject.
    @Test func ingestBatchReplaysWhenOneArticleBreaksARule() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        try connection.execute("CREATE TRIGGER refuse BEFORE INSERT ON quotes WHEN new.text LIKE '%forbidden%' BEGIN SELECT RAISE(ABORT, 'quote refused'); END")
        let log = IngestLog(connection: connection)
        let run = try log.startRun(arguments: "test")
        let writer = IngestWriter(connection: connection, run: run)
        let batch = [
            sampleArticle(title: "first", paragraphs: ["One about tides, with \"a fine quote\" said Mara Okonjo."], origin: "a"),
            sampleArticle(title: "second", paragraphs: ["Two about tides, with \"a forbidden quote\" said Mara Okonjo."], origin: "b"),
            sampleArticle(title: "third", paragraphs: ["Three about tides."], origin: "c"),
        ].map { article in
            var article = article
            article.quotes = article.paragraphs[0].contains("quote") ? [Quote(text: article.paragraphs[0].contains("forbidden") ? "a forbidden quote" : "a fine quote", speaker: "Mara Okonjo")] : []
            return PreparedArticle(article)
        }
        let outcomes = try writer.commit(articles: batch, rejects: [], finishedFiles: [])
        #expect(outcomes[1] == .rejected(reason: "quote refused"))
        #expect(try connection.scalar("SELECT count(*) FROM articles") == .integer(2))
        #expect(try connection.scalar("SELECT count(*) FROM quotes") == .integer(1))
        #expect(try connection.scalar("SELECT count(*) FROM rejects WHERE origin = 'b'") == .integer(1))
        #expect(try matches(connection, "tides").count == 2)
        #expect(try matches(connection, "fine", in: "quotes_fts").count == 1)
        for table in ["articles_fts", "quotes_fts", "entities_fts"] {
            try connection.execute("INSERT INTO \(table) (\(table)) VALUES ('integrity-check')")
        }
        #expect(try connection.scalar("PRAGMA foreign_key_check") == nil)
    }

    /// The batch indexes its new rows at the end; a title filled in later must reach the index,
    /// whether the untitled copy came in an earlier batch or earlier in the same one.
    @Test func titleFilledFromADuplicateIsSearchable() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        let writer = ArticleWriter(connection: connection)
        let untitled = sampleArticle(title: nil, paragraphs: ["Dredging of the canal begins in spring."], origin: "first.txt")
        let titled = sampleArticle(title: "Canal works approved", paragraphs: ["Dredging of the canal begins in spring."], origin: "second.txt")
        _ = try writer.write([untitled])
        #expect(try writer.write([titled]) == [.duplicate])
        #expect(try matches(connection, "title:approved").count == 1)

        let sameBatchUntitled = sampleArticle(title: nil, paragraphs: ["The ferry timetable changes in May."], origin: "third.txt")
        let sameBatchTitled = sampleArticle(title: "Ferry timetable revised", paragraphs: ["The ferry timetable changes in May."], origin: "fourth.txt")
        #expect(try writer.write([sameBatchUntitled, sameBatchTitled]).last == .duplicate)
        #expect(try matches(connection, "title:revised").count == 1)
        #expect(try matches(connection, "dredging OR ferry").count == 2)
        for table in ["articles_fts", "quotes_fts"] {
            try connection.execute("INSERT INTO \(table) (\(table)) VALUES ('integrity-check')")
        }
        #expect(try connection.scalar("SELECT bulk FROM newsdb_state") == .integer(0))
    }
}
