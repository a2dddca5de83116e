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
    /// Aliases already stored: the same short name comes back in article after article. Bounded:
    /// past the limit it starts afresh, which costs only repeated (harmless) inserts.
    private var storedAliases: Set<AliasKey> = []
    private static let aliasCacheLimit = 200_000
    /// Seals each block of articles the batches fill, for pruned ranking (nil without FTS5).
    private lazy var searchBounds = SearchBounds(connection: connection)
    /// For tests: blocks this writer sealed from stored text instead of its own counts.
    var blocksSealedFromStoredText: Int { searchBounds?.sealedFromStoredText ?? 0 }

    private struct EntityKey: Hashable {
        let name: String
        let type: Entity.Kind
    }

    private struct AliasKey: Hashable {
        let entityID: Int64
        let alias: String
    }

    public init(connection: Connection) {
        self.connection = connection
    }

    static let insertArticle = """
        INSERT INTO articles (source_id, aggregator_id, url, title, byline, dateline, image_credit,
                              published, captured, lead, body, word_count, content_hash, origin, ingest_run)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING
        """
    static let fillGaps = """
        UPDATE articles SET title = coalesce(title, ?1), byline = coalesce(byline, ?2),
            published = coalesce(published, ?3), dateline = coalesce(dateline, ?4)
        WHERE id = ?5
        """
    static let insertFacets = "INSERT INTO article_facets (article_id, packed) VALUES (?, ?)"
    static let insertCredit = "INSERT INTO article_credits (article_id, agency) VALUES (?, ?) ON CONFLICT DO NOTHING"
    static let upsertEntity = """
        INSERT INTO entities (name, type) VALUES (?, ?)
        ON CONFLICT (name, type) DO UPDATE SET name = excluded.name
        RETURNING id
        """
    static let insertAlias = "INSERT INTO entity_aliases (entity_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING"
    // One row per statement, and no RETURNING: a statement that may write several rows (a
    // multi-row VALUES, a RETURNING clause or a trigger make it one) and may fail part way opens a
    // statement journal inside the batch's transaction, a copy of every page it changes so that it
    // can undo itself. At 16 KiB a page that copying was a third of the writer's work.
    static let insertMention = """
        INSERT INTO article_entities (article_id, entity_id, mentions, first_offset) VALUES (?, ?, ?, ?)
        ON CONFLICT DO UPDATE SET mentions = mentions + excluded.mentions
        """
    static let insertQuote = """
        INSERT INTO quotes (article_id, text, speaker_entity_id, speaker_name, partial, position) VALUES (?, ?, ?, ?, ?, ?)
        """

    /// Stores one article in its own transaction.
    public func write(_ article: Article, run: Int64? = nil) throws -> Outcome {
        try write([article], run: run)[0]
    }

    /// Stores many articles in one transaction: far faster than one commit each. An article
    /// that breaks a constraint is rolled back alone and reported as `.rejected`.
    public func write(_ articles: [Article], run: Int64? = nil) throws -> [Outcome] {
        let prepared = articles.map(PreparedArticle.init)
        do {
            return try connection.transaction { try writeInCurrentTransaction(prepared: prepared, run: run) }
        } catch is BatchNeedsIsolation {
            return try connection.transaction { try writeInCurrentTransaction(prepared: prepared, run: run, isolated: true) }
        }
    }

    /// Thrown by the fast form of a batch when one of its articles broke a rule of the schema: the
    /// caller rolls the transaction back and writes the batch again with `isolated: true`.
    public struct BatchNeedsIsolation: Error {
        public let cause: SQLiteError
    }

    /// The batch form without its own transaction, for callers that commit more in the same one.
    ///
    /// By default the articles go in one after the other with no savepoints (a savepoint per
    /// article costs two statements, and one around the whole batch makes SQLite copy every page
    /// it touches), and an article that breaks a rule throws `BatchNeedsIsolation`. With
    /// `isolated`, each article has its own savepoint, so only the culprit is rolled back and
    /// reported as `.rejected`.
    public func writeInCurrentTransaction(prepared articles: [PreparedArticle], run: Int64?, isolated: Bool = false) throws -> [Outcome] {
        // The facet and full-text triggers stand aside inside this transaction: the writer packs
        // each article's facets itself, and indexes the batch's new rows once at the end
        // (see Migrations/0005_packed_facets.sql and 0006_deferred_fts.sql).
        try connection.execute("UPDATE newsdb_state SET bulk = 1", [])
        let setAside = try setTriggersAside()
        indexedArticles = try maxID(of: "articles")
        let indexedQuotes = try maxID(of: "quotes")
        try searchBounds?.unsealBlocks(from: indexedArticles + 1)
        try clearFacetRows(after: indexedArticles)
        let outcomes: [Outcome]
        if isolated {
            outcomes = try articles.map { try writeInSavepoint($0, run: run) }
        } else {
            do {
                outcomes = try articles.map { try insert($0, run: run) }
            } catch let error as SQLiteError where Self.rejectsOneArticle(error) {
                forgetCachedIDs()
                throw BatchNeedsIsolation(cause: error)
            }
        }
        try connection.execute(Self.indexNewArticles, [.integer(indexedArticles)])
        try connection.execute(Self.indexNewQuotes, [.integer(indexedQuotes)])
        try searchBounds?.sealCompleteBlocks()
        try FacetBlocks.packFullBlocks(connection: connection)
        for trigger in setAside { try connection.execute(trigger) }
        try connection.execute("UPDATE newsdb_state SET bulk = 0", [])
        return outcomes
    }

    /// The triggers a batch sets aside: those whose WHEN stands them aside while
    /// `newsdb_state.bulk` is 1, and `article_facet_blocks_row_added`, whose work (dropping the
    /// packed block a new facet row falls in) `clearFacetRows` does once for the whole batch. A
    /// trigger on a table makes each insert into it open a statement journal (see `insertMention`).
    static let triggersSetAside = [
        "articles_ai", "articles_au", "quotes_ai", "article_facets_article_ai", "article_facets_entities_ai",
        "article_facets_credits_ai", "search_blocks_id_reused", "article_facet_blocks_row_added",
    ]

    /// Before a batch: no facet row or packed facet block may lie past the last article, where the
    /// batch's new ids go. A row there is an orphan (its article deleted with foreign keys off) that
    /// the batch's plain INSERT would collide with; a packed block there would miss the new rows.
    private func clearFacetRows(after lastID: Int64) throws {
        try connection.execute("DELETE FROM article_facets WHERE article_id > ?", [.integer(lastID)])
        try connection.execute("DELETE FROM article_facet_blocks WHERE block >= ?", [.integer(SearchBounds.block(of: lastID + 1))])
    }

    /// Drops the triggers set aside and returns the SQL that re-creates them, as stored in the
    /// schema. Standing aside by their WHEN, they would still run once per row to test it (a
    /// sub-program each, ~1.5 million at 100k articles). Dropped and re-created in the batch's own
    /// transaction, they are never missing for a reader, and a crash rolls the drop back.
    private func setTriggersAside() throws -> [String] {
        // Outside a transaction each DROP would commit on its own, and a failure would leave them dropped.
        precondition(connection.isInTransaction, "writeInCurrentTransaction needs an open transaction")
        let names = Self.triggersSetAside.map { "'\($0)'" }.joined(separator: ", ")
        let stored = try connection.query("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (\(names))")
        var recreate: [String] = []
        for row in stored {
            guard let name = row.string(0), let sql = row.string(1) else { continue }
            try connection.execute("DROP TRIGGER \(name)")
            recreate.append(sql)
        }
        return recreate
    }

    private static func rejectsOneArticle(_ error: SQLiteError) -> Bool {
        error.code == .constraint || error.code == .mismatch || error.code == .range
    }

    /// Ids created inside a rolled-back savepoint no longer exist.
    private func forgetCachedIDs() {
        sourceIDs.removeAll()
        aggregatorIDs.removeAll()
        entityIDs.removeAll()
        storedAliases.removeAll()
    }

    static let indexNewArticles = "INSERT INTO articles_fts (rowid, title, lead, body) SELECT id, title, lead, body FROM articles WHERE id > ?"
    static let indexNewQuotes = "INSERT INTO quotes_fts (rowid, text, speaker_name) SELECT id, text, speaker_name FROM quotes WHERE id > ?"

    /// Rows up to this id were in the full-text index before the current batch began.
    private var indexedArticles: Int64 = 0

    /// `table` is one of our fixed tables, never user input.
    private func maxID(of table: String) throws -> Int64 {
        try connection.query("SELECT coalesce(max(id), 0) FROM \(table)").first?.int64(0) ?? 0
    }

    private func writeInSavepoint(_ article: PreparedArticle, run: Int64?) throws -> Outcome {
        do {
            return try connection.savepoint("article") { try insert(article, run: run) }
        } catch let error as SQLiteError where Self.rejectsOneArticle(error) {
            forgetCachedIDs()
            return .rejected(reason: error.message)
        }
    }

    private func insert(_ prepared: PreparedArticle, run: Int64?) throws -> Outcome {
        let article = prepared.article
        let sourceID = try article.source.map { try id(ofName: $0, table: "sources", cache: &sourceIDs) }
        let aggregatorID = try article.aggregator.map { try id(ofName: $0, table: "aggregators", cache: &aggregatorIDs) }
        let hash = prepared.contentHash
        let statement = try connection.cachedStatement(Self.insertArticle)
        try statement.bind([
            SQLValue(sourceID), SQLValue(aggregatorID), SQLValue(article.url), SQLValue(article.title),
            SQLValue(article.byline), SQLValue(article.dateline), SQLValue(article.imageCredit),
            SQLValue(article.published), SQLValue(article.captured),
            .text(article.lead), .text(prepared.body), SQLValue(prepared.wordCount),
            .text(hash), .text(article.origin), SQLValue(run),
        ])
        try statement.run()
        // No row added: a duplicate, which ON CONFLICT DO NOTHING skipped.
        guard connection.changes == 1 else {
            try fillGaps(from: article, hash: hash)
            return .duplicate
        }
        let articleID = connection.lastInsertRowID

        for agency in article.credits {
            try connection.execute(Self.insertCredit, [.integer(articleID), .text(agency)])
        }
        var entityIDsByName: [String: Int64] = [:]
        var facetIDs: [Entity.Kind: [Int64]] = [:]
        let insertMention = try connection.cachedStatement(Self.insertMention)
        for entity in article.entities {
            let entityID = try id(of: entity)
            entityIDsByName[entity.name] = entityID
            if !(facetIDs[entity.type] ?? []).contains(entityID) { facetIDs[entity.type, default: []].append(entityID) }
            for alias in entity.aliases where alias != entity.name {
                let key = AliasKey(entityID: entityID, alias: alias)
                guard !storedAliases.contains(key) else { continue }
                try connection.execute(Self.insertAlias, [.integer(entityID), .text(alias)])
                if storedAliases.count >= Self.aliasCacheLimit { storedAliases.removeAll() }
                storedAliases.insert(key)
            }
            try insertMention.bind([.integer(articleID), .integer(entityID), SQLValue(entity.mentions), SQLValue(entity.firstOffset)])
            try insertMention.run()
        }
        let insertQuote = try connection.cachedStatement(Self.insertQuote)
        for quote in article.quotes {
            try insertQuote.bind([.integer(articleID), .text(quote.text), SQLValue(quote.speaker.flatMap { entityIDsByName[$0] }),
                                  SQLValue(quote.speaker), SQLValue(quote.partial), SQLValue(quote.position)])
            try insertQuote.run()
        }
        let packed = PackedFacets(
            source: sourceID, aggregator: aggregatorID, day: article.published.map { String($0.prefix(10)) },
            agencies: Array(Set(article.credits)).sorted(), people: (facetIDs[.person] ?? []).sorted(),
            places: (facetIDs[.place] ?? []).sorted(), organizations: (facetIDs[.organization] ?? []).sorted())
        try connection.execute(Self.insertFacets, [.integer(articleID), .text(packed.text)])
        searchBounds?.stored(id: articleID, terms: prepared.terms)
        return .inserted(id: articleID)
    }

    /// A copy from another aggregator may show what the first one did not (a title, a byline).
    /// The full-text triggers stand aside during the batch, so when a title is added to a row that
    /// an earlier batch indexed, its index entry is replaced here.
    private func fillGaps(from article: Article, hash: String) throws {
        guard let stored = try connection.query(Self.storedWithGaps, [.text(hash)]).first, let id = stored.int64(0) else { return }
        let titleAdded = stored.isNull(1) && article.title != nil
        let reindex = id <= indexedArticles && titleAdded
        if titleAdded {
            // The terms counted for its block's bounds lack the title now stored.
            searchBounds?.textChanged(id: id)
        }
        if reindex {
            try connection.execute(Self.unindexArticle, [.integer(id), .null, stored.values[2], stored.values[3]])
        }
        try connection.execute(Self.fillGaps, [
            SQLValue(article.title), SQLValue(article.byline), SQLValue(article.published), SQLValue(article.dateline), .integer(id),
        ])
        if reindex {
            try connection.execute(Self.indexArticle, [.integer(id), SQLValue(article.title), stored.values[2], stored.values[3]])
        }
    }

    static let storedWithGaps = """
        SELECT id, title, lead, body FROM articles
        WHERE content_hash = ? AND (title IS NULL OR byline IS NULL OR published IS NULL OR dateline IS NULL)
        """
    static let unindexArticle = "INSERT INTO articles_fts (articles_fts, rowid, title, lead, body) VALUES ('delete', ?, ?, ?, ?)"
    static let indexArticle = "INSERT INTO articles_fts (rowid, title, lead, body) VALUES (?, ?, ?, ?)"

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
