import Foundation
import Testing

@Suite("newsdb ingest from the built binary")
struct IngestCommandTests {
    static let sampleData = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleData")

    static func sample(_ path: String) -> String { sampleData.appendingPathComponent(path).path }

    func ingest(_ newsdb: BuiltBinary, _ arguments: [String], db: String, input: Data? = nil) throws -> IngestSummary {
        let (result, summary) = try newsdb.ingest(arguments, db: db, input: input)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(summary)
    }

    func scalar(_ newsdb: BuiltBinary, db: String, _ query: String) throws -> String {
        try newsdb.scalar(db: db, query)
    }

    @Test func pageFolderLoadsOncePerStoryWithItsFields() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        let summary = try ingest(newsdb, [Self.sample("pages")], db: db)
        #expect(summary.records == 50)
        #expect(summary.added == 24)
        #expect(summary.duplicates == 26)
        #expect(summary.rejected == 0)
        #expect(try scalar(newsdb, db: db, "SELECT s.name FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.lead LIKE 'The Lindhaven harbour council%'") == "The Coastal Ledger")
        #expect(try scalar(newsdb, db: db, "SELECT count(*) FROM quotes WHERE speaker_name = 'Mara Okonjo'") == "3")
        #expect(try scalar(newsdb, db: db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ferry'") != "0")

