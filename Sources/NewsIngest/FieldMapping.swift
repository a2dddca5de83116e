import NewsPage
import Foundation
import NewsStore

/// Reads the fields of a JSONL or CSV record into an `Article`, accepting the names common dumps use.
public enum FieldMapping {
    static let title = ["title", "headline", "heading"]
    static let body = ["text", "body", "content", "maintext", "article", "article_text", "full_text", "fulltext"]
    static let summary = ["description", "summary", "abstract", "lead"]
    static let page = ["page", "page_text", "raw", "raw_text", "html_text"]
    static let html = ["html", "raw_html", "page_html", "html_content", "content_html"]
    static let url = ["url", "link", "source_url", "canonical_url", "permalink"]
    static let source = ["source", "publication", "source_domain", "publisher", "site", "outlet", "source_name", "domain", "media"]
    static let aggregator = ["aggregator", "feed", "via"]
    static let published = ["published", "date", "date_publish", "published_at", "publish_date", "pubdate", "datetime",
                            "timestamp", "date_published", "publication_date", "created_at"]
    static let captured = ["captured", "date_download", "scraped_at", "crawled", "date_crawled", "retrieved", "fetched_at", "captured_at"]
    static let byline = ["authors", "author", "byline", "writer", "creator"]
    static let credits = ["credits", "agencies", "agency", "wire"]

    /// Every field name understood, for sniffing a CSV header.
    public static let allKnownNames: Set<String> = Set(title + body + summary + page + html + url + source + aggregator + published + captured + byline + credits)

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case noText(fields: [String])

        public var description: String {
            switch self {
            case .noText(let fields) where fields.isEmpty:
                "no article text: the record has no fields (expected one of text, body, content, maintext, page, html)"
            case .noText(let fields):
                "no article text: none of the fields \(fields.sorted().joined(separator: ", ")) holds a body (expected one of text, body, content, maintext, page, html)"
            }
        }
    }

    /// Builds the article. Text fields are normalised; a whole saved page goes through the page parser.
    public static func article(from fields: [String: String], origin: String, defaultSource: String? = nil) -> Result<Article, Failure> {
        var lowered: [String: String] = [:]
        for (key, value) in fields { lowered[key.lowercased().trimmedWhitespace()] = value }
        func first(_ names: [String]) -> String? {
            for name in names {
                if let value = lowered[name]?.trimmedWhitespaceAndNewlines(), !value.isEmpty { return value }
            }
            return nil
        }
        let title = first(title).map(TextNormalizer.normalizeLine)
        var article: Article
        let pageText = first(page)
        let pageIsHTML = pageText.map { HTMLPageParser.looksLikeHTML($0.utf8) } ?? false
        let html = first(html) ?? (pageIsHTML ? pageText : nil)
        if let pageText, !pageIsHTML {
            article = ArticleAssembly.article(from: PageParser.parse(pageText, origin: origin))
        } else if first(body) == nil, let html {
            // A page's HTML and no article text beside it: read through the DOM.
            article = ArticleAssembly.article(from: HTMLPageParser.parse(Array(html.utf8), origin: origin, url: first(url)))
        } else if let page = first(body).flatMap({ title == nil && looksLikePage($0) ? $0 : nil }) {
            article = ArticleAssembly.article(from: PageParser.parse(page, origin: origin))
        } else if let body = first(body) ?? first(summary) {
            article = Article(origin: origin)
            article.paragraphs = paragraphs(of: body)
            article.title = title
            ArticleAssembly.complete(&article)
        } else {
            return .failure(.noText(fields: Array(lowered.keys)))
        }
        if article.title == nil { article.title = title }
        article.origin = origin
        article.url = first(url) ?? article.url
        if let source = first(source).map(TextNormalizer.normalizeLine) { article.source = source }
        if article.source == nil { article.source = defaultSource }
        if let aggregator = first(aggregator) { article.aggregator = TextNormalizer.normalizeLine(aggregator) }
        if let byline = first(byline) { article.byline = TextNormalizer.normalizeLine(byline) }
        if let published = first(published).flatMap(date) { article.published = published }
        if let captured = first(captured).flatMap(date) { article.captured = captured }
        if let credits = first(credits) {
            for agency in Credits.agencies(in: credits) where !article.credits.contains(agency) {
                article.credits.append(agency)
            }
        }
        return .success(article)
    }

    /// A text field holding a whole saved page rather than an article body: several short lines on top.
    static func looksLikePage(_ text: String) -> Bool {
        let lines = text.split(separator: "\n", maxSplits: 8, omittingEmptySubsequences: true)
        guard lines.count >= 6 else { return false }
        return lines.prefix(5).filter { $0.count < 40 }.count >= 3
    }

    /// Paragraphs split at blank lines, or at every line break when the text has no blank lines.
    static func paragraphs(of body: String) -> [String] {
        let lines = TextNormalizer.lines(of: body)
        guard lines.contains(where: \.isEmpty) else { return lines.filter { !$0.isEmpty } }
        return lines.split(separator: "").map { $0.joined(separator: " ") }
    }

    /// ISO text, Unix seconds, or any form the page date parser reads, as `YYYY-MM-DD[THH:MM]`.
    static func date(_ text: String) -> String? {
        if let seconds = Double(text), seconds > 100_000_000 {
            // Epoch seconds (or milliseconds) are an instant in UTC: kept to the second, with its zone.
            let milliseconds = seconds > 100_000_000_000
            let date = Date(timeIntervalSince1970: milliseconds ? seconds / 1000 : seconds)
            return ISODate.format(date)
        }
        // An ISO 8601 stamp keeps the precision and zone it was written with; other forms go through
        // the page date parser (day, and hour and minute when given).
        return ISOTimestamp.normalized(text) ?? DateParser.parse(text)?.date?.iso
    }
}
