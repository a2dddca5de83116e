import Foundation
import Testing

@Suite("newsdb parse from the built binary")
struct ParseCommandTests {
    static let pages = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleData/pages")

    @Test func jsonIsOneObjectPerPageWithTheContractFields() throws {
        let newsdb = try BuiltBinary.locate()
        let files = ["01.txt", "09.txt"].map { Self.pages.appendingPathComponent($0).path }
        let result = try newsdb.run(["parse", "--json"] + files)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in ["source", "aggregator", "published", "captured", "title", "byline", "credits", "paragraphs",
                        "boilerplate", "entities", "quotes"] {
                #expect(object.keys.contains(key), "missing \(key)")
            }
            #expect((object["paragraphs"] as? [String])?.isEmpty == false)
        }
    }

    @Test func readableViewShowsFieldsBodyAndRules() throws {
        let newsdb = try BuiltBinary.locate()
        let result = try newsdb.run(["parse", Self.pages.appendingPathComponent("01.txt").path])
        #expect(result.stdout.contains("source       "))
        #expect(result.stdout.contains("Body ("))
        #expect(result.stdout.contains("Removed lines"))
        #expect(result.stdout.contains("  sponsor  ") || result.stdout.contains(" sponsor "))
    }

    @Test func unreadableFileIsNamedAndTheRestStillParse() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try Data([0x41, 0x00, 0x42]).write(to: scratch.url.appendingPathComponent("binary.txt"))
        let result = try newsdb.run([
            "parse", "--json", scratch.path("missing.txt"), scratch.path("binary.txt"),
            Self.pages.appendingPathComponent("01.txt").path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("missing.txt"))
        #expect(result.stderr.contains("binary.txt"))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func explainShowsEveryLineWithItsZoneRowAndEvidence() throws {
        let newsdb = try BuiltBinary.locate()
        let page = Self.pages.appendingPathComponent("01.txt").path
        let table = try newsdb.run(["parse", "--explain", page])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines[1] == "lines     zone     rule              row                  shape      weight  score  text [evidence]")
        #expect(lines[2].hasPrefix("1         header   masthead          masthead             headline        4     -2  THE AMERICA ONE NEWS"))
        #expect(lines.contains { $0.hasPrefix("5         header   sponsor           furniture") && $0.hasSuffix("[furniture:sponsor]") })
        #expect(lines.contains { $0.contains(" body     kept ") })

        let json = try newsdb.run(["parse", "--explain", "--json", page])
        let objects = try json.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.first?["zone"] as? String == "header")
        #expect(objects.first?["row"] as? String == "masthead")
        #expect(objects.contains { $0["zone"] as? String == "body" && $0["rule"] is NSNull })
    }
}
