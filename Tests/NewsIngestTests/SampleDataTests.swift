import Foundation
import Testing
@testable import NewsIngest
import NewsPage

/// Every SampleData page parses to its expected JSON, field by field.
@Suite("SampleData pages match their expected parse")
struct SampleDataTests {
    static let sampleData = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleData")

    static var pageNumbers: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: sampleData.appendingPathComponent("expected").path)) ?? []
        return files.filter { $0.hasPrefix("gold-") && $0.hasSuffix(".json") }
            .map { String($0.dropFirst(5).dropLast(5)) }
            .sorted()
    }

    @Test func thereAreAtLeastFortyPagesInSixLayouts() throws {
        #expect(Self.pageNumbers.count >= 40)
        let layouts = try Set(Self.pageNumbers.map { try Self.expected($0)["layout"] as? String ?? "" })
        #expect(layouts.count >= 6)
    }

    static func expected(_ number: String) throws -> [String: Any] {
        let data = try Data(contentsOf: sampleData.appendingPathComponent("expected/gold-\(number).json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(arguments: SampleDataTests.pageNumbers)
    func pageMatchesExpectation(number: String) throws {
        let expected = try Self.expected(number)
        let path = Self.sampleData.appendingPathComponent("pages/\(number).txt").path
        let page = PageParser.parse(try PageFile.read(path: path), origin: path)
        let article = ArticleAssembly.article(from: page)
        func text(_ key: String) -> String? { expected[key] as? String }
        #expect(article.source == text("source"), "source")
        #expect(article.aggregator == text("aggregator"), "aggregator")
        #expect(article.published?.prefix(10).description == text("published"), "published")
        #expect(article.captured?.prefix(10).description == text("captured"), "captured")
        #expect(article.published == text("published_at"), "published_at")
        #expect(article.captured == text("captured_at"), "captured_at")
        #expect(article.title == text("title"), "title")
        #expect(article.byline == text("byline"), "byline")
        #expect(article.credits == expected["credits"] as? [String], "credits")
        #expect(article.paragraphs == expected["paragraphs"] as? [String], "paragraphs")
        #expect(page.boilerplate == expected["boilerplate"] as? [String], "boilerplate")
    }
}
