import Foundation
import Testing

/// Every command's JSON against the shapes `docs/json.md` documents: the same keys, none missing and
/// none extra, and the same types, on SampleData.
@Suite("JSON contract (docs/json.md)")
struct JSONContractTests {
    /// A parsed JSON value that keeps booleans, integers and other numbers apart.
    indirect enum Value: Decodable {
        case null, bool(Bool), integer(Int64), number(Double), string(String), array([Value]), object([String: Value])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let bool = try? container.decode(Bool.self) { self = .bool(bool) }
            else if let integer = try? container.decode(Int64.self) { self = .integer(integer) }
            else if let number = try? container.decode(Double.self) { self = .number(number) }
            else if let string = try? container.decode(String.self) { self = .string(string) }
            else if let array = try? container.decode([Value].self) { self = .array(array) }
            else { self = .object(try container.decode([String: Value].self)) }
        }

        static func parse(_ text: String) throws -> Value {
            try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        }
    }

    /// The shapes of docs/json.md, by name.
    static let shapes: [String: Value] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/json.md")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var shapes: [String: Value] = [:]
        for block in text.components(separatedBy: "```shape ").dropFirst() {
            let name = String(block.prefix { $0 != "\n" })
            let body = block.dropFirst(name.count).components(separatedBy: "```").first ?? ""
            if let shape = try? Value.parse(body) { shapes[name] = shape }
        }
        return shapes
    }()

    /// What is wrong with `value` against `shape` ("" when nothing).
    static func mismatches(_ value: Value, _ shape: Value, at path: String = "$") -> [String] {
        switch (shape, value) {
        case (.string(let type), _):
            let nullable = type.hasSuffix("?")
            let base = nullable ? String(type.dropLast()) : type
            switch (base, value) {
            case (_, .null): return nullable ? [] : ["\(path): null where \(type)"]
            case ("string", .string), ("integer", .integer), ("number", .integer), ("number", .number), ("boolean", .bool): return []
            default: return ["\(path): \(value) where \(type)"]
            }
        case (.array(let element), .array(let items)):
            return items.enumerated().flatMap { mismatches($1, element[0], at: "\(path)[\($0)]") }
        case (.object(let fields), .object(let members)):
            if fields.keys.sorted() == ["*"], let each = fields["*"] {
                return members.flatMap { mismatches($1, each, at: "\(path).\($0)") }
            }
            let missing = Set(fields.keys).subtracting(members.keys).sorted().map { "\(path): no \($0)" }
            let extra = Set(members.keys).subtracting(fields.keys).sorted().map { "\(path): unexpected \($0)" }
            return missing + extra + fields.flatMap { key, field in members[key].map { mismatches($0, field, at: "\(path).\(key)") } ?? [] }
        default:
            return ["\(path): \(value) where \(shape)"]
        }
    }

    func check(_ output: String, against name: String, lines: Bool = false, elementOf: Bool = false) throws {
        let shape = try #require(Self.shapes[name], "docs/json.md has no shape \(name)")
        let target: Value = if elementOf, case .array(let element) = shape { element[0] } else { shape }
        let texts = lines ? output.split(separator: "\n").map(String.init) : [output]
        #expect(!texts.isEmpty, "\(name): no output")
        for text in texts {
            let value = try Value.parse(text)
            let problems = Self.mismatches(value, target)
            #expect(problems.isEmpty, "\(name): \(problems.prefix(5))")
        }
    }

    func run(_ arguments: [String]) throws -> String {
        let loaded = try #require(SearchCommandTests.loaded)
        let result = try loaded.binary.run([arguments[0], "--db", loaded.db] + arguments.dropFirst())
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    @Test func theDocumentHasEveryShape() {
        #expect(Set(Self.shapes.keys) == ["search", "article", "quotes", "entities", "stats", "rejects", "ingest", "parse"])
    }

    @Test func searchShowExportQuotesEntitiesAndStats() throws {
        try check(try run(["search", "harbour OR ferry", "--facets", "--format", "json"]), against: "search")
        try check(try run(["search", "--source", "The Harbor Courier", "--format", "json"]), against: "search")
        // jsonl prints the hits alone, one a line, each as a search's hit.
        guard case .object(let search) = try #require(Self.shapes["search"]), case .array(let hit) = try #require(search["hits"]) else {
            Issue.record("the search shape has no hits array")
            return
        }
        for line in try run(["search", "harbour OR ferry", "--format", "jsonl"]).split(separator: "\n") {
            #expect(Self.mismatches(try Value.parse(String(line)), hit[0]).isEmpty, "\(line)")
        }
        try check(try run(["export", "--format", "jsonl"]), against: "article", lines: true)
        for id in ["1", "13"] {
            try check(try run(["show", id, "--format", "json"]), against: "article")
            try check(try run(["show", id, "--format", "jsonl"]), against: "article")
        }
        try check(try run(["quotes", "--limit", "100", "--format", "json"]), against: "quotes")
        try check(try run(["quotes", "--limit", "100", "--format", "jsonl"]), against: "quotes", lines: true, elementOf: true)
        try check(try run(["entities", "--top", "100", "--format", "json"]), against: "entities")
        try check(try run(["entities", "--top", "100", "--format", "jsonl"]), against: "entities", lines: true, elementOf: true)
        try check(try run(["stats", "--format", "json"]), against: "stats")
        try check(try run(["stats", "--format", "jsonl"]), against: "stats")
    }

    @Test func ingestRejectsAndParse() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try "{\"title\": \"No body here\"}\nnot json at all\n".write(toFile: scratch.path("bad.jsonl"), atomically: true, encoding: .utf8)
        let ingest = try newsdb.run(["ingest", "--db", scratch.path("n.db"), "--json", "--quiet",
                                     IngestCommandTests.sample("pages"), IngestCommandTests.sample("archives"), scratch.path("bad.jsonl")])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        try check(ingest.stdout, against: "ingest")
        let rejects = try newsdb.run(["rejects", "--db", scratch.path("n.db"), "--format", "json"]).stdout
        try check(rejects, against: "rejects")
        #expect(rejects.contains("bad.jsonl:2"))
        let pages = try FileManager.default.contentsOfDirectory(atPath: IngestCommandTests.sample("pages")).sorted().prefix(10)
            .map { IngestCommandTests.sample("pages/" + $0) }
        let html = try FileManager.default.contentsOfDirectory(atPath: IngestCommandTests.sample("html")).sorted()
            .map { IngestCommandTests.sample("html/" + $0) }
        try check(try newsdb.run(["parse", "--json"] + pages + html).stdout, against: "parse", lines: true)
    }
}
