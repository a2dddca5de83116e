extension StoredArticle {
    /// One JSON object with the article's fields, entities and quotes, in a fixed order: a line of
    /// `newsdb export --format jsonl` and the output of `newsdb show --format json`.
    public var json: String {
        let optional = JSONText.optional
        let entities = article.entities.map {
            "{\"name\": \(JSONText.string($0.name)), \"type\": \"\($0.type.rawValue)\", \"aliases\": [\($0.aliases.map(JSONText.string).joined(separator: ", "))], \"mentions\": \($0.mentions)}"
        }
        let quotes = article.quotes.map {
            "{\"text\": \(JSONText.string($0.text)), \"speaker\": \(optional($0.speaker)), \"partial\": \($0.partial)}"
        }
        return """
            {"id": \(id), "source": \(optional(article.source)), "aggregator": \(optional(article.aggregator)), \
            "published": \(optional(article.published)), "captured": \(optional(article.captured)), "title": \(optional(article.title)), \
            "byline": \(optional(article.byline)), "dateline": \(optional(article.dateline)), "url": \(optional(article.url)), \
            "credits": [\(article.credits.map(JSONText.string).joined(separator: ", "))], \
            "paragraphs": [\(article.paragraphs.map(JSONText.string).joined(separator: ", "))], \
            "entities": [\(entities.joined(separator: ", "))], "quotes": [\(quotes.joined(separator: ", "))], \
            "origin": \(JSONText.string(article.origin))}
            """
    }
}
