import Foundation
import Synchronization
import Testing
@testable import NewsPage

/// What happens to a page's bytes before and around libxml2: unread attributes dropped without
/// changing the tree, and the per-thread arena the tree lives in.
@Suite("HTML preparation")
struct HTMLPreparationTests {
    static func slimmed(_ html: String) -> String {
        String(decoding: AttributeSlimmer.slim(Array(html.utf8)), as: UTF8.self)
    }

    @Test func unreadAttributesAreDroppedAndReadOnesKept() {
        #expect(Self.slimmed(#"<a href="/x" class="more" data-id="7" ROLE=button>Next</a>"#) == #"<a class="more" ROLE=button>Next</a>"#)
        #expect(Self.slimmed(#"<link rel="canonical" href="https://e.example/a"><img src=a.jpg srcset='a 1x, b 2x'>"#)
            == #"<link rel="canonical" href="https://e.example/a"><img>"#)
        #expect(Self.slimmed(#"<meta property="og:title" content="Ferry kept"><time datetime="2025-06-03" pubdate>"#)
            == #"<meta property="og:title" content="Ferry kept"><time datetime="2025-06-03" pubdate>"#)
    }

    @Test func valuesAreReadAsLibxml2ReadsThem() {
        // A quoted value runs past ">"; attributes need no blank between them; an unquoted value ends at a blank or ">".
        #expect(Self.slimmed(#"<img alt="a > b" class="pic">"#) == #"<img class="pic">"#)
        #expect(Self.slimmed(#"<a href="x"class="y">"#) == #"<a class="y">"#)
        #expect(Self.slimmed("<a href=/x/y/ id=z>t</a><br/>") == "<a id=z>t</a><br/>")
        #expect(Self.slimmed("<input disabled\nclass=q title='t'/>") == "<input\nclass=q/>")
    }

    @Test func scriptsStylesAndCommentsAreLeftAsTheyAre() {
        let kept = [
            #"<script type="application/ld+json">{"body":"<p data-x=\"1\">"}</script>"#,
            #"<style>a[href="x"] { color: red }</style>"#,
            #"<!-- <a href="x" onclick="y">old</a> -->"#,
        ]
        for html in kept { #expect(Self.slimmed(html) == html) }
        #expect(Self.slimmed(#"<SCRIPT src="a.js"></script><p data-n=1>Hi</p>"#) == "<SCRIPT></script><p>Hi</p>")
    }

    @Test(arguments: [
        (#"<p data-x="never closed>tail</p>"#, #"<p data-x="never closed>tail</p>"#),
        (#"<p @click="go" data-z=9>tail</p>"#, #"@click="go" data-z=9>tail</p>"#),
        ("<p data-x=1 /x data-z=9>tail</p>", "/x data-z=9>tail</p>"),
        ("<p data-x=\"1\">a\u{0}b</p>", "<p data-x=\"1\">a\u{0}b</p>"),
        (#"<!-- open comment <a href="x">"#, #"<!-- open comment <a href="x">"#),
    ])
    func doubtfulMarkupEndsTheSlimming(html: String, unchangedTail: String) {
        let result = Self.slimmed(html)
        #expect(result.hasSuffix(unchangedTail))
        #expect(Self.tree(Array(result.utf8)) == Self.tree(Array(html.utf8)))
    }

    /// libxml2's tree of `html`, as text: elements, the attributes a reader asks for, and text.
    static func tree(_ bytes: [UInt8]) -> String {
        guard let document = HTMLDocument(bytes: bytes, encoding: "utf-8"), let root = document.root else { return "" }
        var lines: [String] = []
        func visit(_ node: HTMLNode, depth: Int) {
            let indent = String(repeating: " ", count: depth)
            if node.isElement {
                let attributes = ["class", "id", "role", "itemprop", "content", "property", "name", "rel", "type", "lang", "datetime"]
                    .compactMap { name in node.attribute(name).map { "\(name)=\($0)" } }
                let href = node.named("link") ? (node.attribute("href").map { " href=\($0)" } ?? "") : ""
                lines.append(indent + node.name + " " + attributes.joined(separator: " ") + href)
                for child in node.children { visit(child, depth: depth + 1) }
            } else if node.isText {
                lines.append(indent + "'" + node.text + "'")
            }
        }
        visit(root, depth: 0)
        return lines.joined(separator: "\n")
    }

    @Test func theTreeIsTheSameButForTheDroppedAttributes() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../SampleData/html")
        var pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            try [UInt8](Data(contentsOf: folder.appendingPathComponent($0)))
        }
        pages.append(Array(#"""
            <html><body><div class=a data-x='1'><p title="t">One <a href=/x class=in>two</a> three<img alt="x > y" src=i.png>
            <table border=1><tr><td colspan=2 class=c>cell</td></tr></table><ul><li data-i=1>item<li>next</ul>
            <p onclick="a()"><b style="x">bold</b><i>it</i></p><textarea rows=2><b>t</b></textarea></div></body></html>
            """#.utf8))
        #expect(pages.count >= 6)
        for page in pages {
            let slimmed = AttributeSlimmer.slim(page)
            #expect(slimmed.count < page.count)
            #expect(Self.tree(slimmed) == Self.tree(page))
        }
    }

    @Test func twoDocumentsAliveAtOnceOnOneThreadAreBothReadable() {
        let first = HTMLDocument(bytes: Array("<html><body><p class=a>first page</p></body></html>".utf8), encoding: "utf-8")
        let second = HTMLDocument(bytes: Array("<html><body><p class=b>second page</p></body></html>".utf8), encoding: "utf-8")
        #expect(first?.root?.textContent == "first page")
        #expect(second?.root?.textContent == "second page")
    }

    @Test func aHugePageLeavesTheArenaSmallAfterwards() {
        let paragraph = "<p class=\"x\">" + String(repeating: "The ferry runs late tonight. ", count: 20) + "</p>"
        let html = Array(("<html><body>" + String(repeating: paragraph, count: 20_000) + "</body></html>").utf8)
        #expect(HTMLPageParser.parse(html, origin: "huge").paragraphs.count == 20_000)
        // The blocks a 12 MB page needed beyond the kept ones went back to malloc when it was done.
        #expect(ParseArena.reservedBytes <= 32 << 20)
        #expect(HTMLPageParser.parse(HTMLPageParserTests.page(body: HTMLPageParserTests.article), origin: "after").paragraphs
            == HTMLPageParserTests.paragraphs)
    }

    @Test func pagesParsedOnManyThreadsGiveWhatOneThreadGives() {
        let pages = (0..<16).map { index in
            HTMLPageParserTests.page(body: "<article>" + HTMLPageParserTests.paragraphs.map { "<p data-n=\(index)>\($0) \(index)</p>" }.joined() + "</article>")
        }
        let serial = pages.map { HTMLPageParser.parse($0, origin: "serial").paragraphs }
        let results = Mutex<[[String]]>(Array(repeating: [], count: pages.count))
        DispatchQueue.concurrentPerform(iterations: pages.count * 4) { iteration in
            let index = iteration % pages.count
            let paragraphs = HTMLPageParser.parse(pages[index], origin: "parallel").paragraphs
            results.withLock { $0[index] = paragraphs }
        }
        #expect(results.withLock { $0 } == serial)
    }
}