        let again = try ingest(newsdb, [Self.sample("pages")], db: db)
        #expect(again.added == 0)
        #expect(again.already_loaded_files == 50)
        let rechecked = try ingest(newsdb, ["--recheck", Self.sample("pages")], db: db)
        #expect(rechecked.added == 0)
        #expect(rechecked.duplicates == 50)
    }

    /// What a user hands on after a load is the database file; its last batches must be in it,
    /// not only in the `-wal` file beside it.
    @Test func aFinishedLoadLeavesEverythingInTheDatabaseFileItself() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        let summary = try ingest(newsdb, [Self.sample("pages")], db: db)
        #expect(summary.added == 24)
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
        try FileManager.default.createDirectory(atPath: scratch.path("handed-on"), withIntermediateDirectories: true)
        let copy = scratch.path("handed-on/news.db")
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        #expect(try scalar(newsdb, db: copy, "SELECT count(*) FROM articles") == "24")
    }

    /// `init` first and `ingest` after, or `ingest` alone: the file has the page size newsdb
    /// gives new files either way (init once went its own way in and made 4 KiB pages).
    @Test func aFileMadeByInitHasTheSamePageSizeAsOneMadeByIngest() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let initialised = scratch.path("init.db")
        try newsdb.run(["init", "--db", initialised])
        _ = try ingest(newsdb, [Self.sample("pages")], db: initialised)
        _ = try ingest(newsdb, [Self.sample("pages")], db: scratch.path("ingest.db"))
        for db in [initialised, scratch.path("ingest.db")] {
            #expect(try scalar(newsdb, db: db, "PRAGMA page_size") == "16384", "\(db)")
        }
    }

    @Test func jsonArrayDumpLoadsLikeItsJSONLinesAndACutOneSaysWhere() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        // The SampleData JSONL as one pretty-printed JSON array, as `jq -s .` would write it.
        let lines = try String(contentsOfFile: Self.sample("dumps/articles.jsonl"), encoding: .utf8).split(separator: "\n")
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
        let array = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted])
        try array.write(to: URL(fileURLWithPath: scratch.path("dump.json")))
        let loaded = try ingest(newsdb, [scratch.path("dump.json")], db: scratch.path("array.db"))
        #expect(loaded.added == 22 && loaded.rejected == 0)
        let fromLines = try ingest(newsdb, [Self.sample("dumps/articles.jsonl")], db: scratch.path("lines.db"))
        #expect(fromLines.added == 22)
        let titles = "SELECT group_concat(title || published, '|') FROM (SELECT title, published FROM articles ORDER BY title)"
        #expect(try scalar(newsdb, db: scratch.path("array.db"), titles) == (try scalar(newsdb, db: scratch.path("lines.db"), titles)))

        // Cut in the middle of its fourth record: three load, one reject names the record and its line.
        let text = String(decoding: array, as: UTF8.self)
        let fourth = text.components(separatedBy: "\n  {").prefix(4).joined(separator: "\n  {")
        try (fourth + "\n  {\"title\": \"cut").write(toFile: scratch.path("cut.json"), atomically: true, encoding: .utf8)
        let cut = try ingest(newsdb, [scratch.path("cut.json")], db: scratch.path("cut.db"))
        #expect(cut.added == 3 && cut.rejected == 1)
        let reject = try newsdb.run(["rejects", "--db", scratch.path("cut.db"), "--format", "csv"]).stdout
        #expect(reject.contains("cut.json#4 (line "), "\(reject)")
        #expect(reject.contains("cut short"))
    }

    @Test(arguments: ["dumps/articles.jsonl", "dumps/articles.csv", "dumps/articles.jsonl.gz"])
    func everyDumpFormatLoadsEveryStory(path: String) throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        let summary = try ingest(newsdb, [Self.sample(path)], db: db)
        #expect(summary.added == 22)
        #expect(summary.rejected == 0)
        #expect(try scalar(newsdb, db: db, "SELECT count(DISTINCT source_id) FROM articles") == "7")
        #expect(try scalar(newsdb, db: db, "SELECT published FROM articles WHERE title LIKE 'Harbour council adds%'") == "2025-03-12T14:05:00Z")
        #expect(try scalar(newsdb, db: db, "SELECT count(*) FROM articles WHERE url IS NULL") == "0")
    }

    @Test(arguments: ["dumps/articles.jsonl", "dumps/articles.jsonl.gz", "dumps/articles.csv"])
    func standardInputIsSniffed(path: String) throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.sample(path)))
        let summary = try ingest(newsdb, ["-"], db: scratch.path("news.db"), input: data)
        #expect(summary.added == 22)
    }

    @Test func sameStoriesAcrossFormatsAreDuplicates() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        _ = try ingest(newsdb, [Self.sample("pages")], db: db)
        let dump = try ingest(newsdb, [Self.sample("dumps/articles.csv")], db: db)
        #expect(dump.added == 0)
        #expect(dump.duplicates == 22)
        let pagesInJSON = try ingest(newsdb, [Self.sample("dumps/pages.jsonl")], db: db)
        #expect(pagesInJSON.added == 0)
    }

    @Test func malformedInputsAreRejectedWithReasonsAndTheRestLoads() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.url.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func write(_ name: String, _ data: Data) throws { try data.write(to: folder.appendingPathComponent(name)) }
        let gzip = try Data(contentsOf: URL(fileURLWithPath: Self.sample("dumps/articles.jsonl.gz")))
        try write("truncated.jsonl.gz", gzip.prefix(gzip.count / 2))
        try write("invalid-utf8.txt", Data("Title\n\nA paragraph ".utf8) + Data(repeating: 0xFF, count: 40) + Data(" with bad bytes.\n".utf8))
        try write("binary.txt", Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02, 0x00]))
        try write("unclosed.csv", Data("title,body\nGood,\"A fine body for the first row, long enough to keep.\"\n\"Broken,never closed\n".utf8))
        try write("syntax.jsonl", Data("{\"title\": \"Good\", \"text\": \"A good line of text that is long enough to keep.\"}\n{\"title\": \"Bad\", \"text\": tru}\n".utf8))
        try write("empty.txt", Data())
        try write("huge-line.txt", Data(repeating: UInt8(ascii: "w"), count: 50_000_000))
        try write(".hidden.txt", Data("ignored".utf8))
        try write("picture.png", Data([0x89, 0x50, 0x4E, 0x47]))

        let db = scratch.path("news.db")
        let result = try newsdb.run(["ingest", "--db", db, "--quiet", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("skipping"))
        let rejects = try newsdb.run(["rejects", "--db", db, "--format", "csv"]).stdout
        for (file, reason) in [
            ("truncated.jsonl.gz", "truncated"), ("invalid-utf8.txt", "invalid UTF-8"), ("binary.txt", "binary"),
            ("unclosed.csv:3", "unclosed quote"), ("syntax.jsonl:2", "column 26"), ("empty.txt", "empty file"),
            ("huge-line.txt", "too large"),
        ] {
            #expect(rejects.split(separator: "\r\n").contains { $0.contains(file) && $0.contains(reason) },
                    "no reject for \(file) with \(reason) in\n\(rejects)")
        }
        // The good records of the broken files are loaded: one CSV row, one JSON line, the gzip's first lines.
        let loaded = Int(try scalar(newsdb, db: db, "SELECT count(*) FROM articles")) ?? 0
        #expect(loaded >= 3)
        #expect(try scalar(newsdb, db: db, "SELECT count(*) FROM articles WHERE origin LIKE '%unclosed.csv:2'") == "1")
        #expect(!rejects.contains("picture.png") && !rejects.contains(".hidden"))
    }

    @Test func killedRunFinishesOnRerunWithExactlyTheExpectedArticles() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.url.appendingPathComponent("pages")
        let count = 3000
        try TestPages.write(count: count, into: folder, about: "harbour")
        let db = scratch.path("news.db")
        try newsdb.run(["init", "--db", db])
        let process = try newsdb.start(["ingest", "--db", db, "--quiet", "--batch", "25", folder.path])
        try newsdb.waitForArticles(1, db: db, while: process)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = Int(try scalar(newsdb, db: db, "SELECT count(*) FROM articles")) ?? 0
        #expect(before < count, "the ingest finished before it could be killed")

        let rerun = try ingest(newsdb, [folder.path], db: db)
        #expect(rerun.added == count - before)
        #expect(try scalar(newsdb, db: db, "SELECT count(*) FROM articles") == String(count))
        #expect(try scalar(newsdb, db: db, "SELECT count(DISTINCT origin) FROM articles") == String(count))
        #expect(try scalar(newsdb, db: db, "SELECT count(*) FROM ingest_runs WHERE status = 'interrupted'") == "1")
        #expect(try scalar(newsdb, db: db, "PRAGMA integrity_check") == "ok")
        let check = try newsdb.run(["sql", "--db", db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'harbour'"])
        #expect(check.stdout.contains(String(count)))
    }
}

