import Foundation
import Testing
@testable import NewsDBCommands

@Suite("init, stats and sql from the built binary")
struct StorageCommandTests {
    /// The schema version a fresh database reaches: the number of migration files.
    static let latestVersion: Int = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".sql") }.count
    }()

    static let migrationNames: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".sql") }.sorted()
            .map { String($0.dropFirst(5).dropLast(4)) }
    }()

    @Test func initCreatesThenReportsUpToDate() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let first = try newsdb.run(["init", "--db", scratch.path("news.db")])
        #expect(first.status == 0)
        #expect(first.stdout.contains("migrated to schema version \(Self.latestVersion)"))
        let second = try newsdb.run(["init", "--db", scratch.path("news.db")])
        #expect(second.stdout.contains("is up to date"))
    }

    /// A command reads most pages once, so it keeps SQLite's 2 MB of them, not a long-lived reader's 64.
    @Test func aCommandKeepsAFewPages() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try newsdb.run(["init", "--db", scratch.path("news.db")])
        #expect(try newsdb.scalar(db: scratch.path("news.db"), "PRAGMA cache_size") == "-2000")
    }

    @Test func statsListsTablesVersionSizeAndSQLiteVersion() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try newsdb.run(["init", "--db", scratch.path("news.db")])
        let stats = try newsdb.run(["stats", "--db", scratch.path("news.db")])
        #expect(stats.status == 0)
        for expected in ["schema version  \(Self.latestVersion)", "sqlite version  3.", "file size", "articles", "quotes"] {
            #expect(stats.stdout.contains(expected), "missing \(expected) in\n\(stats.stdout)")
        }
        // The table column is as wide as the longest name.
        #expect(stats.stdout.contains(try Regex("schema_migrations +\(Self.latestVersion)\n")), "no ledger row in\n\(stats.stdout)")
        let json = try newsdb.run(["stats", "--db", scratch.path("news.db"), "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? Int == Self.latestVersion)
        #expect((object["tables"] as? [String: Int])?["articles"] == 0)
    }

    @Test func databasePathComesFromEnvironmentThenDefault() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try newsdb.run(["init"], environment: ["NEWSDB_PATH": scratch.path("from-env.db")])
        #expect(FileManager.default.fileExists(atPath: scratch.path("from-env.db")))
        try newsdb.run(["init"], in: scratch.url)
        #expect(FileManager.default.fileExists(atPath: scratch.path("news.db")))
        #expect(DatabaseOptions.resolve(explicit: "a.db", environment: ["NEWSDB_PATH": "b.db"]) == "a.db")
        #expect(DatabaseOptions.resolve(explicit: nil, environment: ["NEWSDB_PATH": ""]) == "news.db")
    }

    @Test func sqlPrintsEachFormat() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        try newsdb.run(["init", "--db", db])
        let query = "SELECT 1 AS n, 'a, \"b\"' AS text, NULL AS missing"
        let table = try newsdb.run(["sql", "--db", db, query])
        #expect(table.stdout == """
            n  text    missing
            -  ------  -------
            1  a, "b"  NULL

            """)
        let csv = try newsdb.run(["sql", "--db", db, "--format", "csv", query])
        #expect(csv.stdout == "n,text,missing\r\n1,\"a, \"\"b\"\"\",\r\n")
        let jsonl = try newsdb.run(["sql", "--db", db, "--format", "jsonl", query])
        #expect(jsonl.stdout == "{\"n\": 1, \"text\": \"a, \\\"b\\\"\", \"missing\": null}\n")
        let json = try newsdb.run(["sql", "--db", db, "--format", "json", "SELECT name FROM schema_migrations"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]])
        #expect(rows == Self.migrationNames.map { ["name": $0] })
    }

    @Test(arguments: [
        "DELETE FROM articles",
        "INSERT INTO sources (name) VALUES ('x')",
        "DROP TABLE articles",
        "PRAGMA user_version = 7",
    ])
    func sqlRefusesWritesClearly(statement: String) throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        try newsdb.run(["init", "--db", db])
        let refused = try newsdb.run(["sql", "--db", db, statement])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("newsdb sql is read-only"), "\(refused.stderr)")
        let intact = try newsdb.run(["sql", "--db", db, "--format", "csv", "SELECT count(*) FROM sqlite_schema WHERE name = 'articles'"])
        #expect(intact.stdout == "count(*)\r\n1\r\n")
    }

    @Test func sqlReportsBadSQLAndMissingDatabase() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let missing = try newsdb.run(["sql", "--db", scratch.path("none.db"), "SELECT 1"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no database at"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("none.db")))
        try newsdb.run(["init", "--db", scratch.path("news.db")])
        let bad = try newsdb.run(["sql", "--db", scratch.path("news.db"), "SELECT * FROM nowhere"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("no such table: nowhere"))
    }

    @Test func binaryCopiedAloneCarriesItsSchema() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let lonely = scratch.url.appendingPathComponent("newsdb")
        try FileManager.default.copyItem(at: newsdb.url, to: lonely)
        let result = try BuiltBinary(url: lonely).run(["init", "--db", "alone.db"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        let check = try BuiltBinary(url: lonely).run(["sql", "--db", "alone.db", "--format", "csv", "SELECT count(*) FROM articles_fts"], in: scratch.url)
        #expect(check.stdout == "count(*)\r\n0\r\n")
    }

    @Test func sqlite3ShellOpensTheFileAndFTSAnswers() throws {
        let sqlite3 = "/usr/bin/sqlite3"
        guard FileManager.default.isExecutableFile(atPath: sqlite3) else { return }
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        try newsdb.run(["init", "--db", db])
        let shell = BuiltBinary(url: URL(fileURLWithPath: sqlite3))
        let result = try shell.run([db, """
            INSERT INTO articles (title, lead, body, content_hash, origin) VALUES ('Tide tables', 'Harbour pilots read them.', '', 'h1', 'shell');
            SELECT title FROM articles_fts WHERE articles_fts MATCH 'harbour';
            """])
        #expect(result.stdout == "Tide tables\n", "\(result.stderr)")
    }

    /// A load in small batches leaves several full-text segments; `optimize` merges them into one,
    /// searches print the same bytes after, and a second run has nothing to merge.
    @Test func optimizeMergesTheIndexAndSearchesStayTheSame() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("news.db")
        #expect(try newsdb.run(["ingest", "--db", db, "--quiet", "--batch", "3", IngestCommandTests.sample("pages")]).status == 0)
        let segments = { Int(try newsdb.scalar(db: db, "SELECT count(DISTINCT segid) FROM articles_fts_idx")) ?? -1 }
        let before = try segments()
        #expect(before > 1, "batches of three leave several segments")
        let queries = ["harbour", "strike OR drought", "\"told reporters\"", "council*"]
        let pages = try queries.map { try newsdb.run(["search", "--db", db, "--format", "json", $0]).stdout }

        let merged = try newsdb.run(["optimize", "--db", db])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("merged the full-text index from \(before) segments into 1"), "\(merged.stdout)")
        #expect(try segments() == 1)
        #expect(try queries.map { try newsdb.run(["search", "--db", db, "--format", "json", $0]).stdout } == pages)

        let again = try newsdb.run(["optimize", "--db", db])
        #expect(again.status == 0)
        #expect(again.stdout.contains("one segment already; nothing to merge"), "\(again.stdout)")

        let missing = try newsdb.run(["optimize", "--db", scratch.path("typo.db")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no database at"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("typo.db")))
    }
}
