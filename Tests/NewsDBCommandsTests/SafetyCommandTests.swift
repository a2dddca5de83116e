import Foundation
import Testing

@Suite("Safety: read-only guards, time limits, clean stops, busy writers")
struct SafetyCommandTests {
    static func pages(count: Int, in folder: URL) throws {
        try TestPages.write(count: count, into: folder, about: "quay")
    }

    @Test(arguments: [
        "ATTACH DATABASE '/tmp/newsdb-attack.db' AS attack",
        "PRAGMA user_version = 9",
        "SELECT load_extension('/tmp/nothing.so')",
        "CREATE TEMP TRIGGER t AFTER INSERT ON articles BEGIN SELECT 1; END",
    ])
    func sqlRefusesEverythingButReading(statement: String) throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        try newsdb.run(["init", "--db", db])
        let result = try newsdb.run(["sql", "--db", db, statement])
        #expect(result.status == 1)
        #expect(result.stderr.contains("read-only") || result.stderr.contains("not authorized"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/newsdb-attack.db"))
    }

    /// Five SIGKILLs at seeded points, each followed by another start, then a run to the end: the
    /// database must equal a clean single run's, article for article and reject for reject, and
    /// index for index when the killed runs had set indexes aside until their end.
    @Test(arguments: ["never", "always"])
    func fiveKillsAtSeededPointsEndInTheSameDatabaseAsACleanRun(deferIndexes: String) throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.url.appendingPathComponent("pages")
        let count = 2500
        try Self.pages(count: count, in: folder)
        for number in stride(from: 0, to: count, by: 250) {
            // Some records that must become rejects, in the same way on every run.
            try Data().write(to: folder.appendingPathComponent(String(format: "%05d-empty.txt", number)))
            try "   \n\n".write(to: folder.appendingPathComponent(String(format: "%05d-blank.txt", number)), atomically: true, encoding: .utf8)
        }
        let clean = scratch.path("clean.db")
        #expect(try newsdb.run(["ingest", "--db", clean, "--quiet", folder.path]).status == 0)

        let db = scratch.path("killed.db")
        try newsdb.run(["init", "--db", db])
        var seed: UInt64 = 20_261_125
        var kills = 0
        for _ in 0..<5 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let target = try newsdb.articleCount(db: db) + 20 + Int(seed >> 33) % 300
            let process = try newsdb.start(["ingest", "--db", db, "--quiet", "--batch", "20", "--defer-indexes", deferIndexes, folder.path])
            try newsdb.waitForArticles(target, db: db, while: process)
            if process.isRunning { kills += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        #expect(kills >= 3, "most runs should have been killed mid-way")
        if deferIndexes == "always" {
            let left = try newsdb.scalar(db: db, "SELECT count(*) FROM deferred_indexes")
            #expect(left == "4", "a killed run leaves the indexes it set aside listed")
        }
        #expect(try newsdb.run(["ingest", "--db", db, "--quiet", folder.path]).status == 0)

        for query in [
            "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
            "SELECT count(*) FROM deferred_indexes",
            "SELECT origin, content_hash, title, published FROM articles ORDER BY origin",
            "SELECT origin, reason FROM rejects ORDER BY origin",
            "SELECT q.text, q.speaker_name, a.origin FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY 3, 1",
        ] {
            let expected = try newsdb.run(["sql", "--db", clean, "--format", "csv", "--max-rows", "1000000", query]).stdout
            let actual = try newsdb.run(["sql", "--db", db, "--format", "csv", "--max-rows", "1000000", query]).stdout
            #expect(actual == expected, "differs from a clean run: \(query)")
        }
        let checks = try newsdb.run(["sql", "--db", db, "--format", "csv", "PRAGMA integrity_check"]).stdout
        #expect(checks.contains("ok"))
        let fts = try newsdb.run(["search", "--db", db, "quay", "--format", "json", "--limit", "0"]).stdout
        #expect(fts.contains("\"total\": \(count)"))
    }

    @Test func aSecondWriterWaitsThenFailsClearlyAndNothingBreaks() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { return }
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        try newsdb.run(["init", "--db", db])
        // Another program holds the write lock and does not let go.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [db]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nINSERT INTO sources (name) VALUES ('held');\n".utf8))
        Thread.sleep(forTimeInterval: 0.5)
        let started = Date()
        let blocked = try newsdb.run(["ingest", "--db", db, "--quiet", IngestCommandTests.sample("pages/01.txt")])
        let waited = Date().timeIntervalSince(started)
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("the database is busy"), "\(blocked.stderr)")
        #expect(waited >= 4.5, "it should wait for the busy timeout, waited \(waited) s")
        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        let retry = try newsdb.run(["ingest", "--db", db, "--quiet", IngestCommandTests.sample("pages/01.txt")])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(try newsdb.run(["sql", "--db", db, "--format", "csv", "PRAGMA integrity_check"]).stdout.contains("ok"))
    }

    @Test func symlinkLoopsSpacesAndNonASCIINamesAreWalkedSafely() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.url.appendingPathComponent("in put/ünïcode dir")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = try String(contentsOfFile: IngestCommandTests.sample("pages/01.txt"), encoding: .utf8)
        try page.write(to: folder.appendingPathComponent("page one — é.txt"), atomically: true, encoding: .utf8)
        // A link back to the top: a walk that followed it would never end.
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("loop"), withDestinationURL: scratch.url)
        let db = scratch.path("news.db")
        let started = Date()
        let result = try newsdb.run(["ingest", "--db", db, "--quiet", "--json", scratch.url.appendingPathComponent("in put").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"added\": 1"))
        #expect(Date().timeIntervalSince(started) < 30)
        let origin = try newsdb.run(["sql", "--db", db, "--format", "csv", "SELECT origin FROM articles"]).stdout
        #expect(origin.contains("page one — é.txt"))
    }

    @Test func longQueryIsStoppedByTheTimeout() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        try newsdb.run(["init", "--db", db])
        let endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
        let started = Date()
        let result = try newsdb.run(["sql", "--db", db, "--timeout", "0.5", endless])
        #expect(result.status == 1)
        #expect(result.stderr.contains("stopped after 0.5 s"))
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func sigtermStopsAtABatchBoundaryAndTheRerunFinishes() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.url.appendingPathComponent("pages")
        let count = 3000
        try Self.pages(count: count, in: folder)
        let db = scratch.path("news.db")
        try newsdb.run(["init", "--db", db])
        let errors = Pipe()
        let process = try newsdb.start(["ingest", "--db", db, "--quiet", "--batch", "25", folder.path], errors: errors)
        try newsdb.waitForArticles(1, db: db, while: process)
        kill(process.processIdentifier, SIGTERM)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(message.contains("SIGTERM received"))
        let status = try newsdb.run(["sql", "--db", db, "--format", "csv", "SELECT status FROM ingest_runs"]).stdout
        #expect(status.contains("interrupted"))
        let rerun = try newsdb.run(["ingest", "--db", db, "--quiet", folder.path])
        #expect(rerun.status == 0)
        let total = try newsdb.run(["sql", "--db", db, "--format", "csv", "SELECT count(*), count(DISTINCT origin) FROM articles"]).stdout
        #expect(total.contains("\(count),\(count)"))
        let check = try newsdb.run(["sql", "--db", db, "--format", "csv", "PRAGMA integrity_check"]).stdout
        #expect(check.contains("ok"))
    }

    /// A stopped load that set indexes aside says so and leaves them listed; the next load, even a
    /// small one that sets nothing aside, builds them.
    @Test func aStoppedLoadLeavesItsIndexesToTheNextOne() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.url.appendingPathComponent("pages")
        try Self.pages(count: 2000, in: folder)
        let db = scratch.path("news.db")
        try newsdb.run(["init", "--db", db])
        let indexes = "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name"
        let built = try newsdb.run(["sql", "--db", db, "--format", "csv", indexes]).stdout
        let errors = Pipe()
        let process = try newsdb.start(["ingest", "--db", db, "--batch", "25", "--defer-indexes", "always", folder.path], errors: errors)
        try newsdb.waitForArticles(1, db: db, while: process)
        kill(process.processIdentifier, SIGTERM)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(message.contains("indexes left to build"), "\(message)")
        #expect(message.contains("article_entities_by_entity"), "\(message)")
        #expect(try newsdb.scalar(db: db, "SELECT count(*) FROM deferred_indexes") == "4")
        #expect(try newsdb.run(["sql", "--db", db, "--format", "csv", indexes]).stdout != built)
        // Searches stay right without them, the filters they serve included.
        let stored = try newsdb.scalar(db: db, "SELECT count(*) FROM articles")
        let filtered = try newsdb.run(["search", "--db", db, "quay", "--from", "2025-03", "--format", "json", "--limit", "0"])
        #expect(filtered.stdout.contains("\"total\": \(stored)"), "\(filtered.stdout) \(filtered.stderr)")

        let (rerun, summary) = try newsdb.ingest(["--defer-indexes", "never", IngestCommandTests.sample("pages/01.txt")], db: db)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(summary?.indexes_left_to_build == [])
        #expect(try newsdb.scalar(db: db, "SELECT count(*) FROM deferred_indexes") == "0")
        #expect(try newsdb.run(["sql", "--db", db, "--format", "csv", indexes]).stdout == built)
    }

    @Test func readersSeeWholeBatchesWhileAnIngestWrites() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.url.appendingPathComponent("pages")
        try Self.pages(count: 1500, in: folder)
        let db = scratch.path("news.db")
        try newsdb.run(["init", "--db", db])
        let process = try newsdb.start(["ingest", "--db", db, "--quiet", "--batch", "50", folder.path])
        var reads = 0
        while process.isRunning {
            // The count of articles and of their FTS rows always agree: a reader sees committed batches only.
            let result = try newsdb.run(["search", "--db", db, "quay", "--format", "json", "--limit", "0"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("locked"))
            let sql = try newsdb.run(["sql", "--db", db, "--format", "csv", "SELECT count(*) % 50 FROM articles"])
            #expect(sql.status == 0)
            #expect(sql.stdout.hasSuffix("\r\n0\r\n") || !process.isRunning, "a reader saw half a batch: \(sql.stdout)")
            reads += 1
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(reads > 0)
    }
}
