import Foundation
import Testing

@Suite("newsdb export, loaded back by sqlite3, psql and a CSV reader")
struct ExportCommandTests {
    static func loadedDatabase(_ scratch: ScratchFolder) throws -> (BuiltBinary, String) {
        let newsdb = try BuiltBinary.locate()
        let db = scratch.path("news.db")
        let result = try newsdb.run(["ingest", "--db", db, "--quiet", IngestCommandTests.sample("pages"), IngestCommandTests.sample("dumps")])
        #expect(result.status == 0)
        return (newsdb, db)
    }

    static let tables = ["sources", "aggregators", "ingest_runs", "articles", "article_credits", "entities", "entity_aliases",
                         "article_entities", "quotes", "rejects", "ingest_files", "schema_migrations"]

    func sqlite3(_ db: String, _ sql: String) throws -> String {
        try BuiltBinary(url: URL(fileURLWithPath: "/usr/bin/sqlite3")).run([db, sql]).stdout
    }

    @Test func sqliteScriptRoundTripsEveryRowAndSearch() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else {
            Issue.record("sqlite3 is not installed; .ci/run installs it")
            return
        }
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let (newsdb, db) = try Self.loadedDatabase(scratch)
        let export = try newsdb.run(["export", "--db", db, "--format", "sqlite-sql", "--out", scratch.path("dump.sql")])
        #expect(export.status == 0, "\(export.stderr)")
        let copy = scratch.path("copy.db")
        let load = try BuiltBinary(url: URL(fileURLWithPath: "/usr/bin/sqlite3")).run([copy], input: try Data(contentsOf: URL(fileURLWithPath: scratch.path("dump.sql"))))
        #expect(load.status == 0 && load.stderr.isEmpty, "\(load.stderr)")
        for table in Self.tables {
            let original = try sqlite3(db, "SELECT * FROM \(table) ORDER BY 1, 2")
            #expect(try sqlite3(copy, "SELECT * FROM \(table) ORDER BY 1, 2") == original, "table \(table) differs")
        }
        for query in ["harbour", "strike OR drought", "person:Okonjo", "\"evening ferry\""] {
            let before = try newsdb.run(["search", "--db", db, query, "--format", "jsonl", "--limit", "50"]).stdout
            let after = try newsdb.run(["search", "--db", copy, query, "--format", "jsonl", "--limit", "50"]).stdout
            #expect(before == after, "search \(query) differs")
        }
        #expect(try sqlite3(copy, "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check'); PRAGMA integrity_check;") == "ok\n")
        #expect(try sqlite3(copy, "SELECT * FROM article_facets ORDER BY 1") == (try sqlite3(db, "SELECT * FROM article_facets ORDER BY 1")))
    }

    @Test func queryRestrictsTheExportToRelatedRows() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let (newsdb, db) = try Self.loadedDatabase(scratch)
        let jsonl = try newsdb.run(["export", "--db", db, "--format", "jsonl", "person:Okonjo"])
        let lines = jsonl.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let article = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect((article["quotes"] as? [[String: Any]])?.count == 3)
        #expect((article["credits"] as? [String]) == ["AP"])
        _ = try newsdb.run(["export", "--db", db, "--format", "sqlite-sql", "--out", scratch.path("subset.sql"), "harbour"])
        let copy = scratch.path("subset.db")
        _ = try BuiltBinary(url: URL(fileURLWithPath: "/usr/bin/sqlite3")).run([copy], input: try Data(contentsOf: URL(fileURLWithPath: scratch.path("subset.sql"))))
        #expect(try sqlite3(copy, "SELECT count(*) FROM articles") == "3\n")
        #expect(try sqlite3(copy, "SELECT count(*) FROM article_entities WHERE entity_id NOT IN (SELECT id FROM entities)") == "0\n")
        #expect(try sqlite3(copy, "PRAGMA foreign_key_check") == "")
    }

    @Test func csvFilesReadBackEqualTheRows() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let (newsdb, db) = try Self.loadedDatabase(scratch)
        let folder = scratch.path("csv")
        #expect(try newsdb.run(["export", "--db", db, "--format", "csv", "--out", folder]).status == 0)
        for table in ["articles", "quotes", "entities"] {
            let text = try String(contentsOfFile: (folder as NSString).appendingPathComponent("\(table).csv"), encoding: .utf8)
            let records = try StrictCSV.parse(text)
            let json = try newsdb.run(["sql", "--db", db, "--format", "json", "SELECT * FROM \(table) ORDER BY 1, 2"]).stdout
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            #expect(records.count == rows.count + 1, "\(table): header plus one record per row")
            let header = records[0]
            for (record, row) in zip(records.dropFirst(), rows) {
                for (index, column) in header.enumerated() {
                    let expected = row[column].map { value -> String in
                        if value is NSNull { return "" }
                        return "\(value)"
                    } ?? ""
                    #expect(record[index] == expected, "\(table).\(column)")
                }
            }
        }
    }

    @Test func postgresLoadsTheScriptAndAgreesOnCountsAndSearches() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let (newsdb, db) = try Self.loadedDatabase(scratch)
        let script = scratch.path("dump.pg.sql")
        #expect(try newsdb.run(["export", "--db", db, "--format", "postgres", "--out", script]).status == 0)
        let tables = Self.tables.filter { $0 != "schema_migrations" }
        // Words written without their accents ("Grunau", "Solene") find the accented names, as in newsdb.
        let words = ["harbour", "strike", "ferry", "council", "grunau", "solene"]
        // Typed columns: the day as DATE, a time as TIMESTAMPTZ, partial as BOOLEAN.
        let typed = [
            "SELECT count(*) FROM articles WHERE published_date >= DATE '2025-06-01'",
            "SELECT count(*) FROM articles WHERE published_at IS NOT NULL",
            "SELECT count(*) FROM quotes WHERE partial",
        ]
        let queries = tables.map { "SELECT count(*) FROM \($0)" }
            + words.map { "SELECT count(*) FROM articles WHERE tsv @@ plainto_tsquery('newsdb', '\($0)')" } + typed
        let loader = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("postgres-load.sh")
        let result = try BuiltBinary(url: URL(fileURLWithPath: "/bin/bash")).run([loader.path, script] + queries)
        if result.stdout.hasPrefix("SKIP") {
            print("skipped: \(result.stdout.dropFirst(5)); .ci/run installs PostgreSQL")
            return
        }
        #expect(result.status == 0, "\(result.stderr)")
        let answers = result.stdout.split(separator: "\n").filter { $0.hasPrefix("RESULT ") }.map { String($0.dropFirst(7)) }
        #expect(answers.count == queries.count)
        var expected: [String] = []
        for table in tables {
            expected.append(try sqlite3(db, "SELECT count(*) FROM \(table)").trimmingCharacters(in: .whitespacesAndNewlines))
        }
        for word in words {
            let ours = try newsdb.run(["search", "--db", db, word, "--format", "json", "--limit", "0"]).stdout
            let total = (try JSONSerialization.jsonObject(with: Data(ours.utf8)) as? [String: Any])?["total"] as? Int
            expected.append(String(total ?? -1))
            #expect((total ?? 0) > 0, "\(word) finds nothing in newsdb")
        }
        let fromJune = try newsdb.run(["search", "--db", db, "--from", "2025-06-01", "--format", "json", "--limit", "0"]).stdout
        expected.append(String((try JSONSerialization.jsonObject(with: Data(fromJune.utf8)) as? [String: Any])?["total"] as? Int ?? -1))
        for sql in ["SELECT count(*) FROM articles WHERE published LIKE '____-__-__T%'", "SELECT count(*) FROM quotes WHERE partial = 1"] {
            expected.append(try sqlite3(db, sql).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(answers == expected)
    }
}

/// A strict RFC 4180 reader for the tests: every quote must be doubled or closing, every record complete.
enum StrictCSV {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var atFieldStart = true
        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if quoted {
                if scalar == "\"" {
                    if index < scalars.endIndex, scalars[index] == "\"" {
                        field.unicodeScalars.append("\"")
                        index = scalars.index(after: index)
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard atFieldStart else { throw Malformed() }
                quoted = true
                atFieldStart = false
            case ",":
                record.append(field)
                field = ""
                atFieldStart = true
            case "\r":
                guard index < scalars.endIndex, scalars[index] == "\n" else { throw Malformed() }
            case "\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                atFieldStart = true
            default:
                field.unicodeScalars.append(scalar)
                atFieldStart = false
            }
        }
        guard !quoted, record.isEmpty, field.isEmpty else { throw Malformed() }
        return records
    }
}

