import Foundation
import Testing

/// The command line as a shell user writes it, and the exit status and message each case gets:
/// 0 success, 1 failure, 2 misuse, as the README states.
@Suite("shell habits, exit codes and the JSON contract")
struct ShellHabitsTests {
    func run(_ arguments: [String]) throws -> BuiltBinary.Result {
        let loaded = try #require(SearchCommandTests.loaded)
        return try loaded.binary.run(arguments.map { $0 == "DB" ? loaded.db : $0 })
    }

    func json(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    struct Case: CustomStringConvertible, Sendable {
        let arguments: [String]
        let status: Int32
        let stderrHolds: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["--version"], status: 0, stderrHolds: ""),
        Case(arguments: ["search", "--db", "DB", "-storm harbour"], status: 0, stderrHolds: ""),
        Case(arguments: ["search", "--db", "DB", "--", "-storm harbour"], status: 0, stderrHolds: ""),
        Case(arguments: ["search", "--db", "DB", "-storm"], status: 2, stderrHolds: "goes after '--'"),
        Case(arguments: ["--db", "DB", "search", "harbour"], status: 2, stderrHolds: "--db goes after the command: newsdb search"),
        Case(arguments: ["serch", "harbour"], status: 2, stderrHolds: "did you mean 'search'?"),
        Case(arguments: ["search", "--db", "DB", "zzqqxx", "--exit-status"], status: 1, stderrHolds: ""),
        Case(arguments: ["search", "--db", "DB", "zzqqxx"], status: 0, stderrHolds: ""),
        Case(arguments: ["search", "--db", "DB", "harbour", "--exit-status"], status: 0, stderrHolds: ""),
        Case(arguments: ["search", "--db", "DB", "--fts", "harbour AND ("], status: 2, stderrHolds: "the FTS5 expression is not valid"),
        Case(arguments: ["search", "--db", "DB", "\"unbalanced"], status: 2, stderrHolds: "Error:"),
        Case(arguments: ["show", "--db", "DB", "999999"], status: 1, stderrHolds: "no article with id 999999"),
        Case(arguments: ["search", "--db", "/tmp", "harbour"], status: 1, stderrHolds: "/tmp is a folder, not a database file"),
        Case(arguments: ["stats", "--db", "DB", "--format", "csv"], status: 2, stderrHolds: "'table', 'json' or 'jsonl'"),
    ]

    @Test(arguments: cases)
    func exitStatusAndMessage(_ example: Case) throws {
        let result = try run(example.arguments)
        #expect(result.status == example.status, "\(example): \(result.stderr)")
        if example.stderrHolds.isEmpty {
            #expect(result.stderr.isEmpty, "\(example): \(result.stderr)")
        } else {
            #expect(result.stderr.contains(example.stderrHolds), "\(example): \(result.stderr)")
        }
    }

    @Test func aLeadingDashQueryExcludesItsWord() throws {
        let dashed = try run(["search", "--db", "DB", "-storm harbour", "--format", "json"])
        let plain = try run(["search", "--db", "DB", "harbour", "--format", "json"])
        let storm = try run(["search", "--db", "DB", "harbour storm", "--format", "json"])
        func total(_ result: BuiltBinary.Result) -> Int { (json(result.stdout) as? [String: Any])?["total"] as? Int ?? -1 }
        #expect(total(dashed) == total(plain) - total(storm))
        #expect(total(dashed) > 0)
    }

    @Test func versionNamesTheRelease() throws {
        #expect(try run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func aQuoteHasTheSameNamesAndTypesInQuotesAndShow() throws {
        let listed = try #require(json(try run(["quotes", "--db", "DB", "--speaker", "Okonjo", "--format", "json"]).stdout) as? [[String: Any]])
        let first = try #require(listed.first)
        #expect(first["text"] is String && first["id"] is Int && first["article_id"] is Int)
        #expect(first["partial"] as? Bool != nil, "partial is a JSON boolean")
        let article = try #require(first["article_id"] as? Int)
        let shown = try #require(json(try run(["show", "--db", "DB", String(article), "--format", "json"]).stdout) as? [String: Any])
        let quotes = try #require(shown["quotes"] as? [[String: Any]])
        let same = try #require(quotes.first { $0["text"] as? String == first["text"] as? String })
        #expect(same["speaker"] as? String == first["speaker"] as? String)
        #expect(same["partial"] as? Bool == first["partial"] as? Bool)
    }

