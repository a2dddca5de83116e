import Foundation
import Testing

/// Ingest cases a hostile tester found losing data with exit 0: each now loads, or says why not.
@Suite("Ingest loses nothing silently")
struct IngestSafetyTests {
    func ingest(_ newsdb: BuiltBinary, _ arguments: [String], db: String) throws -> (status: Int32, summary: IngestSummary?, stderr: String) {
        let (result, summary) = try newsdb.ingest(arguments, db: db)
        return (result.status, summary, result.stderr)
    }

    @Test(arguments: ["articles.csv", "articles.jsonl"])
    func carriageReturnLineEndingsLoadEveryRecord(name: String) throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let text = try String(contentsOfFile: IngestCommandTests.sample("dumps/" + name), encoding: .utf8)
        let path = scratch.path("old-mac-" + name)
        try Data(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r").utf8)
            .write(to: URL(fileURLWithPath: path))
        let result = try ingest(newsdb, [path], db: scratch.path("news.db"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.summary?.added == 22)
        #expect(result.summary?.rejected == 0)
    }

    @Test(arguments: ["", ":memory:", "file:scratch?mode=memory", "file::memory:?cache=shared"])
    func inMemoryDatabasesAreRefused(db: String) throws {
        let newsdb = try BuiltBinary.locate()
        let result = try newsdb.run(["ingest", "--db", db, IngestCommandTests.sample("dumps/articles.csv")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("in-memory database"))
    }

    @Test func aMissingInputPathIsAnErrorAndTheRestStillLoads() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        let result = try ingest(newsdb, [scratch.path("no-such-folder"), IngestCommandTests.sample("dumps/articles.csv")], db: db)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no-such-folder: no such file or directory"))
        #expect(result.summary?.added == 22)
        let alone = try newsdb.run(["ingest", "--db", db, scratch.path("no-such-file.jsonl")])
        #expect(alone.status == 1)
    }

    @Test func anEmptyFolderIsAWarning() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let empty = scratch.path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let result = try ingest(newsdb, [empty], db: scratch.path("news.db"))
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: nothing to load"))
    }

    @Test func linksAreNotFollowedUnlessAskedAndThenOnlyInsideTheFolder() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.path("in")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let outside = scratch.path("secret.txt")
        try Data(String(repeating: "A private note that must never become an article, with words enough to be prose. ", count: 3).utf8)
            .write(to: URL(fileURLWithPath: outside))
        try FileManager.default.copyItem(atPath: IngestCommandTests.sample("pages/01.txt"), toPath: folder + "/01.txt")
        try FileManager.default.createSymbolicLink(atPath: folder + "/leak.txt", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: folder + "/again.txt", withDestinationPath: folder + "/01.txt")

        let db = scratch.path("news.db")
        let plain = try newsdb.run(["ingest", "--db", db, folder])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("leak.txt"))
        #expect(try newsdb.scalar(db: db, "SELECT count(*) FROM articles") == "1")

        let followed = try newsdb.run(["ingest", "--db", db, "--follow-links", "--recheck", folder])
        #expect(followed.status == 0, "\(followed.stderr)")
        #expect(try newsdb.scalar(db: db, "SELECT count(*) FROM articles WHERE lead LIKE 'A private note%'") == "0")
        #expect(followed.stderr.contains("outside the input folder"))
    }

    @Test func aRewriteWithinTheSameSecondIsReadAgain() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        let path = scratch.path("dump.jsonl")
        let first = #"{"title": "Ferry kept", "text": "The harbour council voted on Tuesday to keep the evening ferry running through the winter months."}"#
        let second = #"{"title": "Ferry axed", "text": "The harbour council voted on Tuesday to stop the evening ferry running through the winter months."}"#
        #expect(first.utf8.count == second.utf8.count)
        try Data((first + "\n").utf8).write(to: URL(fileURLWithPath: path))
        #expect(try ingest(newsdb, [path], db: db).summary?.added == 1)
        // Same size, same second: the old check (path, size, mtime in seconds) skipped it.
        try Data((second + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let again = try ingest(newsdb, [path], db: db)
        #expect(again.summary?.already_loaded_files == 0)
        #expect(again.summary?.added == 1)
        // Unchanged, it is skipped.
        #expect(try ingest(newsdb, [path], db: db).summary?.already_loaded_files == 1)
    }

    @Test func theSameNamesInAnotherFolderAreNotTakenForLoaded() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        for (folder, page) in [("a", "01.txt"), ("b", "02.txt")] {
            try FileManager.default.createDirectory(atPath: scratch.path(folder), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: IngestCommandTests.sample("pages/" + page), toPath: scratch.path(folder + "/page.txt"))
        }
        let workFolder = scratch.url
        for folder in ["a", "b"] {
            let result = try newsdb.run(["ingest", "--db", db, "--json", "--quiet", "."], in: workFolder.appendingPathComponent(folder))
            let summary = try JSONDecoder().decode(IngestSummary.self, from: Data(result.stdout.utf8))
            #expect(summary.already_loaded_files == 0, "\(folder)")
        }
    }

    @Test func aKilledRunStillCountsWhatItCommitted() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pages = scratch.url.appendingPathComponent("pages")
        try TestPages.write(count: 3000, into: pages, about: "harbour")
        let db = scratch.path("news.db")
        let process = try newsdb.start(["ingest", "--db", db, "--batch", "50", "--jobs", "1", "--quiet", pages.path])
        try newsdb.waitForArticles(200, db: db, while: process)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let committed = try newsdb.scalar(db: db, "SELECT count(*) FROM articles")
        #expect(Int(committed) ?? 0 >= 200)
        #expect(try newsdb.scalar(db: db, "SELECT added FROM ingest_runs ORDER BY id DESC LIMIT 1") == committed)
    }

    @Test func rejectsPastTheCapAreCountedInOneRow() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.path("empty-records.jsonl")
        try Data(String(repeating: "{}\n", count: 5_000).utf8).write(to: URL(fileURLWithPath: path))
        let db = scratch.path("news.db")
        let result = try ingest(newsdb, [path], db: db)
        #expect(result.summary?.rejected == 5_000)
        #expect(try newsdb.scalar(db: db, "SELECT count(*) FROM rejects") == "1001")
        #expect(try newsdb.scalar(db: db, "SELECT reason FROM rejects WHERE origin = '\(path)'").contains("4000 more records of this file rejected"))
        #expect(try newsdb.scalar(db: db, "SELECT rejected FROM ingest_runs") == "5000")
    }

    @Test func aPageOfTooManyLinesIsRefusedWithItsLineCount() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.path("lines.txt")
        try Data((0..<60_000).map { "w\($0)\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        let db = scratch.path("news.db")
        #expect(try ingest(newsdb, [path], db: db).summary?.rejected == 1)
        #expect(try newsdb.scalar(db: db, "SELECT reason FROM rejects").contains("page too long: 6000"))
        let parsed = try newsdb.run(["parse", path])
        #expect(parsed.status == 1)
        #expect(parsed.stderr.contains("page too long"))
    }

    @Test func thousandsOfQuotesInOneParagraphParseInLinearTime() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.path("said.txt")
        try Data(String(repeating: "\"A word,\" he said. ", count: 40_000).utf8).write(to: URL(fileURLWithPath: path))
        let started = Date()
        let parsed = try newsdb.run(["parse", path, "--json"])
        #expect(parsed.status == 0)
        // Was 40 s when every quote scanned every other; a generous bound, not a benchmark.
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
