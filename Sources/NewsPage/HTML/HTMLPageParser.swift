/// Turns one saved HTML page into a `ParsedPage`.
///
/// What the page says about itself comes first (JSON-LD, Open Graph and `article:*` meta, the
/// canonical link, the language: `PageMetadata`); the article's container is found from the DOM's
/// evidence (`ArticleContainer`), rendered to lines without its furniture (`BlockRenderer`), and read
/// by the text parser, whose furniture rules, bylines, dates and datelines apply unchanged. The page's
/// own statements then fill the fields the text does not settle.
public enum HTMLPageParser {
    /// `url` is where the page was fetched from, when known (a WARC record's target); `charset` the
    /// one its HTTP response declared.
    public static func parse(_ bytes: [UInt8], origin: String, url: String? = nil, charset: String? = nil, explain: Bool = false) -> ParsedPage {
        let prepared = HTMLCharset.prepare(ScriptStripper.strip(bytes), declared: charset)
        // The slimmer reads ASCII-compatible bytes: every charset but UTF-16 has been made UTF-8.
        let slimmed = prepared.encoding == "utf-8" ? AttributeSlimmer.slim(prepared.bytes) : prepared.bytes
        guard let document = HTMLDocument(bytes: slimmed, encoding: prepared.encoding), let root = document.root else {
            var page = ParsedPage(origin: origin)
            page.url = url
            return page
        }
        let metadata = PageMetadata(root: root)
        let body = root.children.first { $0.isElement && $0.named("body") } ?? root
        let container = ArticleContainer(body: body, description: metadata.description)
        var renderer = BlockRenderer(characters: container.characters(of:), blockClass: container.blockClass(of:))
        renderer.render(container.nodes.isEmpty ? [body] : container.nodes)

        // The headline shown above the article (when it is no <h1>) is the title, not its first paragraph.
        var lines = renderer.lines
        let titles = Set([metadata.title, metadata.headline, metadata.documentTitle.flatMap(TitleChoice.documentTitle)].compactMap { $0 }
            .map(TextNormalizer.folded))
        if let headline = lines.prefix(Self.headlineReach).firstIndex(where: { titles.contains(TextNormalizer.folded($0)) }) {
            lines.remove(at: headline)
        }
        var page = PageParser.parse(lines.joined(separator: "\n\n"), origin: origin, explain: explain, isArticleOnly: !container.nodes.isEmpty)
        page.title = metadata.title ?? page.title
        page.published = metadata.published ?? page.published
        page.byline = metadata.author ?? page.byline
        page.source = metadata.publisher ?? metadata.siteName ?? page.source
        page.url = metadata.canonicalURL ?? url
        page.language = metadata.language
        return page
    }

    /// "2019-11-19T08:21:00Z" as the parser writes dates (`YYYY-MM-DDTHH:MM`); nil when it is no ISO date.
    public static func isoDate(_ text: String) -> String? {
        PageMetadata.isoDate(text)
    }

    /// The charset a Content-Type value names ("text/html; charset=ISO-8859-1").
    public static func charset(inContentType value: String) -> String? {
        HTMLCharset.fromContentType(value)
    }

    /// Rendered lines among which the headline is looked for.
    static let headlineReach = 5

    /// True when `bytes` open like an HTML document (after spaces, a byte-order mark and comments).
    public static func looksLikeHTML(_ bytes: some Collection<UInt8>) -> Bool {
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        let start = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || start.hasPrefix("<head")
            || start.hasPrefix("<!--") && head.contains("<html")
    }
}
