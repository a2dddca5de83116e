import ArgumentParser
import NewsStore

extension NewsDB {
    /// `newsdb show`: one article in full.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one article in full with its metadata, entities and quotes.",
            discussion: "Example: newsdb show 13 --format json"
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The article id, as search prints it.")
        var id: Int64

        @Option(help: "table or json.")
        var format: OutputFormat = .table

        func run() throws {
            let connection = try NewsDatabase.openReadOnly(path: database.path)
            guard let stored = try ArticleReader.article(id: id, in: connection) else {
                throw ValidationError("no article with id \(id)")
            }
            let style = TextStyle.forStandardOutput
            print(format == .json ? ArticleRenderer.json(stored) : ArticleRenderer.text(stored, style: style))
        }
    }
}

/// An article for people (fields, body, entities, quotes) or as JSON.
enum ArticleRenderer {
    static func text(_ stored: StoredArticle, style: TextStyle) -> String {
        let article = stored.article
        var text = style.strong(article.title ?? "(no title)") + "\n"
        let fields: [(String, String?)] = [
            ("id", String(stored.id)), ("source", article.source), ("aggregator", article.aggregator),
            ("published", article.published), ("captured", article.captured), ("byline", article.byline),
            ("dateline", article.dateline), ("credits", article.credits.isEmpty ? nil : article.credits.joined(separator: ", ")),
            ("url", article.url), ("image credit", article.imageCredit), ("origin", article.origin),
        ]
        for (name, value) in fields {
            guard let value else { continue }
            text += name.padding(toLength: 13, withPad: " ", startingAt: 0) + value + "\n"
        }
        for paragraph in article.paragraphs { text += "\n" + style.wrap(paragraph, indent: 2) + "\n" }
        if !article.entities.isEmpty {
            text += "\n" + style.strong("Entities") + "\n"
            for entity in article.entities {
                let aliases = entity.aliases.isEmpty ? "" : " (also \(entity.aliases.joined(separator: ", ")))"
                text += "  \(entity.type.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(entity.name)\(aliases) ×\(entity.mentions)\n"
            }
        }
        if !article.quotes.isEmpty {
            text += "\n" + style.strong("Quotes") + "\n"
            for quote in article.quotes {
                text += "  “\(quote.text)” — \(quote.speaker ?? "unattributed")\(quote.partial ? " (partial)" : "")\n"
            }
        }
        return text
    }

    static func json(_ stored: StoredArticle) -> String {
        let article = stored.article
        let optional = JSONText.optional
        let entities = article.entities.map {
            "{\"name\": \(JSONText.string($0.name)), \"type\": \"\($0.type.rawValue)\", \"aliases\": [\($0.aliases.map(JSONText.string).joined(separator: ", "))], \"mentions\": \($0.mentions)}"
        }
        let quotes = article.quotes.map {
            "{\"text\": \(JSONText.string($0.text)), \"speaker\": \(optional($0.speaker)), \"partial\": \($0.partial)}"
        }
        return """
            {"id": \(stored.id), "source": \(optional(article.source)), "aggregator": \(optional(article.aggregator)), \
            "published": \(optional(article.published)), "captured": \(optional(article.captured)), "title": \(optional(article.title)), \
            "byline": \(optional(article.byline)), "dateline": \(optional(article.dateline)), "url": \(optional(article.url)), \
            "credits": [\(article.credits.map(JSONText.string).joined(separator: ", "))], \
            "paragraphs": [\(article.paragraphs.map(JSONText.string).joined(separator: ", "))], \
            "entities": [\(entities.joined(separator: ", "))], "quotes": [\(quotes.joined(separator: ", "))], \
            "origin": \(JSONText.string(article.origin))}
            """
    }
}
