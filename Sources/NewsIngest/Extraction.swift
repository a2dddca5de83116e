import NewsStore

/// Entities and quotes from an article's paragraphs, the way ingest finds them: the text is cut
/// into tokens once and the entity mentions found once, then shared by both extractors.
public enum Extraction {
    public static func extract(from paragraphs: [String]) -> (entities: [Entity], quotes: [Quote]) {
        let text = ArticleText(paragraphs: paragraphs)
        let mentions = EntityRecognizer.mentions(in: text)
        return (EntityRecognizer.aggregate(mentions), QuoteExtractor.quotes(in: text, mentions: mentions))
    }
}
