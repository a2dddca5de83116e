import ArgumentParser
import NewsStore

extension NewsDB {
    /// `newsdb show`: one article in full.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print one article in full with its metadata, entities and quotes.",
            discussion: "Example: newsdb show 13 --format json"
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The article id, as search prints it.")
        var id: Int64

        @Option(help: "table, json or jsonl (the same one-line object).")
        var format: DocumentFormat = .table

        func run() throws {
            let connection = try database.openReadOnly()
            guard let stored = try ArticleReader.article(id: id, in: connection) else {
                throw CommandFailure(message: "no article with id \(id) in \(database.path)")
            }
            let style = TextStyle.forStandardOutput
            print(format == .table ? ArticleRenderer.text(stored, style: style) : stored.json)
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
}
