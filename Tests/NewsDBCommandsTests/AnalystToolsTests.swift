import Foundation
import Testing

/// A newsdb database opened by the tools analysts already use: real Datasette and sqlite-utils, run as
/// programs. They are skipped when not installed, unless `NEWSDB_REQUIRE_TOOLS=1` (set by `.ci/run`,
/// which installs them with pip) makes a missing tool a failure.
@Suite("Datasette and sqlite-utils")
struct AnalystToolsTests {
    static func tool(_ name: String) -> URL? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return folders.map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func require(_ name: String) -> BuiltBinary? {
        if let found = tool(name) { return BuiltBinary(url: found) }
        let required = ProcessInfo.processInfo.environment["NEWSDB_REQUIRE_TOOLS"] == "1"
        #expect(!required, "\(name) is not installed; .ci/run installs it with pip")
        print("skipped: \(name) is not installed")
        return nil
    }

    static func json(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    static func newsdbTotal(_ newsdb: BuiltBinary, db: String, _ query: String) throws -> Int? {
        let output = try newsdb.run(["search", "--db", db, query, "--format", "json", "--limit", "0"]).stdout
        return (json(output) as? [String: Any])?["total"] as? Int
    }

    @Test func datasetteSearchesFacetsAndRunsCannedQueries() throws {
        guard let datasette = Self.require("datasette") else { return }
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let (newsdb, db) = try ExportCommandTests.loadedDatabase(scratch)
        let metadata = try newsdb.run(["datasette-metadata", "--db", db])
        #expect(metadata.status == 0)
        try metadata.stdout.write(toFile: scratch.path("metadata.json"), atomically: true, encoding: .utf8)
        func get(_ path: String) throws -> [String: Any] {
            let result = try datasette.run([db, "--metadata", scratch.path("metadata.json"), "--get", path])
            #expect(result.status == 0, "\(path): \(result.stderr)")
            return Self.json(result.stdout) as? [String: Any] ?? [:]
        }
        for word in ["harbour", "ferry", "council"] {
            // The raw table and the view both search through articles_fts, and count what newsdb counts.
            let table = try get("/news/articles.json?_search=\(word)&_size=0")
            let view = try get("/news/article_overview.json?_search=\(word)&_size=0")
            let expected = try Self.newsdbTotal(newsdb, db: db, word)
            #expect(expected ?? 0 > 0)
            #expect(table["filtered_table_rows_count"] as? Int == expected, "\(word) in articles")
            #expect(view["filtered_table_rows_count"] as? Int == expected, "\(word) in article_overview")
        }
        let faceted = try get("/news/article_overview.json?_facet=source&_facet_array=credits&_size=0")
        let facets = faceted["facet_results"] as? [String: Any] ?? [:]
        let sources = (facets["source"] as? [String: Any])?["results"] as? [[String: Any]] ?? []
        let credits = (facets["credits"] as? [String: Any])?["results"] as? [[String: Any]] ?? []
        #expect(sources.count > 1)
        #expect(credits.contains { $0["value"] as? String == "AP" })
        // On the table itself, sources facet by their id, labelled with their names.
        let byID = try get("/news/articles.json?_facet=source_id&_size=0")
        let labelled = ((byID["facet_results"] as? [String: Any])?["source_id"] as? [String: Any])?["results"] as? [[String: Any]] ?? []
        #expect(Set(labelled.compactMap { $0["label"] as? String }) == Set(sources.compactMap { $0["value"] as? String }))

        let quotes = try get("/news/quotes_by_speaker.json?speaker=Okonjo&_shape=objects")
        let rows = quotes["rows"] as? [[String: Any]] ?? []
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { ($0["speaker"] as? String)?.contains("Okonjo") == true })
        let timeline = try get("/news/entity_timeline.json?name=Port%20Calder&_shape=objects")
        #expect(!(timeline["rows"] as? [[String: Any]] ?? []).isEmpty)
    }

    @Test func sqliteUtilsSearchesArticles() throws {
        guard let sqliteUtils = Self.require("sqlite-utils") else { return }
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let (newsdb, db) = try ExportCommandTests.loadedDatabase(scratch)
        let result = try sqliteUtils.run(["search", db, "articles", "harbour", "-c", "id", "-c", "title"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Self.json(result.stdout) as? [[String: Any]] ?? []
        #expect(rows.count == (try Self.newsdbTotal(newsdb, db: db, "harbour")))
        #expect(rows.allSatisfy { $0["id"] is Int })
    }
}
