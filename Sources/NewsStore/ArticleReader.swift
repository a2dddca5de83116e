/// Reads stored articles back, with everything hanging off them, for `newsdb show`.
public struct StoredArticle: Sendable {
    public var id: Int64
    public var article: Article
    public var ingestRun: Int64?
    /// The row ids of `article.entities` and `article.quotes`, in the same order.
    public var entityIDs: [Int64] = []
    public var quoteIDs: [Int64] = []
}

public enum ArticleReader {
    public static func article(id: Int64, in connection: Connection) throws -> StoredArticle? {
        guard let row = try connection.query("""
            SELECT a.id, s.name, g.name, a.url, a.title, a.byline, a.dateline, a.image_credit, a.published, a.captured,
                   a.lead, a.body, a.origin, a.ingest_run
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN aggregators g ON g.id = a.aggregator_id
            WHERE a.id = ?
            """, [.integer(id)]).first
        else { return nil }
        let lead = row.string(10) ?? ""
        let body = row.string(11) ?? ""
        var paragraphs = lead.isEmpty ? [] : [lead]
        if !body.isEmpty { paragraphs += body.components(separatedBy: "\n\n") }
        var article = Article(
            source: row.string(1), aggregator: row.string(2), url: row.string(3), title: row.string(4),
            byline: row.string(5), dateline: row.string(6), imageCredit: row.string(7), published: row.string(8),
            captured: row.string(9), paragraphs: paragraphs, origin: row.string(12) ?? "")
        article.credits = try connection.query("SELECT agency FROM article_credits WHERE article_id = ? ORDER BY agency", [.integer(id)])
            .compactMap { $0.string(0) }
        let entityRows = try connection.query("""
            SELECT e.name, e.type, ae.mentions, ae.first_offset,
                   (SELECT group_concat(alias, '\u{1F}') FROM entity_aliases WHERE entity_id = e.id), e.id
            FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
            WHERE ae.article_id = ? ORDER BY ae.first_offset
            """, [.integer(id)])
        article.entities = entityRows.map { row in
            Entity(name: row.string(0) ?? "", type: Entity.Kind(rawValue: row.string(1) ?? "") ?? .person,
                   aliases: row.string(4).map { $0.components(separatedBy: "\u{1F}") } ?? [],
                   mentions: row.int(2) ?? 1, firstOffset: row.int(3) ?? 0)
        }
        let quoteRows = try connection.query(
            "SELECT text, speaker_name, partial, position, id FROM quotes WHERE article_id = ? ORDER BY position", [.integer(id)])
        article.quotes = quoteRows.map { Quote(text: $0.string(0) ?? "", speaker: $0.string(1), partial: $0.int(2) == 1, position: $0.int(3) ?? 0) }
        return StoredArticle(
            id: id, article: article, ingestRun: row.int64(13),
            entityIDs: entityRows.map { $0.int64(5) ?? 0 }, quoteIDs: quoteRows.map { $0.int64(4) ?? 0 })
    }
}
