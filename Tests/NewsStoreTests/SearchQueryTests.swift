import Foundation
import Testing
@testable import NewsStore

@Suite("Search query parser")
struct SearchQueryTests {
    @Test(arguments: [
        ("ferry", #""ferry""#),
        ("ferry harbour", #""ferry" AND "harbour""#),
        ("ferry AND harbour", #""ferry" AND "harbour""#),
        (#""evening ferry""#, #""evening ferry""#),
        ("ferry OR boat", #"("ferry") OR ("boat")"#),
        ("ferry -storm", #""ferry" NOT "storm""#),
        ("ferry NOT storm", #""ferry" NOT "storm""#),
        ("ferry harbour -storm -rain", #"("ferry" AND "harbour") NOT "storm" NOT "rain""#),
        ("harb*", #""harb"*"#),
        ("(ferry OR boat) harbour", #"(("ferry") OR ("boat")) AND "harbour""#),
        ("NEAR(ferry harbour, 5)", #"NEAR("ferry" "harbour", 5)"#),
        ("NEAR(ferry harbour)", #"NEAR("ferry" "harbour")"#),
        ("title:ferry", #"title : "ferry""#),
        ("body:harb*", #"body : "harb"*"#),
        ("US-Ukrainian", #""US-Ukrainian""#),
        ("it's", #""it's""#),
        ("ferry, harbour", #""ferry" AND "harbour""#),
        ("“curly phrase”", #""curly phrase""#),
    ])
    func constructsBecomeQuotedFTS(query: String, expression: String) throws {
        #expect(try SearchQuery.parse(query).expression == expression)
    }

    @Test func qualifiersBecomeFilters() throws {
        let parsed = try SearchQuery.parse(#"ceasefire source:"Le Monde" agency:AP person:Putin place:Kursk org:Kremlin aggregator:X from:2025-03 to:2025-03-31"#)
        #expect(parsed.expression == #""ceasefire""#)
        #expect(parsed.filters.sources == ["Le Monde"])
        #expect(parsed.filters.agencies == ["AP"])
        #expect(parsed.filters.people == ["Putin"])
        #expect(parsed.filters.places == ["Kursk"])
        #expect(parsed.filters.organizations == ["Kremlin"])
        #expect(parsed.filters.aggregators == ["X"])
        #expect(parsed.filters.from == "2025-03-01")
        #expect(parsed.filters.to == "2025-03-31")
    }

    @Test func filtersAloneHaveNoExpression() throws {
        let parsed = try SearchQuery.parse("source:X from:2025")
        #expect(parsed.expression == nil)
        #expect(parsed.filters.from == "2025-01-01")
    }

    @Test(arguments: [
        (#""unclosed"#, 0, "unbalanced quote"),
        ("(ferry", 0, "unbalanced '('"),
        ("ferry)", 5, "unbalanced ')'"),
        ("OR ferry", 0, "expected a word"),
        ("ferry OR", 6, "OR needs a word"),
        ("ferry AND", 6, "AND needs a word"),
        ("-ferry", 0, "cannot only exclude"),
        ("ferry NOT", 6, "NOT needs a word"),
        ("colour:red", 0, "unknown qualifier"),
        ("from:2025-13-01", 0, "wants a date"),
        ("from:yesterday", 0, "wants a date"),
        ("from:2025-05 to:2025-01", 0, "is after"),
        ("()", 0, "empty parentheses"),
        ("NEAR ferry", 0, "NEAR must be followed"),
        ("NEAR(ferry)", 0, "at least two words"),
        ("*", 0, "must follow a word"),
        ("ferry source:", 6, "needs a value"),
        (#""""#, 0, "empty phrase"),
        ("!!!", 0, "no letters or digits"),
    ])
    func malformedQueriesPointAtTheProblem(query: String, position: Int, message: String) {
        expectError(query: query, position: position, message: message)
    }

    /// The fuzzer's finding: thousands of "(" overflowed the parser's stack. Now a clear error.
    @Test func deepParenthesesAreRefusedNotACrash() throws {
        let finding = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Regressions/query-deep-parentheses.bin"))
        let text = String(decoding: finding.dropFirst(), as: UTF8.self)
        #expect(throws: SearchQueryError.self) { try SearchQuery.parse(text) }
        let deep = String(repeating: "(", count: 10_000) + "ferry" + String(repeating: ")", count: 10_000)
        #expect(throws: SearchQueryError.self) { try SearchQuery.parse(deep) }
        let fine = String(repeating: "(", count: 32) + "ferry" + String(repeating: ")", count: 32)
        #expect(try SearchQuery.parse(fine).expression?.contains("ferry") == true)
        expectError(query: String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40), position: 32,
                    message: "nested more than 32 deep")
    }

    func expectError(query: String, position: Int, message: String) {
        do {
            _ = try SearchQuery.parse(query)
            Issue.record("accepted \(query)")
        } catch {
            #expect(error.position == position, "\(error)")
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.pointing(at: query).contains("^"))
        }
    }

    @Test func quotesInsideTermsAreDoubledSoNothingEscapes() throws {
        #expect(SearchQueryParser.quote(#"a"b"#) == #""a""b""#)
        #expect(try SearchQuery.parse(#"x"y""#).expression == #""x" AND "y""#)
    }
}