/// A site's template learnt across a load: a line repeated on every page of the site leaves the
/// bodies, whatever the batch size, while `parse` on one page keeps it.
@Suite("newsdb ingest learns a site's template")
struct TemplateLearningTests {
    static let slogan = "Island news, since 1921."

    /// Six fictional stories in one site's layout; the slogan sits right under each story.
    static func writeSite(into folder: URL) throws {
        let stories = [
            ("Ferry timetable changes for winter", "The island ferry will run one fewer sailing each evening from November, the operator said on Monday, citing falling passenger numbers."),
            ("Library extends opening hours", "The town library in Westmere will stay open until nine in the evening on weekdays from next month, the council said on Tuesday."),
            ("Storm damages harbour wall", "A section of the harbour wall at Port Calder collapsed during the storm on Wednesday night, leaving two fishing boats stranded on the mud."),
            ("School opens new science wing", "Pupils at Westmere High moved into a new science wing on Thursday, two years after the old laboratories were closed as unsafe."),
            ("Market hall to reopen", "The covered market hall in Port Calder will reopen in March after a year of repairs to its roof, the council said on Friday."),
            ("Bus route extended to airport", "The number seven bus will run to the island airport from next week, the transport board said on Saturday, after a long campaign."),
        ]
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (number, story) in stories.enumerated() {
            let lines = [
                "Quayside Courier", "Home | Island | Business | Sport", "", story.0, "By Staff Reporter", "12 May 2025", "",
                story.1, "", "Residents who spoke to the paper about the \(story.0.lowercased()) said they had expected it.", "",
                slogan, "Most read this week", "Ferry fares rise again", "Quay cafe wins award",
            ]
            try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("\(number).txt"), atomically: true, encoding: .utf8)
        }
    }

    @Test(arguments: ["1", "4000"])
    func repeatedLineLeavesEveryBody(batch: String) throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try Self.writeSite(into: scratch.url.appendingPathComponent("site"))
        let db = scratch.path("news.db")
        let result = try newsdb.run(["ingest", "--db", db, "--quiet", "--batch", batch, scratch.path("site")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try newsdb.scalar(db: db, "SELECT count(*) FROM articles") == "6")
        // The first two pages of the first batch cannot know yet; every page after them does.
        let kept = try newsdb.scalar(db: db, "SELECT count(*) FROM articles WHERE body LIKE '%since 1921%'")
        #expect(kept == (batch == "1" ? "2" : "0"))
        #expect(try newsdb.scalar(db: db, "SELECT count(*) FROM articles WHERE body LIKE '%Residents who spoke%'") == "6")

        let single = try newsdb.run(["parse", "--json", scratch.path("site/5.txt")])
        #expect(single.stdout.contains("Island news, since 1921."))
    }
}
