extension StoredArticle {
    /// One JSON object with the article's fields, entities and quotes, in a fixed order: a line of
    /// `newsdb export --format jsonl` and the output of `newsdb show --format json`.
    public var json: String {
        let optional = JSONText.optional
        // Each entity and quote carries its row id (entity_id in SQL exports), so JSONL rows join back.
        let entities = article.entities.enumerated().map { index, entity in
            "{\"id\": \(index < entityIDs.count ? String(entityIDs[index]) : "null"), \"name\": \(JSONText.string(entity.name)), "
                + "\"type\": \"\(entity.type.rawValue)\", \"aliases\": [\(entity.aliases.map(JSONText.string).joined(separator: ", "))], "
                + "\"mentions\": \(entity.mentions)}"
        }
        let quotes = article.quotes.enumerated().map { index, quote in
            "{\"id\": \(index < quoteIDs.count ? String(quoteIDs[index]) : "null"), \"text\": \(JSONText.string(quote.text)), "
                + "\"speaker\": \(optional(quote.speaker)), \"partial\": \(quote.partial)}"
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
