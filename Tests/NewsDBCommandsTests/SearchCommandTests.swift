import Foundation
import Testing

@Suite("search, show, quotes and entities from the built binary")
struct SearchCommandTests {
    /// One database loaded from SampleData, shared by the tests of this suite (they only read it).
    static let loaded: (binary: BuiltBinary, db: String)? = {
        guard let newsdb = try? BuiltBinary.locate(), let scratch = try? ScratchFolder() else { return nil }
        let db = scratch.path("search.db")
        let pages = IngestCommandTests.sample("pages")
        let dumps = IngestCommandTests.sample("dumps")
        guard (try? newsdb.run(["ingest", "--db", db, "--quiet", pages, dumps]))?.status == 0 else { return nil }
        return (newsdb, db)
    }()

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> BuiltBinary.Result {
        let loaded = try #require(Self.loaded)
        return try loaded.binary.run([arguments[0], "--db", loaded.db] + arguments.dropFirst(), environment: environment)
    }

    @Test func tableShowsHitsWithBracketedHighlightsAndFacets() throws {
        let result = try run(["search", "harbour OR ferry", "--facets"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("articles for harbour OR ferry"))
        #expect(result.stdout.contains("[harbour]") || result.stdout.contains("[ferry]"))
        #expect(!result.stdout.contains("\u{1B}["), "no escape codes when stdout is not a terminal")
        for facet in ["source", "month", "person", "place", "agency"] {
            #expect(result.stdout.contains("\n\(facet)\n"), "missing facet \(facet)")
        }
    }

    @Test func jsonCarriesHitsTotalAndFacetsButNoTiming() throws {
        let result = try run(["search", "strike OR drought", "--facet", "source,month", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let hits = try #require(object["hits"] as? [[String: Any]])
        #expect(object["total"] as? Int == hits.count)
        // Data, not a measurement: the same query on the same file prints the same bytes.
        #expect(object["elapsed_ms"] == nil)
        #expect(try run(["search", "strike OR drought", "--facet", "source,month", "--format", "json"]).stdout == result.stdout)
        #expect((object["facets"] as? [String: Any])?["source"] != nil)
        #expect(hits.first?["snippet"] as? String != nil)
    }

    @Test func jsonlAndCSVHaveOneLinePerHit() throws {
        let jsonl = try run(["search", "harbour", "--format", "jsonl"])
        let lines = jsonl.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines { #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any]) }
        let csv = try run(["search", "harbour", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,title,source,published,score,snippet\r\n"))
        #expect(csv.stdout.split(separator: "\r\n").count == lines.count + 1)
    }

    @Test func filtersAndQualifiersAgree() throws {
        let qualifier = try run(["search", "person:Okonjo", "--format", "jsonl"])
        let option = try run(["search", "--person", "Mara Okonjo", "--format", "jsonl"])
        #expect(qualifier.stdout == option.stdout)
        #expect(qualifier.stdout.split(separator: "\n").count == 1)
    }

    @Test func malformedQueryIsAUsageErrorWithACaret() throws {
        let result = try run(["search", "ferry AND"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("^ AND needs a word"))
    }

    @Test func showPrintsTheWholeArticle() throws {
        let search = try run(["search", "person:Okonjo", "--format", "jsonl"])
        let hit = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])
        let id = try #require(hit["id"] as? Int)
        let text = try run(["show", String(id)])
        #expect(text.stdout.contains("Harbour council adds evening ferries"))
        #expect(text.stdout.contains("Mara Okonjo"))
        #expect(text.stdout.contains("Quotes"))
        let json = try run(["show", String(id), "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["quotes"] as? [[String: Any]])?.count == 3)
        // An id that is not there is a failure (1), not a misuse (2): the command was written right.
        let missing = try run(["show", "999999"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("Error: no article with id 999999 in "))
    }

    @Test func quotesBySpeakerAndWords() throws {
        let result = try run(["quotes", "April", "--speaker", "Okonjo", "--format", "csv"])
        #expect(result.stdout.contains("That ends in April."))
        #expect(result.stdout.contains("Mara Okonjo"))
        let none = try run(["quotes", "April", "--speaker", "Nobody", "--format", "json"])
        #expect(none.stdout == "[]\n")
    }

    @Test func entitiesCountArticles() throws {
        let result = try run(["entities", "--type", "place", "--top", "3", "--format", "csv"])
        let lines = result.stdout.split(separator: "\r\n")
        #expect(lines.first == "id,name,type,articles,aliases")
        #expect(lines.dropFirst().first?.contains(",Port Calder,place,4") == true)
        let named = try run(["entities", "okonjo", "--format", "jsonl"])
        #expect(named.stdout.contains("Mara Okonjo"))
    }
}
