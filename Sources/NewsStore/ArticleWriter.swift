/// Stores `Article` values with everything hanging off them: source, credits, entities, quotes.
///
/// Duplicates (same content hash, or same URL) are skipped, not errors. The writer caches the ids
/// of sources, aggregators and entities it has seen, so a bulk load asks SQLite for each name once.
public final class ArticleWriter {
    public enum Outcome: Equatable, Sendable {
        case inserted(id: Int64)
        case duplicate
        /// The article broke a rule of the schema; nothing of it was stored.
        case rejected(reason: String)
    }

    private let connection: Connection
    private var sourceIDs: [String: Int64] = [:]
    private var aggregatorIDs: [String: Int64] = [:]
    private var entityIDs: [EntityKey: Int64] = [:]

    private struct EntityKey: Hashable {
        let name: String
        let type: Entity.Kind
    }

    public init(connection: Connection) {
        self.connection = connection
    }

    static let insertArticle = """
        INSERT INTO articles (source_id, aggregator_id, url, title, byline, dateline, image_credit,
                              published, captured, lead, body, word_count, content_hash, origin, ingest_run)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING
        RETURNING id
        """
    static let fillGaps = """
        UPDATE articles SET title = coalesce(title, ?1), byline = coalesce(byline, ?2),
            published = coalesce(published, ?3), dateline = coalesce(dateline, ?4)
        WHERE content_hash = ?5 AND (title IS NULL OR byline IS NULL OR published IS NULL OR dateline IS NULL)
        """
    static let insertFacets = "INSERT OR REPLACE INTO article_facets (article_id, packed) VALUES (?, ?)"
    static let insertCredit = "INSERT INTO article_credits (article_id, agency) VALUES (?, ?) ON CONFLICT DO NOTHING"
    static let upsertEntity = """
        INSERT INTO entities (name, type) VALUES (?, ?)
        ON CONFLICT (name, type) DO UPDATE SET name = excluded.name
        RETURNING id
        """
    static let insertAlias = "INSERT INTO entity_aliases (entity_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING"
    static let insertMention = """
        INSERT INTO article_entities (article_id, entity_id, mentions, first_offset) VALUES (?, ?, ?, ?)
        ON CONFLICT DO UPDATE SET mentions = mentions + excluded.mentions
        """
    static let insertQuote = """
        INSERT INTO quotes (article_id, text, speaker_entity_id, speaker_name, partial, position)
        VALUES (?, ?, ?, ?, ?, ?)
        """

    /// Stores one article in its own transaction.
    public func write(_ article: Article, run: Int64? = nil) throws -> Outcome {
        try connection.transaction { try writeInCurrentTransaction([article], run: run)[0] }
    }

    /// Stores many articles in one transaction: far faster than one commit each. An article
    /// that breaks a constraint is rolled back alone and reported as `.rejected`.
    public func write(_ articles: [Article], run: Int64? = nil) throws -> [Outcome] {
        try connection.transaction { try writeInCurrentTransaction(articles, run: run) }
    }

    /// The batch form without its own transaction, for callers that commit more in the same one.
    public func writeInCurrentTransaction(_ articles: [Article], run: Int64?) throws -> [Outcome] {
        // The facet triggers stand aside inside this transaction: the writer packs each article's
        // facets itself, once (see Migrations/0005_packed_facets.sql).
        try connection.execute("UPDATE newsdb_state SET bulk = 1", [])
        let outcomes = try articles.map { try writeInSavepoint($0, run: run) }
        try connection.execute("UPDATE newsdb_state SET bulk = 0", [])
        return outcomes
    }

    private func writeInSavepoint(_ article: Article, run: Int64?) throws -> Outcome {
        do {
            return try connection.savepoint("article") { try insert(article, run: run) }
        } catch let error as SQLiteError where error.code == .constraint || error.code == .mismatch || error.code == .range {
            // The savepoint rolled back; forget ids that may have been created inside it.
            sourceIDs.removeAll()
            aggregatorIDs.removeAll()
            entityIDs.removeAll()
            return .rejected(reason: error.message)
        }
    }

