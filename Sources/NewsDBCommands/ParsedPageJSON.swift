import NewsPage
import NewsStore

/// The `parse --json` contract: one JSON object per page, keys in a fixed order, nulls written out.
enum ParsedPageJSON {
    /// `page` is what the parser made of the page; `article` the same mapped for storage, with entities and quotes.
    static func render(_ page: ParsedPage, as article: Article) -> String {
        let members: [(String, String)] = [
            ("source", optional(article.source)),
            ("aggregator", optional(article.aggregator)),
            ("published", optional(article.published.map { String($0.prefix(10)) })),
            ("captured", optional(article.captured.map { String($0.prefix(10)) })),
            ("published_at", optional(article.published)),
            ("captured_at", optional(article.captured)),
            ("title", optional(article.title)),
            ("byline", optional(article.byline)),
            ("dateline", optional(article.dateline)),
            ("image_credit", optional(article.imageCredit)),
            ("credits", array(article.credits.map(JSONText.string))),
            ("paragraphs", array(article.paragraphs.map(JSONText.string))),
            ("boilerplate", array(page.boilerplate.map(JSONText.string))),
            ("removed", array(page.removed.map { removed in
                object([("line", String(removed.line)), ("rule", JSONText.string(removed.rule.rawValue)), ("text", JSONText.string(removed.text))])
            })),
            ("uncertain_lines", array(page.uncertainLines.map { String($0) })),
            ("entities", array(article.entities.map { entity in
                object([
                    ("name", JSONText.string(entity.name)), ("type", JSONText.string(entity.type.rawValue)),
                    ("aliases", array(entity.aliases.map(JSONText.string))), ("mentions", String(entity.mentions)),
                ])
            })),
            ("quotes", array(article.quotes.map { quote in
                object([
                    ("text", JSONText.string(quote.text)), ("speaker", optional(quote.speaker)),
                    ("partial", quote.partial ? "true" : "false"),
                ])
            })),
            ("url", optional(article.url)),
            ("language", optional(page.language)),
            ("origin", JSONText.string(article.origin)),
        ]
        return object(members)
    }

    private static let optional = JSONText.optional
    private static func array(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
    private static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { JSONText.string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }
}

/// The readable view of a parsed page: fields, body, then removed lines with their rules.
enum ParsedPageText {
    static func render(_ page: ParsedPage, as article: Article) -> String {
        let fields: [(String, String?)] = [
            ("origin", article.origin), ("aggregator", article.aggregator), ("source", article.source),
            ("published", article.published), ("captured", article.captured), ("title", article.title),
            ("byline", article.byline), ("dateline", article.dateline), ("image credit", article.imageCredit),
            ("credits", article.credits.isEmpty ? nil : article.credits.joined(separator: ", ")),
        ]
        var text = fields.map { name, value in
            name.padding(toLength: 13, withPad: " ", startingAt: 0) + (value ?? "—")
        }.joined(separator: "\n")
        text += "\n\nBody (\(article.paragraphs.count) paragraphs, \(article.wordCount) words)\n"
        for paragraph in article.paragraphs { text += "\n  " + paragraph + "\n" }
        if !page.removed.isEmpty {
            text += "\nRemoved lines\n"
            let width = page.removed.map(\.rule.rawValue.count).max() ?? 0
            for removed in page.removed {
                let number = String(removed.line)
                text += String(repeating: " ", count: max(0, 5 - number.count)) + number + "  "
                text += removed.rule.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + removed.text + "\n"
            }
        }
        if !page.uncertainLines.isEmpty {
            text += "\nKept in the body though no rule vouches for them: lines "
            text += page.uncertainLines.map(String.init).joined(separator: ", ") + "\n"
        }
        return text
    }
}
