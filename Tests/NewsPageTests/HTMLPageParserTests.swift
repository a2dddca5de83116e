import Foundation
import Testing
@testable import NewsPage

/// HTML pages through the DOM: fictional pages written for these tests, each showing one layout trait.
@Suite("HTML page parser")
struct HTMLPageParserTests {
    static let paragraphs = [
        "The harbour council in Port Calder voted on Tuesday to keep the evening ferry running through the winter, after a long dispute over its cost.",
        "Councillors said the crossing carried more than four hundred people on a typical weekday evening, most of them workers from the island.",
        "The ferry operator said it would publish a new timetable next month, with an extra late sailing on Fridays and Saturdays.",
    ]

    static func page(head: String = "", body: String) -> [UInt8] {
        Array("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ferry kept | Island Post</title>\(head)</head><body>\(body)</body></html>".utf8)
    }

    static var article: String { paragraphs.map { "<p>\($0)</p>" }.joined() }

    @Test func commentThreadLongerThanTheArticleDoesNotWin() {
        let comment = "<div class=\"comment\"><p>" + String(repeating: "I agree, and frankly, the council was slow, as usual, but still. ", count: 4) + "</p></div>"
        let html = Self.page(body: "<article><h1>Ferry kept</h1>\(Self.article)</article><section id=\"comments\">\(String(repeating: comment, count: 8))</section>")
        let page = HTMLPageParser.parse(html, origin: "comments")
        #expect(page.paragraphs == Self.paragraphs)
    }

    @Test func wrapperNamedAfterItsSidebarStillHoldsTheArticle() {
        let html = Self.page(body: """
            <div class="page has-sidebar"><div class="col">\(Self.article)</div>
            <div class="sidebar"><ul><li><a href="/1">Quay cafe wins an award</a></li><li><a href="/2">Lighthouse tours return</a></li></ul></div></div>
            """)
        #expect(HTMLPageParser.parse(html, origin: "sidebar").paragraphs == Self.paragraphs)
    }

    @Test func pageMetadataFillsTheFields() {
        let ld = """
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
            {"@type":"NewsArticle","headline":"Harbour council keeps the evening ferry","datePublished":"2025-06-03T09:41:00+02:00",
            "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Tom Berg"}],"publisher":{"@type":"Organization","name":"Island Post"}}]}</script>
            <link rel="canonical" href="https://islandpost.example/ferry">
            """
        let page = HTMLPageParser.parse(Self.page(head: ld, body: "<main>\(Self.article)</main>"), origin: "ld", url: "https://mirror.example/x")
        #expect(page.title == "Harbour council keeps the evening ferry")
        #expect(page.published == "2025-06-03T09:41:00+02:00")
        #expect(page.byline == "Ana Ruiz and Tom Berg")
        #expect(page.source == "Island Post")
        #expect(page.url == "https://islandpost.example/ferry")
        #expect(page.language == "en")
    }

    @Test func openGraphTitleBeatsTheDocumentTitle() {
        let head = "<meta property=\"og:title\" content=\"Ferry kept for the winter\"><meta property=\"og:site_name\" content=\"Island Post\">"
        let page = HTMLPageParser.parse(Self.page(head: head, body: "<div class=\"story-body\">\(Self.article)</div>"), origin: "og")
        #expect(page.title == "Ferry kept for the winter")
        #expect(page.source == "Island Post")
    }

    @Test func declaredWindows1252IsDecoded() {
        var bytes = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><div><p>".utf8)
        bytes += Array("Sol".utf8) + [0xE8] + Array("ne Garnier said the company had been unable to charter one of the few ships, ".utf8)
        bytes += [0x93] + Array("the whole industry is chasing them".utf8) + [0x94] + Array(", she said.</p></div></body></html>".utf8)
        let page = HTMLPageParser.parse(bytes, origin: "cp1252")
        #expect(page.paragraphs.first?.hasPrefix("Solène Garnier") == true)
        #expect(page.paragraphs.first?.contains("“the whole industry is chasing them”") == true)
    }