    private func insert(_ article: Article, run: Int64?) throws -> Outcome {
        let sourceID = try article.source.map { try id(ofName: $0, table: "sources", cache: &sourceIDs) }
        let aggregatorID = try article.aggregator.map { try id(ofName: $0, table: "aggregators", cache: &aggregatorIDs) }
        let statement = try connection.cachedStatement(Self.insertArticle)
        let rows = try statement.rows([
            SQLValue(sourceID), SQLValue(aggregatorID), SQLValue(article.url), SQLValue(article.title),
            SQLValue(article.byline), SQLValue(article.dateline), SQLValue(article.imageCredit),
            SQLValue(article.published), SQLValue(article.captured),
            .text(article.lead), .text(article.body), SQLValue(article.wordCount),
            .text(ContentHash.of(article)), .text(article.origin), SQLValue(run),
        ])
        guard let articleID = rows.first?.int64(0) else {
            // A copy from another aggregator may show what the first one did not (a title, a byline).
            try connection.execute(Self.fillGaps, [
                SQLValue(article.title), SQLValue(article.byline), SQLValue(article.published), SQLValue(article.dateline),
                .text(ContentHash.of(article)),
            ])
            return .duplicate
        }

        for agency in article.credits {
            try connection.execute(Self.insertCredit, [.integer(articleID), .text(agency)])
        }
        var entityIDsByName: [String: Int64] = [:]
        var facetIDs: [Entity.Kind: [Int64]] = [:]
        for entity in article.entities {
            let entityID = try id(of: entity)
            entityIDsByName[entity.name] = entityID
            if !(facetIDs[entity.type] ?? []).contains(entityID) { facetIDs[entity.type, default: []].append(entityID) }
            for alias in entity.aliases where alias != entity.name {
                try connection.execute(Self.insertAlias, [.integer(entityID), .text(alias)])
            }
            try connection.execute(Self.insertMention, [
                .integer(articleID), .integer(entityID), SQLValue(entity.mentions), SQLValue(entity.firstOffset),
            ])
        }
        for quote in article.quotes {
            let speakerID = quote.speaker.flatMap { entityIDsByName[$0] }
            try connection.execute(Self.insertQuote, [
                .integer(articleID), .text(quote.text), SQLValue(speakerID), SQLValue(quote.speaker),
                SQLValue(quote.partial), SQLValue(quote.position),
            ])
        }
        let packed = PackedFacets(
            source: sourceID, aggregator: aggregatorID, day: article.published.map { String($0.prefix(10)) },
            agencies: Array(Set(article.credits)).sorted(), people: (facetIDs[.person] ?? []).sorted(),
            places: (facetIDs[.place] ?? []).sorted(), organizations: (facetIDs[.organization] ?? []).sorted())
        try connection.execute(Self.insertFacets, [.integer(articleID), .text(packed.text)])
        return .inserted(id: articleID)
    }

    private func id(of entity: Entity) throws -> Int64 {
        let key = EntityKey(name: entity.name, type: entity.type)
        if let cached = entityIDs[key] { return cached }
        let rows = try connection.cachedStatement(Self.upsertEntity).rows([.text(entity.name), .text(entity.type.rawValue)])
        guard let entityID = rows.first?.int64(0) else {
            throw SQLiteError(extendedCode: 1, message: "entity upsert returned no id", sql: Self.upsertEntity)
        }
        entityIDs[key] = entityID
        return entityID
    }

    /// `table` is one of our two fixed name tables, never user input.
    private func id(ofName name: String, table: String, cache: inout [String: Int64]) throws -> Int64 {
        if let cached = cache[name] { return cached }
        let sql = "INSERT INTO \(table) (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id"
        guard let id = try connection.cachedStatement(sql).rows([.text(name)]).first?.int64(0) else {
            throw SQLiteError(extendedCode: 1, message: "\(table) upsert returned no id", sql: sql)
        }
        cache[name] = id
        return id
    }
}