    @Test func aliasesAreAnArrayInEntitiesAndShow() throws {
        let listed = try #require(json(try run(["entities", "--db", "DB", "--top", "50", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(!listed.isEmpty)
        #expect(listed.allSatisfy { $0["aliases"] is [String] && $0["id"] is Int })
        #expect(listed.contains { ($0["aliases"] as? [String])?.isEmpty == false }, "SampleData merges some aliases")
        let lines = try run(["entities", "--db", "DB", "--top", "5", "--format", "jsonl"]).stdout.split(separator: "\n")
        #expect(lines.allSatisfy { (json(String($0)) as? [String: Any])?["aliases"] is [String] })
    }

    @Test func aFilterOnlySearchScoresZeroNotMinusZero() throws {
        let result = try run(["search", "--db", "DB", "--source", "The Harbor Courier", "--format", "json"])
        #expect(!result.stdout.contains("-0.0"))
        let hits = (json(result.stdout) as? [String: Any])?["hits"] as? [[String: Any]] ?? []
        #expect(!hits.isEmpty)
    }

    @Test(arguments: ["table", "json", "jsonl"])
    func everyFormatTheHelpListsWorksForShowAndStats(format: String) throws {
        for command in [["show", "--db", "DB", "1"], ["stats", "--db", "DB"]] {
            let result = try run(command + ["--format", format])
            #expect(result.status == 0, "\(command) --format \(format): \(result.stderr)")
            if format != "table" { #expect(json(result.stdout) is [String: Any], "\(command) --format \(format)") }
        }
        let help = try run(["show", "--help"]).stdout + (try run(["stats", "--help"]).stdout)
        #expect(!help.contains("csv"))
    }

    @Test func everyEntityAndQuoteInAJSONLExportCarriesItsId() throws {
        let lines = try run(["export", "--db", "DB", "--format", "jsonl"]).stdout.split(separator: "\n")
        let articles = lines.compactMap { json(String($0)) as? [String: Any] }
        #expect(articles.count == lines.count && !articles.isEmpty)
        let entities = articles.flatMap { $0["entities"] as? [[String: Any]] ?? [] }
        let quotes = articles.flatMap { $0["quotes"] as? [[String: Any]] ?? [] }
        #expect(!entities.isEmpty && entities.allSatisfy { $0["id"] is Int })
        #expect(!quotes.isEmpty && quotes.allSatisfy { $0["id"] is Int })
        // The ids are the rows' own: the quotes command gives the same id for the same words.
        let listed = try #require(json(try run(["quotes", "--db", "DB", "--limit", "100", "--format", "json"]).stdout) as? [[String: Any]])
        for quote in listed {
            let exported = quotes.first { $0["id"] as? Int == quote["id"] as? Int }
            #expect(exported?["text"] as? String == quote["text"] as? String)
        }
    }

    @Test func filesThatAreNotNewsdbDatabasesAreNamedAndLeftAlone() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try "garbage, not a database\n".write(toFile: scratch.path("text.db"), atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: scratch.path("empty.db"), contents: Data())
        let sqlite3 = BuiltBinary(url: URL(fileURLWithPath: "/usr/bin/sqlite3"))
        try sqlite3.run([scratch.path("foreign.db"), "CREATE TABLE notes (x); INSERT INTO notes VALUES (1);"])
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.path("foreign.db")))
        let cases: [([String], String)] = [
            (["search", "--db", scratch.path("foreign.db"), "x"], "another program's SQLite database (it holds notes"),
            (["ingest", "--db", scratch.path("foreign.db"), IngestCommandTests.sample("pages/01.txt")], "another program's SQLite database"),
            (["search", "--db", scratch.path("text.db"), "x"], "is not an SQLite database"),
            (["ingest", "--db", scratch.path("text.db"), IngestCommandTests.sample("pages/01.txt")], "is not an SQLite database"),
            (["stats", "--db", scratch.path("empty.db")], "holds no newsdb database yet"),
            (["export", "--db", "DB", "--format", "jsonl", "--out", scratch.path("missing/folder/x.jsonl")], "no such file or directory"),
        ]
        for (arguments, message) in cases {
            let result = try run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("Error: ") && result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("SQLite error"), "no raw SQLite error: \(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path("foreign.db"))) == before)
        #expect(try String(contentsOfFile: scratch.path("text.db"), encoding: .utf8) == "garbage, not a database\n")
    }
}