    @Test func invalidUTF8IsRepairedNotDropped() {
        var bytes = Array("<html><head><meta charset=\"utf-8\"></head><body><div><p>".utf8)
        bytes += Array(Self.paragraphs[0].utf8) + [0xFF, 0xFE] + Array(" And more.</p></div></body></html>".utf8)
        let page = HTMLPageParser.parse(bytes, origin: "bad-utf8")
        #expect(page.paragraphs.first?.hasPrefix("The harbour council") == true)
        #expect(page.paragraphs.first?.contains("\u{FFFD}") == true)
    }

    @Test func brokenMarkupStillGivesTheBody() {
        let body = "<div id=menu><a href=/>Front</a></div></div><table><tr><td><div class=storytext>"
            + Self.paragraphs.joined(separator: "<br><br>") + "</td></font><p>Posted in <a href=/c>Local</a>"
        let html = Array(("<html><head><title>Ferry kept</title><body>" + body).utf8)
        #expect(HTMLPageParser.parse(html, origin: "broken").paragraphs == Self.paragraphs)
    }

    @Test func scriptsAndStylesAreEmptiedButPageDataKept() {
        let html = "<head><script>if (a < b) { x = '<p>not text</p>'; }</script><style>p{color:red}</style>"
            + "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script><SCRIPT src=x></SCRIPT><script>never closed"
        let stripped = String(decoding: ScriptStripper.strip(Array(html.utf8)), as: UTF8.self)
        #expect(!stripped.contains("not text"))
        #expect(!stripped.contains("color:red"))
        #expect(stripped.contains("{\"@type\":\"NewsArticle\"}"))
        #expect(stripped.hasSuffix("<script>never closed"))
    }

    @Test func linkListInsideTheArticleIsLeftOut() {
        let links = "<ul>" + (1...6).map { "<li><a href=\"/\($0)\">Other story number \($0) from the island</a></li>" }.joined() + "</ul>"
        let html = Self.page(body: "<article><p>\(Self.paragraphs[0])</p>\(links)<p>\(Self.paragraphs[1])</p><p>\(Self.paragraphs[2])</p></article>")
        #expect(HTMLPageParser.parse(html, origin: "links").paragraphs == Self.paragraphs)
    }

    @Test(arguments: ["", "   ", "<html></html>", "<", "\u{0}\u{1}", "<html><body><script>x</script></body></html>"])
    func emptyOrTinyPagesGiveNoBody(text: String) {
        #expect(HTMLPageParser.parse(Array(text.utf8), origin: "tiny").paragraphs.isEmpty)
    }

    @Test(arguments: [
        ([0x41, 0x42], true), ([0xC3, 0xA9], true), ([0xE2, 0x80, 0x9C], true), ([0xF0, 0x9F, 0x98, 0x80], true),
        ([0xC0, 0xAF], false), ([0xE0, 0x80, 0xAF], false), ([0xED, 0xA0, 0x80], false), ([0xF4, 0x90, 0x80, 0x80], false),
        ([0xE2, 0x80], false), ([0x80], false), ([0xFF], false),
    ] as [([UInt8], Bool)])
    func utf8Validity(bytes: [UInt8], valid: Bool) {
        // Padded on both sides so the eight-byte ASCII steps run too.
        let padded = Array("abcdefghij".utf8) + bytes + Array("klmnopqrst".utf8)
        #expect(HTMLCharset.isValidUTF8(padded) == valid)
        #expect(HTMLCharset.isValidUTF8(padded) == (String(validating: padded, as: UTF8.self) != nil))
    }

    @Test func badBytesInALegacyCharsetDoNotCutThePage() {
        // EUC-KR with bytes that are not EUC-KR, then more text: all of it read, the bad bytes as U+FFFD.
        var bytes = Array("<html><head><meta charset=\"euc-kr\"></head><body><div><p>".utf8)
        bytes += Array(Self.paragraphs[0].utf8) + [0xFF, 0xFE] + Array("</p><p>\(Self.paragraphs[1])</p></div></body></html>".utf8)
        let page = HTMLPageParser.parse(bytes, origin: "euc-kr")
        #expect(page.paragraphs.count == 2)
        #expect(page.paragraphs.first?.contains("\u{FFFD}") == true)
    }

    @Test func unassignedWindows1252BytesBecomeReplacementCharacters() {
        let decoded = String(decoding: HTMLCharset.windows1252ToUTF8([0x41, 0x80, 0x9D, 0xE9, 0x93]), as: UTF8.self)
        #expect(decoded == "A€\u{FFFD}é“")
    }
}
