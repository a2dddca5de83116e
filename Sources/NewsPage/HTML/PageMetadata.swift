import Foundation

/// What a page says about itself in its markup: JSON-LD (`NewsArticle`, `Article`…), Open Graph and
/// `article:*` meta, other common meta names, `<title>`, the canonical link and the language.
/// These are the publisher's own statements, so they come before anything read from the text.
struct PageMetadata {
    var title: String?
    var documentTitle: String?
    var headline: String?
    var published: String?
    var author: String?
    var publisher: String?
    var siteName: String?
    /// The page's own summary (og:description, description).
    var description: String?
    var canonicalURL: String?
    var language: String?
    /// The article's text as its JSON-LD gives it, when it does (some sites put the whole body there).
    var articleBody: String?

    /// Meta names (or properties) that carry the publication time, most trusted first.
    private static let publishedNames = [
        "article:published_time", "og:article:published_time", "datepublished", "date", "pubdate", "publishdate",
        "publish-date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
    ]
    private static let authorNames = ["author", "article:author", "sailthru.author", "parsely-author", "dc.creator", "byl"]

    init(root: HTMLNode) {
        var meta: [String: String] = [:]
        var ldArticles: [[String: Any]] = []
        language = root.attribute("lang").flatMap(Self.nonEmpty)
        collect(root, meta: &meta, ldArticles: &ldArticles)

        let article = ldArticles.first
        headline = (article?["headline"] as? String).flatMap(Self.nonEmpty)
        // The document title without the site's name ("Headline | Site") when nothing better is given.
        title = meta["og:title"] ?? meta["twitter:title"] ?? headline ?? documentTitle.map { TitleChoice.documentTitle($0) ?? $0 }
        published = (article?["datePublished"] as? String).flatMap(Self.isoDate)
            ?? Self.publishedNames.lazy.compactMap { meta[$0].flatMap(Self.isoDate) }.first
        author = article.flatMap { Self.names(in: $0["author"]) }
            ?? Self.authorNames.lazy.compactMap { meta[$0] }.first { !$0.hasPrefix("http") && !$0.contains("/") }
        publisher = article.flatMap { Self.names(in: $0["publisher"]) }
        siteName = meta["og:site_name"] ?? meta["application-name"]
        description = meta["og:description"] ?? meta["description"] ?? meta["twitter:description"]
        if canonicalURL == nil { canonicalURL = meta["og:url"] }
        if language == nil { language = meta["og:locale"].map { String($0.prefix { $0 != "_" }) } }
        articleBody = (article?["articleBody"] as? String).flatMap(Self.nonEmpty)
    }

    private mutating func collect(_ node: HTMLNode, meta: inout [String: String], ldArticles: inout [[String: Any]]) {
        for child in node.children where child.isElement {
            // Most elements are none of these: their first letter says so without five comparisons.
            guard let first = child.pointer.pointee.name?.pointee, Self.mayBeRead(first) else {
                collect(child, meta: &meta, ldArticles: &ldArticles)
                continue
            }
            if child.named("meta") {
                guard let key = (child.attribute("property") ?? child.attribute("name") ?? child.attribute("itemprop"))?.lowercased(),
                    let content = child.attribute("content").flatMap(Self.nonEmpty), meta[key] == nil
                else { continue }
                meta[key] = content
            } else if child.named("title") {
                if documentTitle == nil { documentTitle = Self.nonEmpty(child.textContent) }
            } else if child.named("link") {
                if canonicalURL == nil, child.attribute("rel")?.lowercased() == "canonical" {
                    canonicalURL = child.attribute("href").flatMap(Self.nonEmpty)
                }
            } else if child.named("script") {
                if child.attribute("type")?.lowercased().contains("ld+json") == true {
                    ldArticles += Self.articles(inJSONLD: child.textContent)
                }
            } else if child.named("time") {
                if meta["datepublished"] == nil, child.attribute("itemprop") == "datePublished" || child.attribute("pubdate") != nil,
                    let stamp = child.attribute("datetime")
                {
                    meta["datepublished"] = stamp
                }
                collect(child, meta: &meta, ldArticles: &ldArticles)
            } else {
                collect(child, meta: &meta, ldArticles: &ldArticles)
            }
        }
    }

    /// True for the first letters of the elements `collect` reads: meta, title, time, link, script.
    private static func mayBeRead(_ first: UInt8) -> Bool {
        first == UInt8(ascii: "m") || first == UInt8(ascii: "t") || first == UInt8(ascii: "l") || first == UInt8(ascii: "s")
    }

    /// The JSON-LD types that describe an article.
    private static let articleTypes: Set<String> = [
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting",
        "LiveBlogPosting", "TechArticle", "ScholarlyArticle", "Report", "BackgroundNewsArticle", "ReviewNewsArticle",
    ]

    /// The article objects of a JSON-LD block, found in arrays and `@graph`s.
    static func articles(inJSONLD text: String) -> [[String: Any]] {
        guard let data = text.data(using: .utf8),
            let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return [] }
        var found: [[String: Any]] = []
        func visit(_ value: Any, depth: Int) {
            guard depth < 6 else { return }
            if let array = value as? [Any] {
                for item in array { visit(item, depth: depth + 1) }
            } else if let object = value as? [String: Any] {
                let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
                if types.contains(where: articleTypes.contains) { found.append(object) }
                if let graph = object["@graph"] { visit(graph, depth: depth + 1) }
                if let main = object["mainEntity"] { visit(main, depth: depth + 1) }
            }
        }
        visit(value, depth: 0)
        return found
    }

    /// The names of a JSON-LD person or organisation, or a list of them ("Ana Ruiz and Tom Berg").
    static func names(in value: Any?) -> String? {
        let found: [String]
        if let text = value as? String {
            found = [text]
        } else if let object = value as? [String: Any] {
            found = [object["name"] as? String].compactMap { $0 }
        } else if let array = value as? [Any] {
            found = array.compactMap { names(in: $0) }
        } else {
            found = []
        }
        let kept = found.compactMap(nonEmpty).filter { !$0.hasPrefix("http") }
        guard !kept.isEmpty else { return nil }
        return kept.count == 1 ? kept[0] : kept.dropLast().joined(separator: ", ") + " and " + kept.last!
    }

    /// "2019-11-19T08:21:00-05:00" as the parser's dates are written: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`,
    /// the time as the page gives it.
    static func isoDate(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // A whole ISO 8601 stamp keeps its seconds and zone; anything else is read for its day and time.
        if let stamp = ISOTimestamp.normalized(trimmed), let year = Int(stamp.prefix(4)), (1900...2200).contains(year) {
            return stamp
        }
        let scalars = Array(trimmed.unicodeScalars.prefix(16))
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= scalars.count && range.allSatisfy { ("0"..."9").contains(scalars[$0]) }
        }
        guard digits(0..<4), scalars.count >= 10, scalars[4] == "-", digits(5..<7), scalars[7] == "-", digits(8..<10) else { return nil }
        let day = String(String.UnicodeScalarView(scalars[0..<10]))
        guard let year = Int(day.prefix(4)), (1900...2200).contains(year) else { return nil }
        if scalars.count >= 16, scalars[10] == "T" || scalars[10] == " ", digits(11..<13), scalars[13] == ":", digits(14..<16) {
            return day + "T" + String(String.UnicodeScalarView(scalars[11..<16]))
        }
        return day
    }

    /// The text with runs of white space as one space and none at the ends; nil when nothing is left.
    /// On the UTF-8 bytes: every meta tag's content is asked.
    private static func nonEmpty(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
